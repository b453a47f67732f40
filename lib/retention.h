// crm report retention: per month, who bought, who came back, who churned.
#pragma once
#include <optional>
#include <vector>

#include "clock.h"
#include "order.h"
#include "output.h"

namespace crm {

// One row per month from..to (months with orders when unbounded): active (customers
// who ordered in the month), new (first order ever), returning (active, ordered
// before), repurchase_rate = returning / active, churned (active last month, not
// this month), churn_rate = churned / active last month. A view of the past:
// orders after as_of are not seen and no month after its month is shown.
Table retention_report(const std::vector<Order>& orders, std::optional<Date> from, std::optional<Date> to,
                       Date as_of);

}  // namespace crm
