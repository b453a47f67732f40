// crm lead add|show|list|set|assign|status|log|convert|import
#include <iostream>
#include <set>
#include <unordered_map>

#include "../lib/assign.h"
#include "../lib/contact_index.h"
#include "../lib/unique.h"
#include "../lib/customer.h"
#include "../lib/ids.h"
#include "../lib/import.h"
#include "../lib/lead.h"
#include "../lib/lead_import.h"
#include "../lib/lead_view.h"
#include "../lib/text.h"
#include "context.h"
#include "fields.h"

namespace crm {

namespace {

struct Args {
    std::map<std::string, std::string> fields;
    std::string id, to, note, reason, channel, next, file, grade, owner, source, region;
    LeadStatus status = LeadStatus::kNew, filter_status = LeadStatus::kNew;
    bool by_status = false;
    bool auto_assign = false, allow_duplicate = false, force = false, skip_bad = false;
    bool overdue = false, unassigned = false;
};
Args args;

void apply_fields(Lead& l, const Config& config) {
    Problems problems;
    for (const auto& [field, value] : args.fields) {
        std::string why = set_lead_field(l, field, value, config);
        if (!why.empty()) problems.add(flag_name(field) + ": " + why);
    }
    problems.raise(kDataErr);
}

// Writes one changed lead (and the round-robin state when it moved).
// before: as written, so a score or grade that crm.yaml changed is refreshed here and audited.
void save(Writer& w, Lead& l, const Lead& before, const Config& config, const std::string& now) {
    derive(l, config);
    l.updated = now;
    save_record(w, l);
    w.audit(l.id, lead_changes(before, l, config));
}

void run_add(Context& ctx) {
    Store store = ctx.open_store();
    const Time now = ctx.now(store);
    const Config& config = store.config();
    if (args.auto_assign && args.fields.count("owner")) throw Failure(kUsage, "--owner and --auto-assign exclude each other");
    Lead l;
    l.created = l.updated = format_time(now, config.zone);
    apply_fields(l, config);
    // A sales person's new lead is theirs, unless the rules are to choose.
    if (ctx.access->enforced() && !ctx.access->may_see("") && !args.auto_assign) {
        if (l.owner.empty()) l.owner = ctx.access->actor();
        ctx.access->require_owner(l.owner, "the new lead");
    }
    score_lead(l, config.leads);
    Writer writer = ctx.writer(store, now);
    // The duplicate check reads the derived contact index, not every record.
    if (!args.allow_duplicate) {
        std::string twin = find_duplicate_contact(store, l);
        if (!twin.empty())
            throw Failure(kDataErr, "likely duplicate of " + twin + "; use --allow-duplicate to add it anyway");
    }
    RoundRobin rr = load_round_robin(store);
    if (args.auto_assign) {
        Assignment a = choose_owner(l, config, assignment_needs_leads(l, config) ? load_records<Lead>(store) : std::vector<Lead>{}, rr);
        l.owner = a.owner;
        ctx.note("assigned to " + a.owner + " (group " + a.group + ", " + a.strategy + ")");
    }
    require_unique(store, l);
    l.id = mint_id<Lead>(store, now);
    save(writer, l, Lead{}, config, l.created);
    if (args.auto_assign) writer.put(kRoundRobinFile, round_robin_yaml(rr));
    const bool index_current = contact_index_current(store);
    writer.commit();
    if (!ctx.dry_run) record_contacts(store, index_current, l.id, l.phone, l.email);
    std::cout << l.id << '\n';
}

void run_show(Context& ctx) {
    Store store = ctx.open_store();
    Lead l = load_record_at<Lead>(store, resolve_id<Lead>(store, args.id), ctx.now(store));
    ctx.access->require_owner(l.owner, "lead " + l.id);
    Table all = lead_table({l}, store.config(), ctx.now(store));
    mask_unless_pii(ctx, all);
    show_record(ctx, all);
    if (ctx.format != "table" || !ctx.fields.empty()) return;  // history only in the full view
    for (const auto& h : l.history)
        std::cout << "status  " << h.at << "  " << h.actor << "  " << (h.from.empty() ? "-" : h.from) << " -> " << h.to
                  << (h.note.empty() ? "" : "  " + h.note) << '\n';
    for (const auto& c : l.log)
        std::cout << "log     " << c.at << "  " << c.actor << "  " << c.channel << (c.note.empty() ? "" : "  " + c.note)
                  << (c.next.empty() ? "" : "  next " + c.next) << '\n';
}

void run_list(Context& ctx) {
    Store store = ctx.open_store();
    const Time now = ctx.now(store);
    std::vector<Lead> kept;
    require_person(store, "--owner", args.owner);
    for (auto& l : load_records_at<Lead>(store, now)) {
        if (!ctx.access->may_see(l.owner)) continue;
        if (args.by_status && l.status != args.filter_status) continue;
        if (!args.grade.empty() && l.grade != args.grade) continue;
        if (!args.owner.empty() && l.owner != args.owner) continue;
        if (!args.source.empty() && l.source != args.source) continue;
        if (!args.region.empty() && l.region != args.region) continue;
        if (args.unassigned && (!l.owner.empty() || !is_open(l))) continue;
        if (args.overdue && !followup_overdue(l, store.config(), now)) continue;
        kept.push_back(std::move(l));
    }
    Table all = lead_table(kept, store.config(), now);
    mask_unless_pii(ctx, all);
    render(select_fields(all, ctx.fields,
                         {"id", "name", "company", "score", "grade", "status", "owner", "overdue"}),
           ctx.output(), std::cout);
}

void run_set(Context& ctx) {
    Store store = ctx.open_store();
    const Time now = ctx.now(store);
    Writer writer = ctx.writer(store, now);
    const Lead before = load_record<Lead>(store, resolve_id<Lead>(store, args.id), Stored::kAsWritten);
    ctx.access->require_owner(before.owner, "lead " + before.id);
    Lead l = before;
    apply_fields(l, store.config());
    if (lead_changes(before, l, store.config()).empty()) {
        ctx.note("lead " + l.id + " unchanged");
        return;
    }
    require_unique(store, l, &before);
    save(writer, l, before, store.config(), format_time(now, store.config().zone));
    writer.commit();
    std::cout << l.id << '\n';
}

void run_assign(Context& ctx) {
    Store store = ctx.open_store();
    const Time now = ctx.now(store);
    const Config& config = store.config();
    if (args.unassigned == !args.id.empty()) throw Failure(kUsage, "give a lead ID or --unassigned");
    if (!args.to.empty() && !config.person(args.to))
        throw Failure(kDataErr, "--to: " + quote_value(args.to) + " is not in people: of crm.yaml");
    Writer writer = ctx.writer(store, now);
    auto leads = load_records<Lead>(store, nullptr, Stored::kAsWritten);
    std::vector<size_t> targets;
    std::string wanted = args.id.empty() ? "" : resolve_id<Lead>(store, args.id);
    for (size_t i = 0; i < leads.size(); ++i)
        if (wanted.empty() ? (leads[i].owner.empty() && is_open(leads[i])) : leads[i].id == wanted) targets.push_back(i);
    RoundRobin rr = load_round_robin(store);
    const RoundRobin rr_before = rr;
    Table plan;
    plan.columns = {{"lead", Kind::Text}, {"owner", Kind::Text}, {"group", Kind::Text}, {"strategy", Kind::Text}};
    for (size_t i : targets) {
        const Lead before = leads[i];
        Assignment a{args.to, "", "manual", -1};
        if (args.to.empty()) a = choose_owner(leads[i], config, leads, rr);
        leads[i].owner = a.owner;  // later choices in this run see it
        plan.add({leads[i].id, a.owner, a.group, a.strategy});
        if (leads[i].owner != before.owner) save(writer, leads[i], before, config, format_time(now, config.zone));
    }
    if (rr != rr_before) writer.put(kRoundRobinFile, round_robin_yaml(rr));
    writer.commit();
    if (ctx.dry_run) render(select_fields(plan, ctx.fields, {}), ctx.output(), std::cout);  // the choices made
    else for (const auto& row : plan.rows) std::cout << row[0] << '\n';
}

void run_status(Context& ctx) {
    Store store = ctx.open_store();
    const Time now = ctx.now(store);
    Writer writer = ctx.writer(store, now);
    const Lead before = load_record<Lead>(store, resolve_id<Lead>(store, args.id), Stored::kAsWritten);
    ctx.access->require_owner(before.owner, "lead " + before.id);
    Lead l = before;
    const std::string at = format_time(now, store.config().zone);
    std::string why = move_lead(l, args.status, args.note, args.reason, args.force, ctx.actor_name(), at);
    if (!why.empty()) throw Failure(kDataErr, "lead " + l.id + ": " + why);
    save(writer, l, before, store.config(), at);
    writer.commit();
    std::cout << l.id << '\n';
}

void run_log(Context& ctx) {
    Store store = ctx.open_store();
    const Time now = ctx.now(store);
    if (!args.next.empty() && !parse_date(args.next))
        throw Failure(kDataErr, "--next: " + quote_value(args.next) + " is not a date (YYYY-MM-DD)");
    if (!valid_utf8(args.note)) throw Failure(kDataErr, "--note: not valid UTF-8");
    Writer writer = ctx.writer(store, now);
    const Lead before = load_record<Lead>(store, resolve_id<Lead>(store, args.id), Stored::kAsWritten);
    ctx.access->require_owner(before.owner, "lead " + before.id);
    Lead l = before;
    const std::string at = format_time(now, store.config().zone);
    l.log.push_back({at, ctx.actor_name(), args.channel, args.note, args.next});
    if (l.first_contact.empty()) l.first_contact = at;
    if (!args.next.empty()) l.next_followup = args.next;
    // The first contact moves a new lead on: contacting it is what "contacted" means.
    if (l.status == LeadStatus::kNew) move_lead(l, LeadStatus::kContacted, "logged " + args.channel, "", false, ctx.actor_name(), at);
    save(writer, l, before, store.config(), at);
    writer.commit();
    std::cout << l.id << '\n';
}

void run_convert(Context& ctx) {
    Store store = ctx.open_store();
    const Time now = ctx.now(store);
    Writer writer = ctx.writer(store, now);
    const Lead before = load_record<Lead>(store, resolve_id<Lead>(store, args.id), Stored::kAsWritten);
    ctx.access->require_owner(before.owner, "lead " + before.id);
    if (before.status != LeadStatus::kWon)
        throw Failure(kDataErr, "lead " + before.id + " is " + name_of(before.status) + ": only a won lead can be converted");
    if (!before.customer.empty())
        throw Failure(kDataErr, "lead " + before.id + " was converted already, to " + before.customer);
    const std::string at = format_time(now, store.config().zone);
    Customer c;
    c.kind = before.company.empty() ? "person" : "company";
    c.name = before.company.empty() ? before.name : before.company;
    c.phone = before.phone;
    c.email = before.email;
    c.region = before.region;
    c.industry = before.industry;
    c.source = before.source;
    c.owner = before.owner;
    c.lead = before.id;
    c.created = c.updated = at;
    c.id = mint_id<Customer>(store, now);
    Lead l = before;
    l.customer = c.id;
    save_record(writer, c);
    writer.audit(c.id, {"name", "kind", "phone", "email", "region", "industry", "source", "owner", "lead"});
    save(writer, l, before, store.config(), at);
    writer.commit();
    std::cout << c.id << '\n';
}

void run_import(Context& ctx) {
    Store store = ctx.open_store();
    ImportSource src = open_import(store, args.file, lead_import_columns(), {"name"});
    Writer writer = ctx.writer(store, ctx.now(store));
    const LeadImportResult r = import_leads(writer, store, src, {args.skip_bad, args.allow_duplicate, args.auto_assign});
    writer.commit();
    for (const auto& id : r.ids) std::cout << id << '\n';
    ctx.note(std::string(ctx.dry_run ? "would import " : "imported ") + std::to_string(r.ids.size()) + " lead(s), " +
             std::to_string(r.present) + " already present");
}

void run_rescore(Context& ctx) {
    Store store = ctx.open_store();
    Writer writer = ctx.writer(store, ctx.now(store));
    const auto ids = rewrite_stale<Lead>(writer, store);
    writer.commit();
    for (const auto& id : ids) std::cout << id << '\n';
    ctx.note(std::string(ctx.dry_run ? "would rescore " : "rescored ") + std::to_string(ids.size()) + " lead(s)");
}

}  // namespace

void add_lead_commands(CLI::App& app, Context& ctx) {
    auto* noun = add_noun(app, "lead");
    auto id_arg = [](CLI::App* cmd) { cmd->add_option("id", args.id, "lead ID, unambiguous prefix or ref")->required(); };

    auto* add = add_command(noun, ctx, "add", run_add);
    add_field_flags(add, input_fields<Lead>(), args.fields, "lead");
    add->get_option("--name")->required();
    add->add_flag("--auto-assign", args.auto_assign, "choose the owner by leads.assignment in crm.yaml");
    add->add_flag("--allow-duplicate", args.allow_duplicate, "add even when a lead or customer has the same phone or email");

    auto* show = add_command(noun, ctx, "show", run_show);
    id_arg(show);

    auto* list = add_command(noun, ctx, "list", run_list);
    add_enum(list, "--status", args.filter_status, "only leads in this status", &args.by_status);
    add_choice(list, "--grade", args.grade, enum_at("lead", "grade"), "only leads of this grade");
    list->add_option("--owner", args.owner, "owner");
    add_choice(list, "--source", args.source, enum_at("lead", "source"), "only leads from this source");
    list->add_option("--region", args.region, "region");
    list->add_flag("--overdue", args.overdue, "open leads not contacted within leads.followup_hours");
    list->add_flag("--unassigned", args.unassigned, "open leads without an owner");

    auto* set = add_command(noun, ctx, "set", run_set);
    id_arg(set);
    add_field_flags(set, input_fields<Lead>(), args.fields, "lead");

    auto* assign = add_command(noun, ctx, "assign", run_assign);
    assign->add_option("id", args.id, "lead ID, prefix or ref");
    assign->add_option("--to", args.to, "assign to this person");
    assign->add_flag("--unassigned", args.unassigned, "assign every open lead without an owner");

    auto* status = add_command(noun, ctx, "status", run_status);
    id_arg(status);
    add_enum(status, "status", args.status, "the status to move to", nullptr, kDataErr)->required();
    status->add_option("--note", args.note, "note for the history");
    status->add_option("--reason", args.reason, "why it was lost (required for lost)");
    status->add_flag("--force", args.force, "allow moving backwards or out of won/lost");

    auto* log = add_command(noun, ctx, "log", run_log);
    id_arg(log);
    add_choice(log, "--channel", args.channel, enum_at("lead", "log.channel"), "how the lead was contacted", kDataErr)
        ->required();
    log->add_option("--note", args.note, "what was said");
    log->add_option("--next", args.next, "next follow-up date YYYY-MM-DD");

    auto* convert = add_command(noun, ctx, "convert", run_convert);
    id_arg(convert);

    add_command(noun, ctx, "rescore", run_rescore);

    auto* import = add_command(noun, ctx, "import", run_import);
    import->add_option("file", args.file, "CSV file, or - for standard input")->required();
    import->add_flag("--auto-assign", args.auto_assign, "assign leads without an owner by the rules");
    import->add_flag("--allow-duplicate", args.allow_duplicate, "import rows whose phone or email is already known");
    import->add_flag("--skip-bad", args.skip_bad, "import the good rows, list the bad ones on stderr");
}

}  // namespace crm
