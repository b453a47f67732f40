#include "kpi.h"

#include <fmt/format.h>

#include <algorithm>
#include <limits>
#include <map>

#include "customer_orders.h"
#include "lead.h"
#include "purchase_days.h"
#include "report.h"
#include "sla.h"
#include "text.h"
#include "ticket.h"
#include "value.h"

namespace crm {

namespace {

struct Period {
    Date first = 0, end = 0;  // the month's first day, and its last or the as-of day
};

Period period_of(const std::string& month, Date today) {
    int y, m, d;
    civil(today, y, m, d);
    const std::string text = month.empty() ? fmt::format("{:04}-{:02}", y, m) : month;
    const auto first = text.size() == 7 ? parse_date(text + "-01") : std::nullopt;
    if (!first) throw Failure(kUsage, "--month: " + quote_value(text) + " is not YYYY-MM");
    if (*first > today) throw Failure(kUsage, "--month: " + text + " is after the as-of day " + format_date(today));
    civil(*first, y, m, d);
    const Date last = *make_date(m == 12 ? y + 1 : y, m == 12 ? 1 : m + 1, 1) - 1;
    return {*first, std::min(last, today)};
}

// A count over a count: the ratio's text and the two counts.
struct Measure {
    std::optional<double> exact;  // none without data
    std::string value, numerator, denominator;
};
Measure share(long long num, long long den) {
    if (den == 0) return {std::nullopt, "", std::to_string(num), std::to_string(den)};
    return {double(num) / double(den), ratio(num, den, 3), std::to_string(num), std::to_string(den)};
}

// The first purchase day on or after from, or none.
const PurchaseDays::Day* first_from(std::span<const PurchaseDays::Day> days, Date from) {
    const auto it = std::lower_bound(days.begin(), days.end(), from, [](const PurchaseDays::Day& d, Date v) { return d.date < v; });
    return it == days.end() ? nullptr : &*it;
}

// Bought in the period, and of them who had bought before it.
Measure repurchase(const PurchaseDays& days, Period p) {
    long long active = 0, returning = 0;
    for (size_t c = 0; c < days.customers(); ++c) {
        const auto d = first_from(days.of(c), p.first);
        if (!d || d->date > p.end) continue;
        ++active;
        returning += d != days.of(c).data();
    }
    return share(returning, active);
}

// Customers created in the period, and of them who bought within 30 days of
// their creation day (on it or after, and by the as-of day).
Measure activation(const std::vector<Customer>& customers, const PurchaseDays& days, Period p, Date today, const Zone& zone) {
    long long created = 0, active = 0;
    for (size_t i = 0; i < customers.size(); ++i) {
        const auto t = parse_time(customers[i].created, zone);
        if (!t) continue;
        const Date day = local_date(*t, zone);
        if (day < p.first || day > p.end) continue;
        ++created;
        const auto d = first_from(days.of(i), day);
        active += d && d->date <= std::min(day + 30, today);
    }
    return share(active, created);
}

// Not lost when the month began (a purchase within rfm lost_days: lost is
// more days than that, as crm-rfm(1) has it), and of them who became lost
// within it without buying again.
Measure churn(const PurchaseDays& days, Period p, int lost_days) {
    long long base = 0, churned = 0;
    for (size_t c = 0; c < days.customers(); ++c) {
        const auto mine = days.of(c);
        const auto d = first_from(mine, p.first);
        const size_t before = d ? size_t(d - mine.data()) : mine.size();
        if (before == 0) continue;  // no purchase before the month
        const Date last = mine[before - 1].date;
        if (p.first - 1 - last > lost_days) continue;  // already lost
        ++base;
        churned += (!d || d->date > p.end) && p.end - last > lost_days;
    }
    return share(churned, base);
}

// The mean over customers with a purchase by day of what they spent and what the fit expects next year.
std::optional<double> mean_clv(const std::vector<OrderFact>& facts, size_t customers, Date day) {
    const auto purchases = purchases_to(PurchaseDays(facts, customers, std::numeric_limits<Date>::min(), day), day);
    try {
        const ValueFit fit = fit_value(purchases, day);
        std::vector<double> spent(customers);  // a mean: doubles hold any sum of amounts closely enough
        for (const auto& o : facts)
            if (o.date <= day) spent[size_t(o.customer)] += double(o.amount) / 100;
        double sum = 0;
        long long n = 0;
        for (size_t i = 0; i < customers; ++i)
            if (purchases[i]) sum += spent[i] + value_of(fit, *purchases[i]).potential_value, ++n;
        if (n > 0) return sum / double(n);
    } catch (const Failure& f) {
        if (f.code() != kDataErr) throw;  // orders that cannot determine a fit: no CLV to compare
    }
    return std::nullopt;
}

Measure clv_change(const std::vector<OrderFact>& facts, size_t customers, Period p) {
    const auto before = mean_clv(facts, customers, p.first - 1), after = mean_clv(facts, customers, p.end);
    if (!before || !after || *before <= 0) return {};
    const double change = *after / *before - 1;
    return {change, fmt::format("{:.3f}", change), fmt::format("{:.2f}", *after), fmt::format("{:.2f}", *before)};
}

bool within(const std::string& time, Period p, const Zone& zone) {
    const auto t = parse_time(time, zone);
    if (!t) return false;
    const Date d = local_date(*t, zone);
    return d >= p.first && d <= p.end;
}

}  // namespace

Table kpi_report(const Store& store, Time now, const std::string& month) {
    const Config& config = store.config();
    const Date today = local_date(now, config.zone);
    const Period p = period_of(month, today);
    const auto customers = customers_at(store, now);
    const auto facts = order_facts(customers, store, &skipped_files());
    const PurchaseDays days(facts, customers.size(), std::numeric_limits<Date>::min(), today);
    long long rated = 0, satisfied = 0, opened = 0, resolved = 0, on_time = 0, judged = 0;
    for (const auto& t : load_records_at<Ticket>(store, now)) {
        if (t.csat && within(t.solved, p, config.zone)) ++rated, satisfied += t.csat >= 4;
        if (!within(t.created, p, config.zone)) continue;
        ++opened;
        resolved += is_done(t);
        const std::string state = compute_sla(t, config, now).resolution.state;
        on_time += state == "achieved";
        judged += state == "achieved" || state == "breached";
    }
    long long leads = 0, followed = 0;
    for (const auto& l : load_records_at<Lead>(store, now)) {
        const auto due = followup_due(l, config);
        if (!due || !within(l.created, p, config.zone)) continue;
        const auto contact = parse_time(l.first_contact, config.zone);
        if (!contact && now <= *due) continue;  // still within its time: not yet judged
        ++leads;
        followed += contact && *contact <= *due;
    }
    const std::map<std::string, Measure> measures = {
        {"repurchase_rate", repurchase(days, p)},
        {"activation_rate", activation(customers, days, p, today, config.zone)},
        {"clv_change", clv_change(facts, customers.size(), p)},
        {"csat", share(satisfied, rated)},
        {"churn_rate", churn(days, p, config.rfm.lost_days)},
        {"resolution_rate", share(resolved, opened)},
        {"on_time_rate", share(on_time, judged)},
        {"followup_rate", share(followed, leads)},
    };
    Table t;
    t.columns = {{"month", Kind::Text},  {"metric", Kind::Text}, {"value", Kind::Number},     {"aim", Kind::Text},
                 {"target", Kind::Number}, {"status", Kind::Text}, {"numerator", Kind::Number}, {"denominator", Kind::Number}};
    const std::string period = format_date(p.first).substr(0, 7);
    for (const auto& metric : kKpiMetrics) {
        const Measure& m = measures.at(metric.name);
        const double target = config.kpi_targets.at(metric.name);
        std::string status;
        if (m.exact) status = (metric.at_most ? *m.exact <= target : *m.exact >= target) ? "met" : "missed";
        t.add({period, metric.name, m.value, metric.at_most ? "at most" : "at least", fmt::format("{:g}", target), status,
               m.numerator, m.denominator});
    }
    return t;
}

}  // namespace crm
