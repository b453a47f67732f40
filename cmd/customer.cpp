// crm customer add|show|list|set|import|export
#include <iostream>
#include <map>
#include <set>
#include <unordered_map>

#include "../lib/customer.h"
#include "../lib/points.h"
#include "../lib/customer_view.h"
#include "../lib/lead.h"
#include "../lib/lead_view.h"
#include "../lib/ticket.h"
#include "../lib/ticket_view.h"
#include "../lib/ids.h"
#include "../lib/record_import.h"
#include "../lib/order.h"
#include "../lib/privacy.h"
#include "../lib/text.h"
#include "../lib/unique.h"
#include "../lib/timeline.h"
#include "context.h"
#include "fields.h"

namespace crm {

namespace {

struct Args {
    std::map<std::string, std::string> fields;  // given field options, by field name
    std::vector<std::string> tags, untags, unset, where;
    std::string id, file, lifecycle, tier, segment, owner, tag, region, risk, sort;
    bool skip_bad = false, matching = false;
};
Args args;

void add_field_options(CLI::App* cmd, bool name_required) {
    std::vector<std::string> fields = input_fields<Customer>();
    fields.erase(std::remove(fields.begin(), fields.end(), "tags"), fields.end());
    add_field_flags(cmd, fields, args.fields, "customer");
    if (name_required) cmd->get_option("--name")->required();
    // One value per --tag, taken as written: CLI11 would read "[a]" as a list and store a.
    cmd->add_option("--tag", args.tags, "add a tag (repeatable)")->allow_extra_args(false);
}

// Applies args.fields to c; problems are reported under the flag's name.
void apply_fields(Customer& c, const Config& config) {
    Problems problems;
    for (const auto& [field, value] : args.fields) {
        std::string why = set_field(c, field, value, config);
        if (!why.empty()) problems.add(flag_name(field) + ": " + why);
    }
    const FieldInfo& tags = kind_of<Customer>().field("tags");
    for (const auto& t : args.tags) {
        std::string tag = t;  // one tag: the list's item rule, without splitting at commas
        std::string why = check_input(tags, tag, config);
        if (why.empty() && (tag.empty() || tag.find(',') != std::string::npos)) why = quote_value(t) + " is not a tag";
        if (!why.empty()) problems.add("--tag: " + why);
        else if (std::find(c.tags.begin(), c.tags.end(), tag) == c.tags.end()) c.tags.push_back(tag);
    }
    problems.raise(kDataErr);
}

void run_add(Context& ctx) {
    Store store = ctx.open_store();
    Time now = ctx.now(store);
    Customer c = new_record<Customer>();
    apply_fields(c, store.config());
    c.created = c.updated = format_time(now, store.config().zone);
    Writer writer = ctx.writer(store, now);
    require_unique(store, c);
    c.id = mint_id<Customer>(store, now);
    save_record(writer, c);
    writer.audit(c.id, changed_fields(Customer{}, c));
    writer.commit();
    std::cout << c.id << '\n';
}

void run_set(Context& ctx) {
    Store store = ctx.open_store();
    Time now = ctx.now(store);
    Writer writer = ctx.writer(store, now);
    const std::string id = resolve_id<Customer>(store, args.id);
    const Customer before = load_record<Customer>(store, id);
    ctx.access->require_owner(before.owner, "customer " + id);
    Customer c = before;
    for (const auto& f : args.unset) {
        if (f == "name" || f == "id") throw Failure(kUsage, "--unset: " + f + " cannot be removed");
        if (f == "tags") c.tags.clear();
        else if (!set_field(c, f, "", store.config()).empty())
            throw Failure(kUsage, "--unset: " + quote_value(f) + " is not a customer field");
    }
    apply_fields(c, store.config());
    for (const auto& t : args.untags) c.tags.erase(std::remove(c.tags.begin(), c.tags.end(), t), c.tags.end());
    auto changed = changed_fields(before, c);
    if (changed.empty()) {
        ctx.note("customer " + id + " unchanged");
        return;
    }
    c.updated = format_time(now, store.config().zone);
    require_unique(store, c, &before);
    save_record(writer, c);
    writer.audit(id, changed);
    writer.commit();
    std::cout << id << '\n';
}

void run_timeline(Context& ctx) {
    Store store = ctx.open_store();
    const std::string id = resolve_id<Customer>(store, args.id);
    ctx.access->require_owner(load_record<Customer>(store, id).owner, "customer " + id);
    render(select_fields(customer_timeline(store, id, ctx.now(store)), ctx.fields, {}), ctx.output(), std::cout);
}

void run_show(Context& ctx) {
    Store store = ctx.open_store();
    const std::string id = resolve_id<Customer>(store, args.id);
    std::vector<Customer> one = {load_record<Customer>(store, id)};
    ctx.access->require_owner(one[0].owner, "customer " + id);
    Problems ignore;
    const Time now = ctx.now(store);
    auto rfm = rfm_for(one, store, local_date(now, store.config().zone), &ignore);
    if (const auto created = parse_time(one[0].created, Zone()); created && *created > now && !rfm[0].has_orders)
        throw Failure(kNoInput, "customer " + id + " was created at " + one[0].created + ", after " +
                                    format_time(now, store.config().zone));
    Table t = customer_table(one, &rfm);
    t.columns.push_back({"benefits", Kind::Text});  // of the tier held (crm.yaml loyalty.benefits)
    t.rows[0].push_back(benefits_text(store.config().loyalty, one[0].tier));
    mask_unless_pii(ctx, t);
    show_record(ctx, t);
}

bool matches_where(const Table& t, const std::vector<std::string>& row, const std::string& cond) {
    size_t eq = cond.find('=');
    if (eq == std::string::npos) throw Failure(kUsage, "--where: " + quote_value(cond) + " is not field=value");
    std::string field = trim(cond.substr(0, eq)), value = cond.substr(eq + 1);
    int i = t.index(field);
    if (i < 0) throw Failure(kUsage, "--where: unknown field " + quote_value(field));
    if (field == "tags") {
        auto tags = split(row[i], ',');
        return std::find(tags.begin(), tags.end(), value) != tags.end();
    }
    return row[i] == value;
}

void run_list(Context& ctx) {
    Store store = ctx.open_store();
    std::vector<std::string> tiers, segments;
    for (const auto& t : store.config().rfm.tiers) tiers.push_back(t.name);
    for (const auto& s : store.config().rfm.segments) segments.push_back(s.name);
    require_choice("--tier", args.tier, tiers);
    require_choice("--segment", args.segment, segments);
    require_person(store, "--owner", args.owner);
    auto customers = customers_at(store, ctx.now(store));
    std::erase_if(customers, [&](const Customer& c) { return !ctx.access->may_see(c.owner); });
    static const std::vector<std::string> shown = {"id", "name", "phone", "region", "owner", "tier", "lifecycle"};
    std::string wanted = ctx.fields.empty() ? join(shown, ",") : ctx.fields;
    for (const auto& w : args.where) wanted += "," + w.substr(0, w.find('='));
    for (const auto* filter : {&args.lifecycle, &args.tier, &args.segment})
        if (!filter->empty()) wanted += ",segment";  // a classification filter reads the classification
    // The win-back list: --risk sorts by potential value, highest first, unless --sort says otherwise.
    const std::string sort = !args.sort.empty() || args.risk.empty() ? args.sort : "-potential_value";
    if (!args.risk.empty()) wanted += ",risk";
    if (!sort.empty()) wanted += "," + sort.substr(sort[0] == '-');
    std::string note;
    Table all = customer_rows(store, std::move(customers), wanted, ctx.now(store), &note);
    if (!note.empty()) ctx.note(note);
    mask_unless_pii(ctx, all);
    std::vector<std::string> conditions = args.where;
    auto add = [&](const char* field, const std::string& v) { if (!v.empty()) conditions.push_back(field + ("=" + v)); };
    add("lifecycle", args.lifecycle);
    add("tier", args.tier);
    add("segment", args.segment);
    add("owner", args.owner);
    add("tags", args.tag);
    add("region", args.region);
    add("risk", args.risk);
    Table kept;
    kept.columns = all.columns;
    for (auto& row : all.rows) {
        bool ok = true;
        for (const auto& c : conditions) ok = ok && matches_where(all, row, c);
        if (ok) kept.rows.push_back(std::move(row));
    }
    if (!sort.empty()) sort_rows(kept, sort);
    render(select_fields(kept, ctx.fields, shown), ctx.output(), std::cout);
}

void run_import(Context& ctx) {
    Store store = ctx.open_store();
    Time now = ctx.now(store);
    ImportSource src = open_import(store, args.file, import_columns<Customer>(), {});
    Writer writer = ctx.writer(store, now);
    const ImportCounts counts = import_records<Customer>(writer, store, src, args.skip_bad);
    writer.commit();
    for (const auto& id : counts.ids) std::cout << id << '\n';
    ctx.note(std::string(ctx.dry_run ? "would create " : "created ") + std::to_string(counts.created) + ", updated " +
             std::to_string(counts.updated) + ", unchanged " + std::to_string(counts.unchanged));
}

void run_export(Context& ctx) {
    Store store = ctx.open_store();
    if (args.id.empty()) {
        // The whole customer base, in the columns `customer import` reads back.
        auto customers = load_records<Customer>(store);
        OutputOptions o = ctx.output();
        if (o.format == "table") o.format = "csv";
        Table all = customer_table(customers, nullptr);
        mask_unless_pii(ctx, all);
        render(select_fields(all, ctx.fields, import_columns<Customer>()), o, std::cout);
        return;
    }
    // Everything held about one customer, as JSON.
    const std::string id = resolve_id<Customer>(store, args.id);
    export_customer(std::cout, store, id, ctx.now(store), !ctx.access->sees_pii());
}

void run_forget(Context& ctx) {
    Store store = ctx.open_store();
    const Time now = ctx.now(store);
    Writer writer = ctx.writer(store, now);
    const std::string id = resolve_id<Customer>(store, args.id);
    const auto unmatched = forget_customer(writer, store, id, format_time(now, store.config().zone), args.matching);
    writer.commit();
    if (!unmatched.empty())
        ctx.note("not erased, sharing its phone or email but not linked to it: " + join(unmatched, ", ") +
                 " (run again with --matching to erase them too)");
    if (!ctx.dry_run) rewrite_caches(store);
    std::cout << id << '\n';
    if (!ctx.dry_run)
        ctx.note("erased " + id + "'s personal data; orders kept under the ID. Old versions stay in git history: see crm-customer(1)");
}

}  // namespace

void add_customer_commands(CLI::App& app, Context& ctx) {
    auto* noun = add_noun(app, "customer");

    auto* add = add_command(noun, ctx, "add", run_add);
    add_field_options(add, true);

    auto* set = add_command(noun, ctx, "set", run_set);
    set->add_option("id", args.id, "customer ID or unambiguous prefix")->required();
    add_field_options(set, false);
    set->add_option("--untag", args.untags, "remove a tag (repeatable)")->allow_extra_args(false);
    set->add_option("--unset", args.unset, "clear a field (repeatable)");

    auto* show = add_command(noun, ctx, "show", run_show);
    show->add_option("id", args.id, "customer ID or unambiguous prefix")->required();

    auto* timeline = add_command(noun, ctx, "timeline", run_timeline);
    timeline->add_option("id", args.id, "customer ID, prefix or ref")->required();

    auto* list = add_command(noun, ctx, "list", run_list);
    add_choice(list, "--lifecycle", args.lifecycle, enum_at("customer", "rfm.lifecycle"), "only customers in this stage");
    list->add_option("--tier", args.tier, "tier name");
    list->add_option("--segment", args.segment, "RFM segment");
    list->add_option("--owner", args.owner, "owner");
    list->add_option("--tag", args.tag, "has this tag");
    list->add_option("--region", args.region, "region");
    list->add_option("--where", args.where, "field=value (repeatable; all must hold)");
    add_choice(list, "--risk", args.risk, enum_at("customer", "health.risk"),
               "only customers in this health risk band (sorted by potential value, highest first)");
    list->add_option("--sort", args.sort, "order by a field, -field for highest first");

    auto* import = add_command(noun, ctx, "import", run_import);
    import->add_option("file", args.file, "CSV file, or - for standard input")->required();
    import->add_flag("--skip-bad", args.skip_bad, "import the good rows, list the bad ones on stderr");

    auto* exp = add_command(noun, ctx, "export", run_export);
    exp->add_option("id", args.id, "customer ID: export everything held about this customer");

    auto* forget = add_command(noun, ctx, "forget", run_forget);
    forget->add_option("id", args.id, "customer ID, prefix or ref")->required();
    forget->add_flag("--matching", args.matching, "also erase records not linked to it that share its phone or email");
}

}  // namespace crm
