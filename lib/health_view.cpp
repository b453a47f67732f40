#include "health_view.h"

#include <fmt/format.h>

#include <algorithm>
#include <limits>
#include <unordered_map>

#include "interaction.h"
#include "report.h"
#include "shard_io.h"
#include "ticket.h"

namespace crm {

namespace {

// Orders into each customer's facts: the six 30-day spans' net spend (returns
// included) and their purchase days.
void add_orders(std::vector<HealthFacts>& out, const std::vector<OrderFact>& facts, const PurchaseDays& days, Date day) {
    for (const auto& o : facts)
        if (const Date ago = day - o.date; ago >= 0 && ago < 180) {
            Cents& span = out[size_t(o.customer)].spans[size_t(5 - ago / 30)];
            if (__builtin_add_overflow(span, o.amount, &span)) span = o.amount > 0 ? kMaxAmount : -kMaxAmount;
        }
    for (size_t c = 0; c < out.size(); ++c) {
        const auto bought = days.of(c);
        HealthFacts& f = out[c];
        f.purchase_days = int(bought.size());
        if (bought.empty()) continue;
        f.first = bought.front().date, f.last = bought.back().date;
        for (const auto& d : bought) f.orders_180 += day - d.date < 180;
    }
}

}  // namespace

HealthInputs health_inputs(const Store& store, const std::vector<Customer>& customers, const std::vector<OrderFact>& facts,
                           Time t) {
    const Zone& zone = store.config().zone;
    const Date day = local_date(t, zone);
    HealthInputs in{day, std::vector<HealthFacts>(customers.size()),
                    PurchaseDays(facts, customers.size(), std::numeric_limits<Date>::min(), day)};
    std::vector<HealthFacts>& all = in.facts;
    std::unordered_map<std::string, size_t> index;
    for (size_t i = 0; i < customers.size(); ++i) index.emplace(customers[i].id, i);
    add_orders(all, facts, in.days, day);
    for (const auto& ticket : load_records_at<Ticket>(store, t)) {
        const auto it = index.find(ticket.customer);
        if (it == index.end()) continue;
        HealthFacts& f = all[it->second];
        const auto created = parse_time(ticket.created, zone);
        if (created && day - local_date(*created, zone) < 180) ++f.tickets_180;
        f.unresolved += !is_done(ticket);
    }
    // Only the last 180 days' shards are read.
    for_each_shard_of<Interaction>(store, &skipped_files(), [&](std::vector<Interaction>& shard) {
        for (const auto& x : shard) {
            const auto at = parse_time(x.at, zone);
            if (!at || *at > t || day - local_date(*at, zone) >= 180) continue;
            const auto it = index.find(x.customer);
            const auto created = parse_time(x.created, zone);
            if (it == index.end() || !created || *created > t) continue;
            const Date ago = day - local_date(*at, zone);
            all[it->second].interactions_90 += ago < 90;
            all[it->second].interactions_before += ago >= 90;
        }
    }, day - 181);  // a day of slack: a shard is the month of the time as written, offset and all
    return in;
}

std::vector<std::optional<Health>> health_scores(HealthInputs in, const ValueFit* fit, const HealthConfig& config) {
    std::vector<HealthFacts>& all = in.facts;
    if (fit) {
        const auto purchases = purchases_to(in.days, in.day);
        for (size_t i = 0; i < all.size(); ++i)
            if (purchases[i]) all[i].p_alive = p_alive(fit->bgnbd.model, *purchases[i]);
    }
    const double gap = median_gap_days(all);
    std::vector<std::optional<Health>> out(all.size());
    for (size_t i = 0; i < all.size(); ++i)
        if (all[i].purchase_days > 0) out[i] = health_of(all[i], in.day, gap, config);
    return out;
}

std::vector<std::optional<Health>> health_for(const Store& store, const std::vector<Customer>& customers,
                                              const std::vector<OrderFact>& facts, Time t, const ValueFit* fit) {
    return health_scores(health_inputs(store, customers, facts, t), fit, store.config().health);
}

std::vector<Transition> keep_risk_bands(Writer& writer, std::vector<Customer>& customers,
                                        const std::vector<std::optional<Health>>& health, Date night) {
    std::vector<Transition> out;
    for (size_t i = 0; i < customers.size(); ++i) {
        Customer& c = customers[i];
        const std::string risk = health[i] ? health[i]->risk : "";
        if (risk == c.risk) continue;
        out.push_back({night, c.id, "risk", c.risk, risk});
        c.risk = risk;
        save_record(writer, c);
        writer.audit(c.id, {"health.risk"});
    }
    return out;
}

Table health_report(const std::vector<std::optional<Health>>& health, const std::vector<double>& potential) {
    struct Band {
        long long customers = 0;
        double score = 0, recency = 0, volatility = 0, complaints = 0, interactions = 0, alive = 0, potential = 0;
        long long alive_n = 0;
    };
    std::vector<Band> bands(std::size(kRiskBands));
    long long total = 0;
    for (size_t i = 0; i < health.size(); ++i) {
        if (!health[i]) continue;
        const Health& h = *health[i];
        Band& b = bands[size_t(std::find(std::begin(kRiskBands), std::end(kRiskBands), h.risk) - std::begin(kRiskBands))];
        ++b.customers, ++total;
        b.score += h.score, b.recency += h.recency, b.volatility += h.volatility, b.complaints += h.complaints;
        b.interactions += h.interactions;
        if (h.alive) b.alive += *h.alive, ++b.alive_n;
        if (i < potential.size()) b.potential += potential[i];
    }
    Table t;
    t.columns = {{"risk", Kind::Text}};
    for (const char* n : {"customers", "share", "score", "recency", "volatility", "complaints", "interactions", "alive",
                          "potential_value"})
        t.columns.push_back({n, Kind::Number});
    auto mean = [](double sum, long long n) { return n ? fmt::format("{:.1f}", sum / double(n)) : std::string(); };
    for (size_t i = 0; i < bands.size(); ++i) {
        const Band& b = bands[i];
        t.add({kRiskBands[i], std::to_string(b.customers), ratio(b.customers, total, 3), mean(b.score, b.customers),
               mean(b.recency, b.customers), mean(b.volatility, b.customers), mean(b.complaints, b.customers),
               mean(b.interactions, b.customers), mean(b.alive, b.alive_n), fmt::format("{:.2f}", b.potential)});
    }
    return t;
}

}  // namespace crm
