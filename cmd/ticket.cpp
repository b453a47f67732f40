// crm ticket open|show|list|reply|note|status|assign|escalate|rate|import
#include <iostream>
#include <set>

#include "../lib/customer.h"
#include "../lib/ids.h"
#include "../lib/import.h"
#include "../lib/sla.h"
#include "../lib/text.h"
#include "../lib/ticket.h"
#include "../lib/ticket_import.h"
#include "../lib/ticket_view.h"
#include "context.h"
#include "fields.h"

namespace crm {

namespace {

struct Args {
    std::string id, customer, subject, type = "other", channel, description;
    Priority priority = Priority::kMedium, f_priority = Priority::kMedium;
    TicketStatus status = TicketStatus::kOpen, f_status = TicketStatus::kOpen;
    bool by_priority = false, by_status = false;
    std::string note, to, group, reason, comment, file, time_format, timezone;
    std::string f_type, f_channel, f_group, f_assignee;
    std::vector<std::string> maps;
    int score = 0;
    bool force = false, auto_mode = false, skip_bad = false;
};
Args args;

// Loads, changes and saves one ticket under the lock; change() returns the
// history event to record, and may throw.
template <class Change>
void update(Context& ctx, const char* command, Change change) {
    Store store = ctx.open_store();
    const Time now = ctx.now(store);
    Writer writer = ctx.writer(store, now, command);
    Ticket t = load_record<Ticket>(store, resolve_id<Ticket>(store, args.id));
    const std::string at = format_time(now, store.config().zone);
    std::vector<std::string> fields = change(t, store.config(), at);
    t.updated = at;
    save_record(writer, t);
    writer.audit(t.id, fields);
    writer.commit();
    std::cout << t.id << '\n';
}

void run_open(Context& ctx) {
    Store store = ctx.open_store();
    const Config& config = store.config();
    const Time now = ctx.now(store);
    Ticket t;
    // Each text by its field's rule, the one import and check apply (channel: tickets.channels of crm.yaml).
    Problems problems;
    take_flag_values<Ticket>({{"subject", args.subject, t.subject}, {"description", args.description, t.description},
                              {"channel", args.channel, t.channel}},
                             config, problems);
    if (t.subject.empty() && problems.empty()) problems.add("--subject: must not be empty");
    problems.raise(kDataErr);
    Writer writer = ctx.writer(store, now);
    t.customer = resolve_id<Customer>(store, args.customer);
    t.type = args.type;
    t.priority = args.priority;
    t.group = routed_group(config, t.type);
    t.created = t.updated = format_time(now, config.zone);
    t.id = mint_id<Ticket>(store, now);
    save_record(writer, t);
    writer.audit(t.id, {"customer", "subject", "type", "priority", "channel", "group"});
    writer.commit();
    std::cout << t.id << '\n';
}

void run_show(Context& ctx) {
    Store store = ctx.open_store();
    Ticket t = load_record_at<Ticket>(store, resolve_id<Ticket>(store, args.id), ctx.now(store));
    show_record(ctx, ticket_table({t}, store.config(), ctx.now(store)));
    if (ctx.format != "table" || !ctx.fields.empty()) return;  // history only in the full view
    for (const auto& e : t.history) {
        std::cout << e.event << "  " << e.at << "  " << e.actor;
        if (!e.from.empty() || !e.to.empty()) std::cout << "  " << (e.from.empty() ? "-" : e.from) << " -> " << e.to;
        if (!e.note.empty()) std::cout << "  " << e.note;
        std::cout << '\n';
    }
}

void run_list(Context& ctx) {
    Store store = ctx.open_store();
    std::vector<Ticket> kept;
    require_person(store, "--assignee", args.f_assignee);
    for (auto& t : load_records_at<Ticket>(store, ctx.now(store))) {
        if ((args.by_status && t.status != args.f_status) || (args.by_priority && t.priority != args.f_priority) ||
            (!args.f_type.empty() && t.type != args.f_type) || (!args.f_channel.empty() && t.channel != args.f_channel) ||
            (!args.f_group.empty() && t.group != args.f_group) ||
            (!args.f_assignee.empty() && t.assignee != args.f_assignee))
            continue;
        kept.push_back(std::move(t));
    }
    render(select_fields(ticket_table(kept, store.config(), ctx.now(store)), ctx.fields,
                         {"id", "subject", "priority", "status", "group", "assignee", "fr_state", "res_due", "res_state"}),
           ctx.output(), std::cout);
}

void run_reply(Context& ctx) {
    update(ctx, "ticket reply", [&](Ticket& t, const Config&, const std::string& at) {
        if (t.status == TicketStatus::kClosed) throw Failure(kDataErr, "ticket " + t.id + " is closed: a reply cannot reopen it");
        if (trim(args.note).empty()) throw Failure(kDataErr, "--note: must not be empty");
        t.history.push_back({at, ctx.actor_name(), "reply", "", "", args.note});
        std::vector<std::string> fields = {"history"};
        if (t.first_response.empty()) {
            t.first_response = at;
            fields.push_back("first_response");
        }
        return fields;
    });
}

void run_note(Context& ctx) {
    update(ctx, "ticket note", [&](Ticket& t, const Config&, const std::string& at) {
        if (trim(args.note).empty()) throw Failure(kDataErr, "--note: must not be empty");
        t.history.push_back({at, ctx.actor_name(), "note", "", "", args.note});
        return std::vector<std::string>{"history"};
    });
}

void run_status(Context& ctx) {
    update(ctx, "ticket status", [&](Ticket& t, const Config&, const std::string& at) {
        std::string why = set_ticket_status(t, args.status, ctx.actor_name(), at, args.note, args.force);
        if (!why.empty()) throw Failure(kDataErr, "ticket " + t.id + ": " + why);
        return std::vector<std::string>{"status", "history"};
    });
}

void run_assign(Context& ctx) {
    if (args.to.empty() == args.group.empty()) throw Failure(kUsage, "give --to AGENT or --group G");
    update(ctx, "ticket assign", [&](Ticket& t, const Config& config, const std::string& at) {
        if (!args.to.empty()) {
            if (!config.person(args.to)) throw Failure(kDataErr, "--to: " + quote_value(args.to) + " is not in people: of crm.yaml");
            t.history.push_back({at, ctx.actor_name(), "assign", t.assignee, args.to, ""});
            t.assignee = args.to;
            return std::vector<std::string>{"assignee", "history"};
        }
        if (args.group == t.group) throw Failure(kDataErr, "ticket " + t.id + " is in group " + t.group + " already");
        route_ticket(t, args.group, ctx.actor_name(), at);
        return std::vector<std::string>{"group", "history"};
    });
}

void run_rate(Context& ctx) {
    if (args.score < 1 || args.score > 5) throw Failure(kDataErr, "--score: " + std::to_string(args.score) + " is not 1 to 5");
    update(ctx, "ticket rate", [&](Ticket& t, const Config&, const std::string& at) {
        if (!is_done(t)) throw Failure(kDataErr, "ticket " + t.id + " is " + name_of(t.status) + ": rate it once it is solved or closed");
        t.csat = args.score;
        t.csat_comment = args.comment;
        t.history.push_back({at, ctx.actor_name(), "rate", "", std::to_string(args.score), args.comment});
        return std::vector<std::string>{"csat", "history"};
    });
}

void run_escalate(Context& ctx) {
    if (!args.auto_mode) {
        if (args.id.empty()) throw Failure(kUsage, "give a ticket ID or --auto");
        update(ctx, "ticket escalate", [&](Ticket& t, const Config& config, const std::string& at) {
            if (is_done(t)) throw Failure(kDataErr, "ticket " + t.id + " is " + name_of(t.status) + ": nothing to escalate");
            std::string group = args.to;
            for (const auto& l : config.tickets.levels)
                if (group.empty() && l.level == t.level + 1) group = l.group;
            if (group.empty())
                throw Failure(kDataErr, "no group is configured for escalation level " + std::to_string(t.level + 1) +
                                            " (tickets.escalation.levels); use --to GROUP");
            t.history.push_back({at, ctx.actor_name(), "escalate", std::to_string(t.level), std::to_string(t.level + 1),
                                 args.reason});
            ++t.level;
            route_ticket(t, group, ctx.actor_name(), at);
            return std::vector<std::string>{"level", "group", "history"};
        });
        return;
    }
    if (!args.id.empty()) throw Failure(kUsage, "--auto escalates every ticket that needs it; give no ID");
    // The cron form: raise every open ticket to the level its clocks call for. A
    // ticket already at that level is left alone, so re-running changes nothing.
    Store store = ctx.open_store();
    const Config& config = store.config();
    const Time now = ctx.now(store);
    Writer writer = ctx.writer(store, now, "ticket escalate --auto");
    const std::string at = format_time(now, config.zone);
    Table rows;
    rows.columns = {{"ticket", Kind::Text}, {"level", Kind::Number}, {"reason", Kind::Text}, {"due", Kind::Text},
                    {"group", Kind::Text}};
    // A dry run is a view of the store at its moment (what the cron would have
    // done then); a real run writes, and a ticket with events after that moment
    // refuses it (a history cannot run backwards).
    for (auto& t : ctx.dry_run ? load_records_at<Ticket>(store, now) : load_records<Ticket>(store)) {
        EscalationNeed need = escalation_need(t, compute_sla(t, config, now), config);
        if (need.level <= t.level) continue;
        rows.add({t.id, std::to_string(need.level), need.reason, need.due ? format_time(*need.due, config.zone) : "",
                  need.group});
        t.history.push_back({at, ctx.actor_name(), "escalate", std::to_string(t.level), std::to_string(need.level),
                             "auto: " + need.reason});
        t.level = need.level;
        route_ticket(t, need.group, ctx.actor_name(), at);
        t.updated = at;
        // A dry run's ticket is the rewound one: compared with the file it would show
        // the later events as removed, so it lists the change without field values.
        if (!ctx.dry_run) save_record(writer, t);
        writer.audit(t.id, {"level", "group", "history"});
    }
    writer.commit();
    render(select_fields(rows, ctx.fields, {}), ctx.output(), std::cout);
}

// --- import -----------------------------------------------------------------

void run_import(Context& ctx) {
    Store store = ctx.open_store();
    ticket_import_zone(args.timezone, store.config());  // a bad --timezone is a usage error before any file is read
    // Other columns of an old helpdesk's export are ignored: any header is taken.
    ImportSource src = open_import(store, args.file, {}, {});
    Writer writer = ctx.writer(store, ctx.now(store));
    const TicketImportResult r =
        import_tickets(writer, store, src, {args.maps, args.time_format, args.timezone, args.skip_bad});
    writer.commit();
    for (const auto& id : r.ids) std::cout << id << '\n';
    ctx.note(std::string(ctx.dry_run ? "would import " : "imported ") + std::to_string(r.ids.size()) + " ticket(s), " +
             std::to_string(r.present) + " already present");
}

}  // namespace

void add_ticket_commands(CLI::App& app, Context& ctx) {
    auto* noun = add_noun(app, "ticket");
    auto id_arg = [](CLI::App* cmd) { cmd->add_option("id", args.id, "ticket ID, unambiguous prefix or ref")->required(); };

    auto* open = add_command(noun, ctx, "open", run_open);
    open->add_option("--customer", args.customer, "customer ID, prefix or ref")->required();
    open->add_option("--subject", args.subject, "what it is about")->required();
    add_choice(open, "--type", args.type, enum_at("ticket", "type"), "what kind of problem (default other)", kDataErr);
    add_enum(open, "--priority", args.priority, "how urgent (default medium)", nullptr, kDataErr);
    open->add_option("--channel", args.channel, "where it came in: one of tickets.channels in crm.yaml "
                                                "(phone, wechat, email, app, store, web unless changed)");
    open->add_option("--description", args.description, "details");

    auto* show = add_command(noun, ctx, "show", run_show);
    id_arg(show);

    auto* list = add_command(noun, ctx, "list", run_list);
    add_enum(list, "--status", args.f_status, "only tickets in this status", &args.by_status);
    add_enum(list, "--priority", args.f_priority, "only tickets of this priority", &args.by_priority);
    add_choice(list, "--type", args.f_type, enum_at("ticket", "type"), "only tickets of this type");
    list->add_option("--channel", args.f_channel, "only tickets from this channel");
    list->add_option("--group", args.f_group, "group");
    list->add_option("--assignee", args.f_assignee, "assignee");

    for (auto [verb, fn, what] : {std::tuple{"reply", &run_reply, "the reply"}, {"note", &run_note, "the internal note"}}) {
        auto* cmd = add_command(noun, ctx, verb, fn);
        id_arg(cmd);
        cmd->add_option("--note", args.note, what)->required();
    }

    auto* status = add_command(noun, ctx, "status", run_status);
    id_arg(status);
    add_enum(status, "status", args.status, "the status to set", nullptr, kDataErr)->required();
    status->add_option("--note", args.note, "note for the history");
    status->add_flag("--force", args.force, "allow reopening a closed ticket");

    auto* assign = add_command(noun, ctx, "assign", run_assign);
    id_arg(assign);
    assign->add_option("--to", args.to, "agent (in people: of crm.yaml)");
    assign->add_option("--group", args.group, "group");

    auto* escalate = add_command(noun, ctx, "escalate", run_escalate);
    escalate->add_option("id", args.id, "ticket ID, prefix or ref");
    escalate->add_option("--reason", args.reason, "why");
    escalate->add_option("--to", args.to, "group to route to (default: the level's group)");
    escalate->add_flag("--auto", args.auto_mode, "for cron: escalate on warn/breach as tickets.escalation.levels says");

    auto* rate = add_command(noun, ctx, "rate", run_rate);
    id_arg(rate);
    rate->add_option("--score", args.score, "1-5")->required();
    rate->add_option("--comment", args.comment, "the customer's words");

    auto* import = add_command(noun, ctx, "import", run_import);
    import->add_option("file", args.file, "CSV file, or - for standard input")->required();
    import->add_option("--map", args.maps, "FIELD=COLUMN: read FIELD from another column (repeatable)");
    import->add_option("--time-format", args.time_format, "strptime format of the times, e.g. '%m/%d/%Y %I:%M:%S %p'");
    import->add_option("--timezone", args.timezone, "zone of the times (default: the store's)");
    import->add_flag("--skip-bad", args.skip_bad, "import the good rows, list the bad ones on stderr");
}

}  // namespace crm
