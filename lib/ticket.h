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
    std::string at, actor, event, from, to, note;  // event: reply|note|status|assign|escalate|rate
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

const RecordKind<Ticket>& record_kind(const Ticket*);

}  // namespace crm
