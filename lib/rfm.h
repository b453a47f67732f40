// The nightly RFM rules of SPEC 4.4: recency, frequency and monetary value per
// customer as of a date, 1-5 scores, segment, lifecycle, high-value tag with
// hysteresis, tier. Pure functions: the caller reads and writes the store.
#pragma once
#include <string>
#include <vector>

#include "clock.h"
#include "config.h"
#include "money.h"

namespace crm {

// One order as the rules see it: whose (index into the customer list), when, how much.
struct OrderFact {
    int customer;
    Date date;
    Cents amount;
};

struct RfmResult {
    bool has_orders = false;  // in the scored population
    int r = 0;                // days since the last order
    int f = 0;                // orders in the window
    Cents m = 0;              // their amount
    bool m_overflow = false;  // m would pass the largest sum crm holds
    int rfm_r = 0, rfm_f = 0, rfm_m = 0;  // 1-5, 0 for customers without orders
    std::string segment, lifecycle, tier;
    bool high_value = false;
};

// prev_high[i] is customer i's stored high-value tag (for the hysteresis).
// Orders dated after as_of are ignored. The result does not depend on the
// order of facts or customers.
std::vector<RfmResult> compute_rfm(size_t customers, const std::vector<OrderFact>& facts,
                                   const std::vector<bool>& prev_high, Date as_of, const RfmConfig& config);

// 1 + floor(5 * worse / n) for each value; worse counts strictly larger values
// when larger_is_worse, else strictly smaller ones.
std::vector<int> rfm_scores(const std::vector<long long>& values, bool larger_is_worse);

}  // namespace crm
