// Customer health (crm-value(1)): a 0-100 score from weighted components,
// each 0-100 where 100 is healthy, and the risk band it falls in. Pure
// functions over one customer's facts as of a day; lib/health_view.h reads
// the store.
#pragma once
#include <array>
#include <optional>
#include <string>
#include <vector>

#include "clock.h"
#include "money.h"

namespace crm {

// crm.yaml health: the components' weights and the bands' lines (the
// defaults are lib/crm.default.yaml's).
struct HealthConfig {
    double recency = 0, volatility = 0, complaints = 0, interactions = 0, alive = 0;
    int high_below = 0, medium_below = 0;  // score < high_below: high risk; < medium_below: medium
};

// The risk bands, as the customer file and the filters name them.
inline constexpr const char* kRiskBands[] = {"high", "medium", "low"};

// What the score is made of, for one customer with orders, as of a day.
struct HealthFacts {
    int purchase_days = 0;           // distinct days with a purchase (not a return), to the day
    Date first = 0, last = 0;        // the first and the last of them
    std::array<Cents, 6> spans{};    // spend in each 30-day span ending on the day, oldest first
    int orders_180 = 0;              // purchase days in the last 180 days
    int tickets_180 = 0;             // tickets opened in the last 180 days
    int unresolved = 0;              // tickets neither solved nor closed
    int interactions_90 = 0, interactions_before = 0;  // in the last 90 days, and the 90 before
    std::optional<double> p_alive;   // from the value fit, when there is one
};

struct Health {
    double recency = 0, volatility = 0, complaints = 0, interactions = 0;
    std::optional<double> alive;
    int score = 0;
    std::string risk;
};

// gap_days: the population's median days between purchases, the rhythm a
// customer who bought only once is held to.
Health health_of(const HealthFacts& f, Date day, double gap_days, const HealthConfig& config);

// The median of each repeat buyer's mean days between purchases; 30 when no
// one bought twice.
double median_gap_days(const std::vector<HealthFacts>& facts);

// The band of a score.
std::string risk_of(int score, const HealthConfig& config);

}  // namespace crm
