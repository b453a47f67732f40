// Customer value from a store's orders (crm-value(1)): the BG/NBD and
// Gamma-Gamma fit to a calibration end (lib/value_model.h), what it predicts
// of each customer, its check against a holdout, and state/value.yaml, where
// the nightly `value recompute` keeps the fit of its night.
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "clock.h"
#include "output.h"
#include "purchase_days.h"
#include "rfm.h"
#include "store.h"
#include "value_model.h"

namespace crm {

// Each customer's purchases as both models see them, from their purchase
// days to end (lib/purchase_days.h): time in weeks, T to the end of `end`;
// nullopt for a customer without one.
std::vector<std::optional<Purchases>> purchases_to(const PurchaseDays& days, Date end);
// The same from the orders.
std::vector<std::optional<Purchases>> purchases_to(const std::vector<OrderFact>& facts, size_t customers, Date end);

// Both models fitted to the orders up to end, their parameters rounded to the
// ten significant digits state/value.yaml keeps (what is stored is what is used).
struct ValueFit {
    Date end = 0;
    size_t customers = 0, repeat_customers = 0;
    Fit<BgNbd> bgnbd;
    Fit<GammaGamma> spend;
};
// Throws Failure(65) naming what the orders lack (see fit_bgnbd).
ValueFit fit_value(const std::vector<std::optional<Purchases>>& purchases, Date end);

// What the fit says of one customer over the next `weeks`.
struct CustomerValue {
    double p_alive = 0, expected_purchases = 0, expected_spend = 0, potential_value = 0;
};
CustomerValue value_of(const ValueFit& fit, const Purchases& c, double weeks = 52);

// The fit against what happened after it: the purchases (distinct days) the
// customers of the fit made in (end, holdout_end], against the model's
// expectation, and the mean spend per purchase of those who bought, against
// the Gamma-Gamma expectation for them.
struct Holdout {
    Date end = 0;
    double purchases_predicted = 0, purchases_actual = 0, spend_predicted = 0, spend_actual = 0;
    size_t buyers = 0;
};
Holdout check_holdout(const ValueFit& fit, const std::vector<std::optional<Purchases>>& purchases,
                      const std::vector<OrderFact>& facts, Date holdout_end);

// The fit as name,value rows (parameters, log-likelihoods, counts), and the
// holdout's when given: what value fit and value recompute print.
Table value_table(const ValueFit& fit, const Holdout* holdout);

// The fit customer list, health and report health use at t's day: the
// stored one when it is of that day, else one made now from every customer's
// orders to the day (and *note says so), or none when those orders cannot
// determine the models (and *note says why). A state/value.yaml crm cannot
// read is Failure(65), naming its line.
std::optional<ValueFit> value_fit_at(const Store& store, Time t, std::string* note);

// state/value.yaml: written by value recompute, read by customer list.
extern const char* const kValueFile;
std::string value_yaml(const ValueFit& fit);
// The stored fit, or nullopt when there is none; a file crm cannot read is 65.
std::optional<ValueFit> stored_value(const Store& store);

}  // namespace crm
