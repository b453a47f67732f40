// Tickets: one YAML file each, tickets/T-<id>.yaml, every event in its history.
#pragma once
#include <yaml-cpp/yaml.h>

#include <string>
#include <vector>

#include "config.h"
#include "error.h"
#include "record_io.h"
#include "store.h"

namespace crm {

struct TicketEvent {
    // event: reply|note|status|assign (assignee)|route (group)|escalate (level)|rate;
    // from and to are the field's values before and after, so the history can be replayed.
    std::string at, actor, event, from, to, note;
};

struct Ticket {
    std::string id, ref, customer, subject, description, type = "other";
    Priority priority = Priority::kMedium;
    std::string channel;
    TicketStatus status = TicketStatus::kOpen;
    std::string group, assignee;
    int level = 0;
    std::string created, updated, first_response, solved, closed;
    int csat = 0;  // 0 = not rated
    std::string csat_comment;
    std::vector<TicketEvent> history;
    YAML::Node extra;
    std::string file;
};

bool is_done(const Ticket& t);
// The group tickets of this type go to (tickets.routing of crm.yaml), or "".
std::string routed_group(const Config& config, const std::string& type);  // solved or closed

// Moves t to status at time `at`, keeping solved/closed times. Errors: unknown
// the same status, leaving closed without force.
std::string set_ticket_status(Ticket& t, TicketStatus status, const std::string& actor, const std::string& at,
                              const std::string& note, bool force);

// The ticket as it stood at t: events after t dropped, and the status, level,
// group, assignee, rating and times they set restored (lib/record_io.h, visible_at).
void rewind(Ticket& t, Time at);
// Moves the ticket to group (a route event), if it is not there already.
void route_ticket(Ticket& t, const std::string& group, const std::string& actor, const std::string& at);

const RecordKind<Ticket>& record_kind(const Ticket*);

// A ticket solved by t, as it stood at t: what the CSAT automation asks of
// every ticket. Read from a summary of each file in a derived cache of its own
// (.crm/cache/tickets-solved), so a night does not unpack every history.
struct SolvedTicket {
    std::string id, customer, solved;
};
// Throws Failure(65) when a ticket file cannot be read.
std::vector<SolvedTicket> solved_tickets(const Store& store, Time t);

}  // namespace crm
