// Predicted customer value (crm-value(1)): the BG/NBD model of repeat
// purchases (Fader, Hardie and Lee, "Counting Your Customers the Easy Way",
// Marketing Science 2005) and the Gamma-Gamma model of spend per purchase
// (Fader, Hardie and Lee, "RFM and CLV", JMR 2005), fitted by maximum
// likelihood. Pure functions over per-customer summaries; the caller reads
// the orders (lib/value.h).
#pragma once
#include <string>
#include <vector>

namespace crm {

// One customer as both models see them, in weeks from their first purchase.
struct Purchases {
    int x = 0;          // repeat purchases: distinct purchase days after the first
    double t_x = 0;     // when the last one was
    double T = 0;       // how long they have been watched (to the calibration end)
    double m = 0;       // mean spend of the repeat purchases (x > 0)
};

struct BgNbd {
    double r = 0, alpha = 0, a = 0, b = 0;
};
struct GammaGamma {
    double p = 0, q = 0, gamma = 0;
};

// Log-likelihoods, summed over the customers (Gamma-Gamma: those with x > 0
// and a mean repeat spend above zero).
// Written in log space: lgamma, and log-sum-exp for the BG/NBD's two terms.
double bgnbd_log_likelihood(const BgNbd& m, const std::vector<Purchases>& customers);
double gamma_gamma_log_likelihood(const GammaGamma& m, const std::vector<Purchases>& customers);

// A fit: the parameters, the log-likelihood at them, and the evaluations it took.
template <class Model>
struct Fit {
    Model model;
    double log_likelihood = 0;
    int evaluations = 0;
};
// Maximum likelihood by Nelder-Mead over the parameters' logarithms, from a
// fixed start and restarted until it stops improving, so the same customers
// give the same fit in any order. Throws Failure(65) when the data cannot
// identify the model (no customer bought twice, too few repeat buyers) or the
// search runs off to a boundary, saying which.
Fit<BgNbd> fit_bgnbd(const std::vector<Purchases>& customers);
Fit<GammaGamma> fit_gamma_gamma(const std::vector<Purchases>& customers);

// The probability that the customer is still active at the end of T.
double p_alive(const BgNbd& m, const Purchases& c);
// Expected purchases in the next t weeks (the conditional expectation).
double expected_purchases(const BgNbd& m, const Purchases& c, double t);
// Expected spend per purchase: the customer's mean weighted by how much it
// tells (x), against the population's mean p gamma / (q - 1).
double expected_spend(const GammaGamma& m, const Purchases& c);

}  // namespace crm
