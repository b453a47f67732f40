#include "ticket.h"

#include <algorithm>

#include "ids.h"
#include "records.h"
#include "schema.h"
#include "text.h"
#include "yaml_read.h"
#include "yaml_write.h"

namespace crm {

const std::vector<std::string> kTicketTypes = {"quality", "service", "process", "other"};
const std::vector<std::string> kTicketPriorities = {"high", "medium", "low"};
const std::vector<std::string> kTicketStatuses = {"open", "pending", "on_hold", "solved", "closed"};
const std::vector<std::string> kTicketChannels = {"phone", "wechat", "email", "app", "store", "web"};

bool is_done(const Ticket& t) { return t.status == "solved" || t.status == "closed"; }

std::string set_ticket_status(Ticket& t, const std::string& status, const std::string& actor, const std::string& at,
                              const std::string& note, bool force) {
    if (std::find(kTicketStatuses.begin(), kTicketStatuses.end(), status) == kTicketStatuses.end())
        return quote_value(status) + " is not one of " + join(kTicketStatuses, ", ");
    if (status == t.status) return "the ticket is " + status + " already";
    if (t.status == "closed" && !force) return "the ticket is closed; reopening it needs --force";
    t.history.push_back({at, actor, "status", t.status, status, note});
    t.status = status;
    if (status == "solved") t.solved = at;
    if (status == "closed") {
        t.closed = at;
        if (t.solved.empty()) t.solved = at;
    }
    if (status != "solved" && status != "closed") t.solved = t.closed = "";  // reopened: the clock runs again
    return "";
}

std::string ticket_yaml(const Ticket& t) {
    YamlWriter w;
    w.str("id", t.id);
    w.str("ref", t.ref);
    w.str("customer", t.customer);
    w.str("subject", t.subject);
    w.str("description", t.description);
    w.str("type", t.type);
    w.str("priority", t.priority);
    w.str("channel", t.channel);
    w.str("status", t.status);
    w.str("group", t.group);
    w.str("assignee", t.assignee);
    if (t.level > 0) w.plain("level", std::to_string(t.level));
    w.plain("created", t.created);
    w.plain("updated", t.updated);
    w.plain("first_response", t.first_response);
    w.plain("solved", t.solved);
    w.plain("closed", t.closed);
    if (t.csat > 0) w.plain("csat", std::to_string(t.csat));
    w.str("csat_comment", t.csat_comment);
    std::vector<std::vector<std::pair<std::string, std::string>>> items;
    auto s = [](const std::string& v) { return v.empty() ? std::string() : yaml_string(v); };
    for (const auto& e : t.history)
        items.push_back({{"at", e.at}, {"actor", s(e.actor)}, {"event", e.event}, {"from", s(e.from)}, {"to", s(e.to)},
                         {"note", s(e.note)}});
    w.flow_items("history", items);
    w.extra(t.extra);
    return w.text();
}

static const std::vector<std::string>& known_keys() {
    static const std::vector<std::string> k = {
        "id",      "ref",     "customer", "subject",        "description", "type",   "priority",
        "channel", "status",  "group",    "assignee",       "level",       "created", "updated",
        "first_response", "solved", "closed", "csat", "csat_comment", "history"};
    return k;
}

static std::string* text_field(Ticket& t, const std::string& key) {
    static const std::vector<std::pair<const char*, std::string Ticket::*>> fields = {
        {"id", &Ticket::id},         {"ref", &Ticket::ref},           {"customer", &Ticket::customer},
        {"subject", &Ticket::subject}, {"description", &Ticket::description}, {"type", &Ticket::type},
        {"priority", &Ticket::priority}, {"channel", &Ticket::channel}, {"status", &Ticket::status},
        {"group", &Ticket::group},   {"assignee", &Ticket::assignee}, {"created", &Ticket::created},
        {"updated", &Ticket::updated}, {"first_response", &Ticket::first_response}, {"solved", &Ticket::solved},
        {"closed", &Ticket::closed}, {"csat_comment", &Ticket::csat_comment}};
    for (const auto& [name, member] : fields)
        if (key == name) return &(t.*member);
    return nullptr;
}

Ticket ticket_from_yaml(const YAML::Node& root, const std::string& file, Problems& problems) {
    Ticket t;
    t.file = file;
    if (!valid_record(root, "ticket", file, problems)) return t;
    t.extra = YAML::Node(YAML::NodeType::Map);
    for (const auto& kv : root) {
        const std::string key = kv.first.Scalar();
        if (std::find(known_keys().begin(), known_keys().end(), key) == known_keys().end()) {
            t.extra[key] = kv.second;
        } else if (key == "history") {
            for (const auto& e : kv.second) {
                auto [at, actor, event, from, to, note] = scalars_of<6>(e, {"at", "actor", "event", "from", "to", "note"});
                t.history.push_back({at, actor, event, from, to, note});
            }
        } else if (key == "level") t.level = std::stoi(kv.second.Scalar());
        else if (key == "csat") t.csat = std::stoi(kv.second.Scalar());
        else *text_field(t, key) = kv.second.Scalar();
    }
    if (file != ticket_path(t.id) && file.find("tickets/") == 0)
        problems.add(file, line_of(root["id"]), "id", quote_value(t.id) + " does not match the file name");
    return t;
}

static Ticket read_ticket_file(const Store& store, const std::string& rel, Problems& problems) {
    return read_record_file<Ticket>(store, rel, problems, ticket_from_yaml);
}

std::string ticket_path(const std::string& id) { return "tickets/" + id + ".yaml"; }

Ticket load_ticket(const Store& store, const std::string& id) {
    const std::string rel = ticket_path(id);
    Problems problems;
    Ticket t = read_ticket_file(store, rel, problems);
    problems.raise(kDataErr);
    return t;
}

// The cached form (lib/pack.h); change the format name with the fields.
template <class Io>
void visit(Io& io, Ticket& t) {
    for (auto* s : {&t.id, &t.ref, &t.customer, &t.subject, &t.description, &t.type, &t.priority, &t.channel, &t.status,
                    &t.group, &t.assignee, &t.created, &t.updated, &t.first_response, &t.solved, &t.closed,
                    &t.csat_comment})
        io(*s);
    io(t.level);
    io(t.csat);
    io.list(t.history, [&](TicketEvent& e) {
        for (auto* s : {&e.at, &e.actor, &e.event, &e.from, &e.to, &e.note}) io(*s);
    });
}

std::vector<Ticket> load_tickets(const Store& store, Problems* problems) {
    return load_folder<Ticket>(store, "tickets", [&](const std::string& rel, Problems& p) {
        return read_ticket_file(store, rel, p);
    }, problems, "ticket 1");
}

std::string resolve_ticket_id(const Store& store, const std::string& arg) {
    return resolve_record_id(store, arg, 'T', "tickets", "ticket", [&] {
        return id_refs([&](Problems* p) { return load_tickets(store, p); });
    });
}

}  // namespace crm
