// crm order add|import|list
#include <algorithm>
#include <iostream>
#include <map>
#include <set>
#include <unordered_map>
#include <unordered_set>

#include "../lib/customer.h"
#include "../lib/ids.h"
#include "../lib/import.h"
#include "../lib/order.h"
#include "../lib/order_input.h"
#include "../lib/text.h"
#include "context.h"

namespace crm {

namespace {

struct Args {
    std::string customer, amount, date, id, product, channel, ref, file, from, to, quantity;
    bool skip_bad = false, create_missing = false;
};
Args args;

// Order rows as a table with SPEC 2's order field names.
Table order_table(const std::vector<Order>& orders) {
    Table t;
    t.columns = {{"id", Kind::Text},     {"customer", Kind::Text}, {"ref", Kind::Text},
                 {"date", Kind::Text},   {"amount", Kind::Number}, {"quantity", Kind::Number},
                 {"product", Kind::Text}, {"channel", Kind::Text}, {"currency", Kind::Text}};
    for (const auto& o : orders)
        t.add({o.id, o.customer, o.ref, format_date(o.date), format_money(o.amount),
               o.quantity >= 0 ? std::to_string(o.quantity) : "", o.product, o.channel, o.currency});
    return t;
}

void run_add(Context& ctx) {
    Store store = ctx.open_store();
    Time now = ctx.now(store);
    std::map<std::string, std::string> in = {{"amount", args.amount}, {"id", args.id},       {"product", args.product},
                                             {"channel", args.channel}, {"ref", args.ref}};
    in["date"] = args.date.empty() ? format_date(local_date(now, store.config().zone)) : args.date;
    in["quantity"] = args.quantity;
    Order o;
    Problems p;
    fill_order(o, in, store.config(), p, "", 0);
    p.prefix_all("--");
    p.raise(kDataErr);
    Writer writer = ctx.writer(store, now);
    o.customer = resolve_id<Customer>(store, args.customer);
    ctx.access->require_owner(load_record<Customer>(store, o.customer).owner, "customer " + o.customer);
    if (o.id.empty()) {
        o.id = new_unique_id('O', now, [&](const std::string& id) { return order_id_taken(store, id); });
    } else if (order_id_taken(store, o.id)) {
        throw Failure(kDataErr, "--id: order " + quote_value(o.id) + " already exists");
    }
    write_orders(writer, store, {o});
    writer.commit();
    std::cout << o.id << '\n';
}

void run_import(Context& ctx) {
    Store store = ctx.open_store();
    ImportSource src = open_import(store, args.file, order_import_columns(), {"customer", "date", "amount"});
    Writer writer = ctx.writer(store, ctx.now(store));
    const OrderImportResult r = import_orders(writer, store, src, args.skip_bad, args.create_missing);
    writer.commit();
    for (const auto& id : r.ids) std::cout << id << '\n';
    ctx.note(std::string(ctx.dry_run ? "would import " : "imported ") + std::to_string(r.imported) + " order(s), " +
             std::to_string(r.present) + " already present, " + std::to_string(r.customers_created) +
             " customer(s) created");
}

void run_list(Context& ctx) {
    Store store = ctx.open_store();
    auto orders = load_orders(store, &skipped_files());
    const std::string customer = args.customer.empty() ? "" : resolve_id<Customer>(store, args.customer);
    const auto from = date_flag(args.from, "--from"), to = date_flag(args.to, "--to");
    const Date today = local_date(ctx.now(store), store.config().zone);  // as of a past day, no later order
    const auto visible = visible_customers(ctx, store);  // a sales person sees their own customers' orders
    std::vector<Order> kept;
    for (auto& o : orders) {
        bool own = !visible || visible->count(o.customer);
        if (own && (customer.empty() || o.customer == customer) && (!from || o.date >= *from) && (!to || o.date <= *to) && o.date <= today)
            kept.push_back(std::move(o));
    }
    render(select_fields(order_table(kept), ctx.fields, {"id", "customer", "date", "amount", "quantity", "product"}),
           ctx.output(), std::cout);
}

}  // namespace

void add_order_commands(CLI::App& app, Context& ctx) {
    auto* noun = add_noun(app, "order");

    auto* add = add_command(noun, ctx, "add", run_add);
    add->add_option("--customer", args.customer, "customer ID, unambiguous prefix or ref")->required();
    add->add_option("--amount", args.amount, "amount, e.g. 12.50")->required();
    add->add_option("--date", args.date, "order date YYYY-MM-DD (default: today in the store's timezone)");
    add->add_option("--id", args.id, "order ID (default: a new one)");
    add->add_option("--quantity", args.quantity, "quantity");
    add->add_option("--product", args.product, "product");
    add->add_option("--channel", args.channel, "sales channel");
    add->add_option("--ref", args.ref, "external order reference");

    auto* import = add_command(noun, ctx, "import", run_import);
    import->add_option("file", args.file, "CSV file, or - for standard input")->required();
    import->add_flag("--create-missing", args.create_missing, "create a stub customer for an unknown ref");
    import->add_flag("--skip-bad", args.skip_bad, "import the good rows, list the bad ones on stderr");

    auto* list = add_command(noun, ctx, "list", run_list);
    list->add_option("--customer", args.customer, "only this customer's orders (ID, prefix or ref)");
    list->add_option("--from", args.from, "from this date (inclusive)");
    list->add_option("--to", args.to, "to this date (inclusive)");
}

}  // namespace crm
