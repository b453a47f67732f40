// report kpi: the handbook's monthly KPI review, each metric beside its
// target (crm.yaml kpi_targets) and whether it was met (crm-report(1)).
#pragma once
#include <string>

#include "output.h"
#include "store.h"

namespace crm {

// The metrics, in the order the report lists them; at_most: the target is a
// ceiling (churn), else a floor.
struct KpiMetric {
    const char* name;
    bool at_most;
};
inline constexpr KpiMetric kKpiMetrics[] = {
    {"repurchase_rate", false}, {"activation_rate", false}, {"clv_change", false}, {"csat", false},
    {"churn_rate", true},       {"resolution_rate", false}, {"on_time_rate", false}, {"followup_rate", false},
};

// The month "YYYY-MM" (empty: the month of now's day) up to now: one row per
// metric: month, metric, value, aim (at least, at most), target, status
// (met, missed, or "" without data), numerator, denominator (for clv_change:
// the mean CLV at the period's end and the day before it began).
Table kpi_report(const Store& store, Time now, const std::string& month);

}  // namespace crm
