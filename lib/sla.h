// SLA clocks of a ticket: first response and resolution, each measured on the
// business or the calendar clock of its policy, paused while the ticket's
// status is one of tickets.pause_statuses, and escalation conditions.
#pragma once
#include <optional>
#include <string>

#include "config.h"
#include "ticket.h"

namespace crm {

struct SlaClock {
    long long target = 0;          // seconds of SLA time; 0 = no target
    std::optional<Time> due;       // none while a pause holds the clock before the target is reached
    std::optional<Time> met;       // first response, or solved
    std::string state;             // achieved | breached | active | paused | "" (no target)
    long long used = 0;            // SLA seconds used until met, or until now
};

struct TicketSla {
    SlaClock first_response, resolution;
};

// now: the time states are judged at. A ticket solved without a recorded
// reply counts the solving as its first response.
TicketSla compute_sla(const Ticket& t, const Config& config, Time now);

// Which escalation level the ticket's clocks call for (0 = none), and why.
struct EscalationNeed {
    int level = 0;
    std::string reason, group;
    std::optional<Time> due;
};
EscalationNeed escalation_need(const Ticket& t, const TicketSla& sla, const Config& config);

}  // namespace crm
