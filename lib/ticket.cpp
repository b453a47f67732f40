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

std::string routed_group(const Config& config, const std::string& type) {
    auto it = config.tickets.routing.find(type);
    return it == config.tickets.routing.end() ? "" : it->second;
}

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

// Each key of schemas/ticket.schema.yaml, in its order, and where it lives.
const RecordKind<Ticket>& record_kind(const Ticket*) {
    using T = Ticket;
    static const RecordKind<Ticket> kind("ticket", "tickets", 'T', [] {
        Slots<T> s;
        for (auto [key, member] : {std::pair{"id", &T::id}, {"ref", &T::ref}, {"customer", &T::customer},
                                   {"subject", &T::subject}, {"description", &T::description}, {"type", &T::type},
                                   {"priority", &T::priority}, {"channel", &T::channel}, {"status", &T::status},
                                   {"group", &T::group}, {"assignee", &T::assignee}})
            s.push_back(text_slot(key, member));
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
