// Tickets as rows (SPEC 2's ticket field names) and the ticket reports:
// report sla, report sla --detail, report complaints.
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "config.h"
#include "output.h"
#include "ticket.h"

namespace crm {

Table ticket_table(const std::vector<Ticket>& tickets, const Config& config, Time now);

struct TicketReportOptions {
    std::string by;  // "" | priority | type | group | assignee | channel | month
    std::optional<Date> from, to;
    bool detail = false;
};
Table sla_report(const std::vector<Ticket>& tickets, const Config& config, Time now, const TicketReportOptions& o);
// month: "YYYY-MM" or "" for all time.
Table complaints_report(const std::vector<Ticket>& tickets, const Config& config, Time now, const std::string& month);

}  // namespace crm
