#include "rfm.h"

#include <algorithm>
#include <limits>

namespace crm {

std::vector<int> rfm_scores(const std::vector<long long>& values, bool larger_is_worse) {
    std::vector<long long> sorted = values;
    std::sort(sorted.begin(), sorted.end());
    const long long n = (long long)values.size();
    std::vector<int> out(values.size());
    for (size_t i = 0; i < values.size(); ++i) {
        long long worse = larger_is_worse
                              ? n - (std::upper_bound(sorted.begin(), sorted.end(), values[i]) - sorted.begin())
                              : std::lower_bound(sorted.begin(), sorted.end(), values[i]) - sorted.begin();
        out[i] = int(1 + (5 * worse) / n);
    }
    return out;
}

namespace {

// The index of the first tier m or f reaches, or tiers.size() for none.
size_t tier_reached(Cents m, int f, const std::vector<Tier>& tiers) {
    size_t i = 0;
    while (i < tiers.size() && m < tiers[i].min_amount && f < tiers[i].min_orders) ++i;
    return i;
}

// Orders and their sum in one span of days; the sum stops at the largest Cents.
struct Tally {
    int f = 0;
    Cents m = 0;
    void add(Cents amount) {
        ++f;
        if (__builtin_add_overflow(m, amount, &m)) m = std::numeric_limits<Cents>::max();
    }
};

// Calendar assessment (crm-rfm(1)): the better of what this year's orders
// reach so far and what last year's reached, so a tier earned is held through
// the next year and the count starts again after 12-31.
std::vector<size_t> calendar_tiers(size_t customers, const std::vector<OrderFact>& facts, Date as_of,
                                   const std::vector<Tier>& tiers) {
    int y, m, d;
    civil(as_of, y, m, d);
    const Date year_start = *make_date(y, 1, 1), last_year_start = *make_date(y - 1, 1, 1);
    std::vector<Tally> this_year(customers), last_year(customers);
    for (const auto& o : facts) {
        if (o.date > as_of || o.date < last_year_start) continue;
        (o.date >= year_start ? this_year : last_year)[size_t(o.customer)].add(o.amount);
    }
    std::vector<size_t> out(customers);
    for (size_t i = 0; i < customers; ++i)
        out[i] = std::min(tier_reached(this_year[i].m, this_year[i].f, tiers),
                          tier_reached(last_year[i].m, last_year[i].f, tiers));
    return out;
}

}  // namespace

std::vector<RfmResult> compute_rfm(size_t customers, const std::vector<OrderFact>& facts,
                                   const std::vector<bool>& prev_high, Date as_of, const RfmConfig& cfg) {
    std::vector<RfmResult> out(customers);
    std::vector<Date> first(customers, 0), last(customers, 0);
    std::vector<long long> total(customers, 0);
    for (const auto& o : facts) {
        if (o.date > as_of) continue;
        RfmResult& c = out[size_t(o.customer)];
        size_t i = size_t(o.customer);
        if (total[i] == 0 || o.date > last[i]) last[i] = o.date;
        if (total[i] == 0 || o.date < first[i]) first[i] = o.date;
        ++total[i];
        if (as_of - o.date < cfg.window_days) {
            ++c.f;
            c.m_overflow |= __builtin_add_overflow(c.m, o.amount, &c.m);
        }
    }
    std::vector<size_t> pop;
    for (size_t i = 0; i < customers; ++i)
        if (total[i] > 0) pop.push_back(i);
    std::vector<long long> rs, fs, ms;
    for (size_t i : pop) {
        out[i].has_orders = true;
        out[i].r = as_of - last[i];
        rs.push_back(out[i].r);
        fs.push_back(out[i].f);
        ms.push_back(out[i].m);
    }
    auto R = rfm_scores(rs, true), F = rfm_scores(fs, false), M = rfm_scores(ms, false);
    std::vector<size_t> calendar;
    if (cfg.tier_assessment == TierAssessment::kCalendar) calendar = calendar_tiers(customers, facts, as_of, cfg.tiers);
    std::vector<long long> sorted_m = ms;
    std::sort(sorted_m.begin(), sorted_m.end());
    const double n = double(pop.size());
    for (size_t k = 0; k < pop.size(); ++k) {
        RfmResult& c = out[pop[k]];
        const size_t i = pop[k];
        c.rfm_r = R[k];
        c.rfm_f = F[k];
        c.rfm_m = M[k];
        for (const auto& s : cfg.segments)
            if (s.r.count(c.rfm_r) && s.f.count(c.rfm_f)) { c.segment = s.name; break; }
        int first_age = as_of - first[i];
        if (c.r > cfg.lost_days) c.lifecycle = "lost";
        else if (c.r > cfg.sleeping_days) c.lifecycle = "sleeping";
        else if (first_age <= cfg.new_days || total[i] == 1) c.lifecycle = "new";
        else c.lifecycle = "active";
        // How many customers have a strictly larger M.
        double better = double(sorted_m.end() - std::upper_bound(sorted_m.begin(), sorted_m.end(), c.m));
        bool top = c.m > 0 && better < cfg.top * n;
        bool keep = c.m > 0 && better < cfg.keep_top * n;
        bool prev = i < prev_high.size() && prev_high[i];
        c.high_value = prev ? keep : (top && c.f >= cfg.min_orders);
        const size_t tier = calendar.empty() ? tier_reached(c.m, c.f, cfg.tiers) : calendar[i];
        if (tier < cfg.tiers.size()) c.tier = cfg.tiers[tier].name;
    }
    for (size_t i = 0; i < customers; ++i)
        if (!out[i].has_orders) out[i].lifecycle = "prospect";
    return out;
}

}  // namespace crm
