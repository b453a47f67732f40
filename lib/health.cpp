#include "health.h"

#include <algorithm>
#include <cmath>

namespace crm {

namespace {

double clamp100(double v) { return std::clamp(v, 0.0, 100.0); }

// Days since the last purchase against the customer's own rhythm (their mean
// days between purchases, a week at least): 100 within one rhythm, 50 at
// two, 0 from three.
double recency_score(const HealthFacts& f, Date day, double gap_days) {
    const double gap = std::max(7.0, f.purchase_days > 1 ? double(f.last - f.first) / (f.purchase_days - 1) : gap_days);
    const double rhythms = double(day - f.last) / gap;
    return clamp100(100 * (3 - rhythms) / 2);
}

// Monthly spend over six months: 100 for the same spend each month, 0 for
// all of it in one month (a coefficient of variation of sqrt(5)), 0 for none.
double volatility_score(const HealthFacts& f) {
    double mean = 0;
    for (Cents c : f.spans) mean += double(std::max<Cents>(c, 0)) / 6;
    if (mean <= 0) return 0;
    double var = 0;
    for (Cents c : f.spans) var += std::pow(double(std::max<Cents>(c, 0)) - mean, 2) / 6;
    return clamp100(100 * (1 - std::sqrt(var) / mean / std::sqrt(5.0)));
}

// Tickets per purchase in 180 days take up to 50; each unresolved ticket 25, two at most.
double complaints_score(const HealthFacts& f) {
    const double rate = std::min(1.0, double(f.tickets_180) / std::max(1, f.orders_180));
    return clamp100(100 - 50 * rate - 25 * std::min(f.unresolved, 2));
}

// Interactions in the last 90 days against the 90 before: only a decline costs.
double interactions_score(const HealthFacts& f) {
    if (f.interactions_before == 0) return 100;
    return clamp100(100 * double(f.interactions_90) / f.interactions_before);
}

}  // namespace

std::string risk_of(int score, const HealthConfig& config) {
    return score < config.high_below ? kRiskBands[0] : score < config.medium_below ? kRiskBands[1] : kRiskBands[2];
}

Health health_of(const HealthFacts& f, Date day, double gap_days, const HealthConfig& config) {
    Health h;
    h.recency = recency_score(f, day, gap_days);
    h.volatility = volatility_score(f);
    h.complaints = complaints_score(f);
    h.interactions = interactions_score(f);
    double sum = config.recency * h.recency + config.volatility * h.volatility + config.complaints * h.complaints +
                 config.interactions * h.interactions;
    double weights = config.recency + config.volatility + config.complaints + config.interactions;
    if (f.p_alive) {  // without a fit the other components share the weight
        h.alive = 100 * *f.p_alive;
        sum += config.alive * *h.alive;
        weights += config.alive;
    }
    h.score = weights > 0 ? int(std::lround(sum / weights)) : 100;
    h.risk = risk_of(h.score, config);
    return h;
}

double median_gap_days(const std::vector<HealthFacts>& facts) {
    std::vector<double> gaps;
    for (const auto& f : facts)
        if (f.purchase_days > 1) gaps.push_back(double(f.last - f.first) / (f.purchase_days - 1));
    if (gaps.empty()) return 30;
    const auto mid = gaps.begin() + std::ptrdiff_t(gaps.size() / 2);
    std::nth_element(gaps.begin(), mid, gaps.end());
    if (gaps.size() % 2) return *mid;
    return (*mid + *std::max_element(gaps.begin(), mid)) / 2;
}

}  // namespace crm
