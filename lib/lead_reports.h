// Lead reports: funnel (stages, conversion, won rate, days per stage), leads
// (counts by source, grade, owner, region) and the follow-up SLA.
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "clock.h"
#include "config.h"
#include "lead.h"
#include "output.h"

namespace crm {

struct LeadReportOptions {
    std::string by;                 // "" (one row, group all) | owner | source | region | grade
    std::optional<Date> from, to;   // creation dates, inclusive
};

Table funnel_report(const std::vector<Lead>& leads, const Config& config, const LeadReportOptions& o);
Table leads_report(const std::vector<Lead>& leads, const Config& config, const LeadReportOptions& o);
Table lead_sla_report(const std::vector<Lead>& leads, const Config& config, Time now, const LeadReportOptions& o);

}  // namespace crm
