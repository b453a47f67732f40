// Customer health read from the store (crm-value(1)): each customer's facts
// as of a moment (orders, tickets as they stood, interactions, the value
// fit's p_alive) scored by lib/health.h; and report health.
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "customer.h"
#include "health.h"
#include "output.h"
#include "rfm.h"
#include "store.h"
#include "transitions.h"
#include "value.h"

namespace crm {

// What the scores are made of, read from the store as of t (by customer
// index): everything but p_alive, so it can be read while the fit is made.
struct HealthInputs {
    Date day;
    std::vector<HealthFacts> facts;
    PurchaseDays days;
};
HealthInputs health_inputs(const Store& store, const std::vector<Customer>& customers, const std::vector<OrderFact>& facts,
                           Time t);
// The scores, with p_alive from fit when there is one.
std::vector<std::optional<Health>> health_scores(HealthInputs inputs, const ValueFit* fit, const HealthConfig& config);

// Both at once. By customer index: none for a customer without a purchase by t's day.
// fit may be null (the score then leaves p_alive out).
std::vector<std::optional<Health>> health_for(const Store& store, const std::vector<Customer>& customers,
                                              const std::vector<OrderFact>& facts, Time t, const ValueFit* fit);

// value recompute's keeping of the bands: each customer whose band differs
// from the one in their file (none for a customer without a purchase) is
// saved with the new one and audited; the transitions (field risk) are
// returned for the log. A customer whose band holds is not written.
std::vector<Transition> keep_risk_bands(Writer& writer, std::vector<Customer>& customers,
                                        const std::vector<std::optional<Health>>& health, Date night);

// report health: per risk band, customers, share, the mean score and
// components, and the potential value at stake.
Table health_report(const std::vector<std::optional<Health>>& health, const std::vector<double>& potential);

}  // namespace crm
