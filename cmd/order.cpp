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

// Parses an order date: YYYY-MM-DD, or an RFC 3339 time taken as its local date.
std::optional<Date> order_date(const std::string& text, const Zone& zone) {
    if (auto d = parse_date(text)) return d;
    if (text.size() > 10)
        if (auto t = parse_time(text, zone)) return local_date(*t, zone);
    return std::nullopt;
}

// Validates the typed columns of one order; problems are added under field names.
void fill_order(Order& o, const std::map<std::string, std::string>& in, const Config& config, Problems& p,
                const std::string& file, int line) {
    auto get = [&](const char* k) { auto it = in.find(k); return it == in.end() ? std::string() : trim(it->second); };
    std::string why;
    if (auto d = order_date(get("date"), config.zone)) o.date = *d;
    else p.add(file, line, "date", quote_value(get("date")) + " is not a date (YYYY-MM-DD)");
    if (auto m = parse_money(get("amount"), &why)) o.amount = *m;
    else p.add(file, line, "amount", quote_value(get("amount")) + " " + why);
    std::string q = get("quantity");
    if (!q.empty()) {
        bool ok = q.size() < 12;
        for (char c : q) ok = ok && c >= '0' && c <= '9';
        if (ok) o.quantity = std::stoll(q);
        else p.add(file, line, "quantity", quote_value(q) + " is not a whole number");
    }
    o.id = get("id");
    if (!o.id.empty() && !is_safe_id(o.id))
        p.add(file, line, "id", quote_value(o.id) + " is not a valid order ID (letters, digits, . _ -)");
    o.ref = get("ref");
    o.product = get("product");
    o.channel = get("channel");
    o.currency = get("currency");
    if (!o.currency.empty() && o.currency != config.currency)
        p.add(file, line, "currency", quote_value(o.currency) + " is not the store's currency " + config.currency);
    for (const auto* s : {&o.ref, &o.product, &o.channel})
        if (!valid_utf8(*s) || s->size() > 1000) p.add(file, line, "", "a text field is not valid UTF-8 or too long");
}

// Every order ID in the store, read a shard at a time.
std::unordered_set<std::string> order_ids(const Store& store) {
    std::unordered_set<std::string> ids;
    for_each_shard(store, nullptr, [&](const std::vector<Order>& shard) {
        for (const auto& o : shard) ids.insert(o.id);
    });
    return ids;
}

// Whether a stored order has this ID: one pass, a shard at a time, no set of a million IDs.
bool order_id_taken(const Store& store, const std::string& id) {
    bool taken = false;
    for_each_shard(store, nullptr, [&](const std::vector<Order>& shard) {
        taken = taken || std::any_of(shard.begin(), shard.end(), [&](const Order& o) { return o.id == id; });
    });
    return taken;
}

// Writes added orders into their month shards next to the existing ones, a
// shard at a time: sorted by date, each month's run of orders is one shard.
// Only the shards it adds to are read, so an import into a store of a million
// orders holds just those months.
void write_orders(Writer& writer, const Store& store, std::vector<Order> added) {
    for (const auto& o : added) writer.audit(o.id, {"customer", "date", "amount"});
    std::set<std::string> touched;
    for (const auto& o : added) touched.insert(order_shard(o.date));
    std::map<std::string, std::vector<Order>> existing;
    for_each_shard(store, nullptr, [&](std::vector<Order>& shard) {
        if (!shard.empty()) existing[shard[0].file] = std::move(shard);
    }, &touched);
    std::stable_sort(added.begin(), added.end(), [](const Order& a, const Order& b) { return a.date < b.date; });
    for (size_t i = 0; i < added.size();) {
        const std::string rel = order_shard(added[i].date);
        const Date next_month = shard_days(added[i].date).second;
        std::vector<Order> shard = std::move(existing[rel]);
        while (i < added.size() && added[i].date < next_month) shard.push_back(std::move(added[i++]));
        writer.put(rel, shard_yaml(std::move(shard)));
    }
}

// Customer lookup by ID (or unambiguous prefix) or by ref.
struct CustomerIndex {
    std::unordered_set<std::string> ids;
    std::unordered_map<std::string, std::string> by_ref;
    explicit CustomerIndex(const std::vector<Customer>& customers) {
        for (const auto& c : customers) {
            ids.insert(c.id);
            if (!c.ref.empty()) by_ref.emplace(c.ref, c.id);
        }
    }
    std::string find(const std::string& key) const {
        if (ids.count(key)) return key;
        if (auto it = by_ref.find(key); it != by_ref.end()) return it->second;
        return "";
    }
};

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
    Time now = ctx.now(store);
    ImportSource src = open_import(args.file, {"customer", "date", "amount", "id", "quantity", "product", "channel",
                                               "currency", "ref"},
                                   {"customer", "date", "amount"});
    Writer writer = ctx.writer(store, now);
    CustomerIndex customers(load_records<Customer>(store));

    std::vector<Order> parsed;
    std::unordered_map<std::string, int> occurrences;  // row content hash -> times seen in this file
    std::map<std::string, std::string> stubs;          // ref -> new customer ID
    std::map<std::string, int> file_ids;               // explicit id -> line
    validate_rows(src, args.skip_bad, [&](const CsvRow& row, Problems& p) {
        std::map<std::string, std::string> in;
        for (size_t k = 0; k < src.table.header.size(); ++k) in[src.table.header[k]] = row.fields[k];
        Order o;
        o.line = row.line;
        fill_order(o, in, store.config(), p, src.table.name, row.line);
        const std::string key = trim(in["customer"]);
        o.customer = customers.find(key);
        if (o.customer.empty() && key.size() > 2 && is_generated_id(normalise_id_arg(key, 'C'), 'C') &&
            starts_with(key, "C-"))
            p.add(src.table.name, row.line, "customer", quote_value(key) + ": no such customer");
        else if (o.customer.empty() && !args.create_missing)
            p.add(src.table.name, row.line, "customer",
                  quote_value(key) + ": no customer with this ID or ref (--create-missing creates one)");
        else if (key.empty())
            p.add(src.table.name, row.line, "customer", "is empty");
        if (!o.id.empty()) {
            auto [pos, fresh] = file_ids.emplace(o.id, row.line);
            if (!fresh) p.add(src.table.name, row.line, "id", quote_value(o.id) + " appears twice (also line " +
                                                                  std::to_string(pos->second) + ")");
        }
        if (!p.empty()) return;
        if (o.customer.empty()) o.customer = "ref:" + key;  // resolved once the stub exists
        if (o.id.empty()) {
            // No ID given: derive one from the row, counting repeats, so a re-import
            // of the same file finds the same IDs.
            std::string content = key + "|" + format_date(o.date) + "|" + format_money(o.amount) + "|" +
                                  std::to_string(o.quantity) + "|" + o.product + "|" + o.channel + "|" + o.ref;
            int n = occurrences[derived_id('#', content)]++;  // the hash, not the row: less memory
            o.id = derived_id('O', content + "#" + std::to_string(n));
        }
        parsed.push_back(std::move(o));
    });

    src.reader.reset();  // the file's text is parsed: free it before the shards are built
    occurrences = {};
    std::unordered_set<std::string> taken = order_ids(store);
    // Keep the new orders in place (no second vector of a million orders).
    std::vector<Order>& added = parsed;
    size_t kept = 0;
    int skipped = 0;
    std::vector<Customer> new_customers;
    for (auto& o : parsed) {
        if (taken.count(o.id)) { ++skipped; continue; }
        taken.insert(o.id);
        if (starts_with(o.customer, "ref:")) {
            std::string ref = o.customer.substr(4);
            auto it = stubs.find(ref);
            if (it == stubs.end()) {
                Customer c = new_record<Customer>();
                c.id = mint_id<Customer>(store, now, &customers.ids);
                c.ref = ref;
                c.name = ref;  // a stub is named after its ref until someone knows better
                c.created = c.updated = format_time(now, store.config().zone);
                new_customers.push_back(c);
                it = stubs.emplace(ref, c.id).first;
            }
            o.customer = it->second;
        }
        if (&added[kept] != &o) added[kept] = std::move(o);
        ++kept;
    }
    added.resize(kept);
    {
        for (const auto& c : new_customers) {
            save_record(writer, c);
            writer.audit(c.id, {"ref", "name", "kind"});
        }
    }
    std::string out;
    for (const auto& c : new_customers) out += c.id + "\n";
    for (const auto& o : added) out += o.id + "\n";
    const size_t imported = added.size();
    {
        write_orders(writer, store, std::move(added));
        writer.commit();
    }
    std::cout << out;
    ctx.note(std::string(ctx.dry_run ? "would import " : "imported ") + std::to_string(imported) + " order(s), " +
             std::to_string(skipped) + " already present, " + std::to_string(new_customers.size()) +
             " customer(s) created");
}

void run_list(Context& ctx) {
    Store store = ctx.open_store();
    auto orders = load_orders(store);
    const std::string customer = args.customer.empty() ? "" : resolve_id<Customer>(store, args.customer);
    auto bound = [](const std::string& text, const char* flag) -> std::optional<Date> {
        if (text.empty()) return std::nullopt;
        auto d = parse_date(text);
        if (!d) throw Failure(kUsage, std::string(flag) + ": " + quote_value(text) + " is not a date (YYYY-MM-DD)");
        return d;
    };
    auto from = bound(args.from, "--from"), to = bound(args.to, "--to");
    std::set<std::string> visible;  // a sales person sees the orders of their own customers
    if (!ctx.access->may_see(""))
        for (const auto& c : load_records<Customer>(store))
            if (ctx.access->may_see(c.owner)) visible.insert(c.id);
    std::vector<Order> kept;
    for (auto& o : orders) {
        bool own = ctx.access->may_see("") || visible.count(o.customer);
        if (own && (customer.empty() || o.customer == customer) && (!from || o.date >= *from) && (!to || o.date <= *to))
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
