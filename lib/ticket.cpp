#include "ticket.h"

#include <algorithm>
#include <cstdlib>
#include <optional>
#include <set>

#include "ids.h"
#include "records.h"
#include "schema.h"
#include "text.h"
#include "yaml_read.h"
#include "yaml_write.h"

namespace crm {

std::string routed_group(const Config& config, const std::string& type) {
    auto it = config.tickets.routing.find(type);
    return it == config.tickets.routing.end() ? "" : it->second;
}

bool is_done(const Ticket& t) { return t.status == TicketStatus::kSolved || t.status == TicketStatus::kClosed; }

std::string set_ticket_status(Ticket& t, TicketStatus status, const std::string& actor, const std::string& at,
                              const std::string& note, bool force) {
    if (status == t.status) return "the ticket is " + name_of(status) + " already";
    if (t.status == TicketStatus::kClosed && !force) return "the ticket is closed; reopening it needs --force";
    t.history.push_back({at, actor, "status", name_of(t.status), name_of(status), note});
    t.status = status;
    if (status == TicketStatus::kSolved) t.solved = at;
    if (status == TicketStatus::kClosed) {
        t.closed = at;
        if (t.solved.empty()) t.solved = at;
    }
    if (!is_done(t)) t.solved = t.closed = "";  // reopened: the clock runs again
    return "";
}

void route_ticket(Ticket& t, const std::string& group, const std::string& actor, const std::string& at) {
    if (group == t.group) return;
    t.history.push_back({at, actor, "route", t.group, group, ""});
    t.group = group;
}

static bool later(const std::string& time, Time t) {
    const auto x = parse_time(time, Zone());
    return x && *x > t;
}

// solved and closed as the kept status moves set them (as set_ticket_status does).
static void replay_done_times(Ticket& t, Time at) {
    bool moved = false;
    std::string solved, closed;
    for (const auto& e : t.history) {
        if (e.event != "status") continue;
        moved = true;
        if (e.to == "solved") solved = e.at;
        if (e.to == "closed") {
            closed = e.at;
            if (solved.empty()) solved = e.at;
        }
        if (e.to != "solved" && e.to != "closed") solved = closed = "";
    }
    if (moved || !is_done(t)) {
        t.solved = solved;
        t.closed = closed;
    }
    if (later(t.solved, at)) t.solved.clear();  // an imported ticket's times
    if (later(t.closed, at)) t.closed.clear();
    if (!moved && is_done(t))  // imported solved or closed, with no status moves: its times say what it was
        t.status = !t.closed.empty() ? TicketStatus::kClosed : !t.solved.empty() ? TicketStatus::kSolved : TicketStatus::kOpen;
}

void rewind(Ticket& t, Time at) {
    size_t kept = 0;
    while (kept < t.history.size() && !later(t.history[kept].at, at)) ++kept;
    std::set<std::string> restored;  // the first dropped event of each kind holds the value before it
    bool status_moved = false;
    for (size_t i = kept; i < t.history.size(); ++i) {
        const TicketEvent& e = t.history[i];
        if (!restored.insert(e.event).second) continue;
        if (e.event == "status") {
            status_moved = true;
            if (auto s = enum_named<TicketStatus>(e.from)) t.status = *s;
        } else if (e.event == "escalate") {
            t.level = std::atoi(e.from.c_str());
        } else if (e.event == "route") {
            t.group = e.from;
        } else if (e.event == "assign") {
            t.assignee = e.from;
        }
    }
    t.history.resize(kept);
    t.updated = t.history.empty() ? t.created : t.history.back().at;  // every ticket command leaves an event
    if (restored.count("rate")) {
        t.csat = 0;
        t.csat_comment.clear();
        for (const auto& e : t.history)
            if (e.event == "rate") {
                t.csat = std::atoi(e.to.c_str());
                t.csat_comment = e.note;
            }
    }
    if (later(t.first_response, at)) t.first_response.clear();
    if (status_moved || later(t.solved, at) || later(t.closed, at)) replay_done_times(t, at);
}

namespace {

// What solved_tickets keeps of a file: enough to tell whether the ticket is
// as it stood at t without its history (updated at or before t).
struct TicketSummary {
    std::string id, customer, created, updated, solved, file;
};

template <class Io>
void visit(Io& io, TicketSummary& t) {
    for (auto* s : {&t.id, &t.customer, &t.created, &t.updated, &t.solved}) io(*s);
}

}  // namespace

std::vector<SolvedTicket> solved_tickets(const Store& store, Time t) {
    // A summary not in its cache comes from the tickets' own when that has the
    // file (the first night after an upgrade does not parse every ticket).
    std::optional<FileCache> full;
    auto summaries = load_folder<TicketSummary>(
        store, "tickets",
        [&](const std::string& rel, Problems& problems) {
            if (!full) full.emplace(store, "tickets", kind_of<Ticket>().name);
            Ticket k;
            if (!full->take(rel, stamp_of(store.path(rel)), k)) k = read_record<Ticket>(store, rel, problems);
            return TicketSummary{k.id, k.customer, k.created, k.updated, k.solved, rel};
        },
        nullptr, "ticket summary 1", "tickets-solved");
    std::vector<SolvedTicket> out;
    for (auto& s : summaries) {
        if (const auto created = parse_time(s.created, Zone()); created && *created > t) continue;
        if (const auto updated = parse_time(s.updated, Zone()); !updated || *updated > t) {
            Ticket k = load_record<Ticket>(store, s.id);  // changed since t: rewound as load_records_at would
            if (!visible_at(k, t)) continue;
            s.solved = k.solved;
        }
        if (const auto solved = parse_time(s.solved, Zone()); solved && *solved <= t)
            out.push_back({std::move(s.id), std::move(s.customer), std::move(s.solved)});
    }
    return out;
}

// Each key of schemas/ticket.schema.yaml, in its order, and where it lives.
const RecordKind<Ticket>& record_kind(const Ticket*) {
    using T = Ticket;
    static const RecordKind<Ticket> kind("ticket", "tickets", 'T', [] {
        Slots<T> s;
        for (auto [key, member] : {std::pair{"id", &T::id}, {"ref", &T::ref}, {"customer", &T::customer},
                                   {"subject", &T::subject}, {"description", &T::description}, {"type", &T::type}})
            s.push_back(text_slot(key, member));
        s.push_back(enum_slot("priority", &T::priority));
        s.push_back(text_slot("channel", &T::channel));
        s.push_back(enum_slot("status", &T::status));
        s.push_back(text_slot("group", &T::group));
        s.push_back(text_slot("assignee", &T::assignee));
        s.push_back(int_slot("level", &T::level, 0));
        for (auto [key, member] : {std::pair{"created", &T::created}, {"updated", &T::updated},
                                   {"first_response", &T::first_response}, {"solved", &T::solved}, {"closed", &T::closed}})
            s.push_back(text_slot(key, member));
        s.push_back(int_slot("csat", &T::csat, 0));
        s.push_back(text_slot("csat_comment", &T::csat_comment));
        using E = TicketEvent;
        s.push_back(events_slot("history", &T::history, {{"at", &E::at}, {"actor", &E::actor}, {"event", &E::event},
                                                         {"from", &E::from}, {"to", &E::to}, {"note", &E::note}}));
        return s;
    }());
    return kind;
}

}  // namespace crm
