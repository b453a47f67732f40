#include "rfm.h"

#include <algorithm>

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
        for (const auto& t : cfg.tiers)
            if (c.m >= t.min_amount || c.f >= t.min_orders) { c.tier = t.name; break; }
    }
    for (size_t i = 0; i < customers; ++i)
        if (!out[i].has_orders) out[i].lifecycle = "prospect";
    return out;
}

}  // namespace crm
