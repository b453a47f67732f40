#include "value.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <future>

#include "customer_orders.h"
#include "error.h"
#include "yaml_read.h"

namespace crm {

namespace {

std::optional<size_t> parse_count(const std::string& s) {
    if (s.empty() || s.size() > 15 || !std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; }))
        return std::nullopt;
    return size_t(std::stoull(s));
}

double ten_digits(double v) { return std::stod(fmt::format("{:.10g}", v)); }

}  // namespace

std::vector<std::optional<Purchases>> purchases_to(const PurchaseDays& days, Date end) {
    std::vector<std::optional<Purchases>> out(days.customers());
    for (size_t c = 0; c < days.customers(); ++c) {
        const auto mine = days.of(c);
        if (mine.empty()) continue;
        double repeat_spend = 0;
        for (size_t i = 1; i < mine.size(); ++i) repeat_spend += double(mine[i].spend) / 100;
        Purchases p;
        p.x = int(mine.size() - 1);
        p.t_x = double(mine.back().date - mine.front().date) / 7;
        p.T = double(end + 1 - mine.front().date) / 7;
        p.m = p.x > 0 ? repeat_spend / p.x : 0;
        out[c] = p;
    }
    return out;
}

std::vector<std::optional<Purchases>> purchases_to(const std::vector<OrderFact>& facts, size_t customers, Date end) {
    return purchases_to(PurchaseDays(facts, customers, std::numeric_limits<Date>::min(), end), end);
}

ValueFit fit_value(const std::vector<std::optional<Purchases>>& purchases, Date end) {
    std::vector<Purchases> all;
    for (const auto& p : purchases)
        if (p) all.push_back(*p);
    ValueFit fit;
    fit.end = end;
    fit.customers = all.size();
    fit.repeat_customers = size_t(std::count_if(all.begin(), all.end(), [](const Purchases& p) { return p.x > 0; }));
    // The two models are independent: Gamma-Gamma on a second core. Each
    // search is the same whatever runs beside it, so the fit is too.
    auto spend = std::async(std::launch::async, [&all] { return fit_gamma_gamma(all); });
    fit.bgnbd = fit_bgnbd(all);  // its refusal comes first, as it always did
    fit.spend = spend.get();
    auto& b = fit.bgnbd.model;
    b = {ten_digits(b.r), ten_digits(b.alpha), ten_digits(b.a), ten_digits(b.b)};
    auto& g = fit.spend.model;
    g = {ten_digits(g.p), ten_digits(g.q), ten_digits(g.gamma)};
    fit.bgnbd.log_likelihood = ten_digits(bgnbd_log_likelihood(b, all));
    fit.spend.log_likelihood = ten_digits(gamma_gamma_log_likelihood(g, all));
    return fit;
}

CustomerValue value_of(const ValueFit& fit, const Purchases& c, double weeks) {
    CustomerValue v;
    v.p_alive = p_alive(fit.bgnbd.model, c);
    v.expected_purchases = expected_purchases(fit.bgnbd.model, c, weeks);
    v.expected_spend = expected_spend(fit.spend.model, c);
    v.potential_value = v.expected_purchases * v.expected_spend;
    for (double d : {v.p_alive, v.expected_purchases, v.expected_spend, v.potential_value})
        if (!std::isfinite(d)) {
            const auto& b = fit.bgnbd.model;
            throw Failure(kDataErr, fmt::format("the value models (r {:.4g}, alpha {:.4g}, a {:.4g}, b {:.4g}) give no finite "
                                                "prediction for a customer with {} repeat purchases; refit them (value recompute)",
                                                b.r, b.alpha, b.a, b.b, c.x));
        }
    return v;
}

Holdout check_holdout(const ValueFit& fit, const std::vector<std::optional<Purchases>>& purchases,
                      const std::vector<OrderFact>& facts, Date holdout_end) {
    Holdout h;
    h.end = holdout_end;
    const double weeks = double(holdout_end - fit.end) / 7;
    for (const auto& p : purchases)
        if (p) h.purchases_predicted += expected_purchases(fit.bgnbd.model, *p, weeks);
    const PurchaseDays days(facts, purchases.size(), fit.end + 1, holdout_end);
    double predicted = 0, actual = 0;
    for (size_t c = 0; c < purchases.size(); ++c) {
        const auto bought = days.of(c);
        if (bought.empty() || !purchases[c]) continue;  // a newcomer is not predicted
        double spend = 0;
        for (const auto& d : bought) spend += double(d.spend) / 100;
        h.purchases_actual += double(bought.size());
        ++h.buyers;
        predicted += expected_spend(fit.spend.model, *purchases[c]);
        actual += spend / double(bought.size());
    }
    if (h.buyers > 0) h.spend_predicted = predicted / double(h.buyers), h.spend_actual = actual / double(h.buyers);
    return h;
}

Table value_table(const ValueFit& fit, const Holdout* holdout) {
    Table t;
    t.columns = {{"name", Kind::Text}, {"value", Kind::Number}};
    auto row = [&](const char* name, const std::string& value) { t.add({name, value}); };
    auto g6 = [](double v) { return fmt::format("{:.6g}", v); };
    row("calibration_end", format_date(fit.end));
    row("customers", std::to_string(fit.customers));
    row("repeat_customers", std::to_string(fit.repeat_customers));
    const auto& b = fit.bgnbd.model;
    const auto& g = fit.spend.model;
    for (auto [name, v] : {std::pair{"r", b.r}, {"alpha", b.alpha}, {"a", b.a}, {"b", b.b}}) row(name, g6(v));
    row("bgnbd_log_likelihood", fmt::format("{:.2f}", fit.bgnbd.log_likelihood));
    for (auto [name, v] : {std::pair{"p", g.p}, {"q", g.q}, {"gamma", g.gamma}}) row(name, g6(v));
    row("gamma_gamma_log_likelihood", fmt::format("{:.2f}", fit.spend.log_likelihood));
    row("mean_spend", fmt::format("{:.2f}", g.p * g.gamma / (g.q - 1)));
    if (holdout) {
        row("holdout_end", format_date(holdout->end));
        row("holdout_purchases_predicted", fmt::format("{:.1f}", holdout->purchases_predicted));
        row("holdout_purchases_actual", fmt::format("{:.0f}", holdout->purchases_actual));
        row("holdout_buyers", std::to_string(holdout->buyers));
        row("holdout_spend_predicted", fmt::format("{:.2f}", holdout->spend_predicted));
        row("holdout_spend_actual", fmt::format("{:.2f}", holdout->spend_actual));
    }
    return t;
}

std::optional<ValueFit> value_fit_at(const Store& store, Time t, std::string* note) {
    const Date day = local_date(t, store.config().zone);
    const auto stored = stored_value(store);  // a file crm cannot read is 65, never "no fit"
    if (stored && stored->end == day) return *stored;
    const auto customers = customers_at(store, t);
    const auto purchases = purchases_to(order_facts(customers, store, &skipped_files()), customers.size(), day);
    try {
        ValueFit fit = fit_value(purchases, day);
        if (note)
            *note = "value models fitted to the orders up to " + format_date(day) +
                    (stored ? "; the stored fit (value recompute) is of " + format_date(stored->end)
                            : "; value recompute stores a night's fit");
        return fit;
    } catch (const Failure& f) {
        if (f.code() != kDataErr) throw;
        if (note)
            *note = std::string("no value fit, so health leaves p_alive out and the value columns are empty: ") + f.what();
        return std::nullopt;
    }
}

const char* const kValueFile = "state/value.yaml";

std::string value_yaml(const ValueFit& fit) {
    const auto& b = fit.bgnbd.model;
    const auto& g = fit.spend.model;
    return fmt::format(
        "# crm value recompute: BG/NBD and Gamma-Gamma fitted to the orders up to calibration_end (crm-value(1))\n"
        "calibration_end: {}\ncustomers: {}\nrepeat_customers: {}\n"
        "bgnbd: {{r: {:.10g}, alpha: {:.10g}, a: {:.10g}, b: {:.10g}, log_likelihood: {:.10g}}}\n"
        "gamma_gamma: {{p: {:.10g}, q: {:.10g}, gamma: {:.10g}, log_likelihood: {:.10g}}}\n",
        format_date(fit.end), fit.customers, fit.repeat_customers, b.r, b.alpha, b.a, b.b, fit.bgnbd.log_likelihood, g.p,
        g.q, g.gamma, fit.spend.log_likelihood);
}

std::optional<ValueFit> stored_value(const Store& store) {
    std::error_code ec;
    if (!fs::exists(store.path(kValueFile), ec)) return std::nullopt;
    const YAML::Node root = load_yaml_file(store.path(kValueFile).string(), kValueFile, kDataErr);
    // The node at key (in model when given), and the line to name: its own, or its parent's when it is missing.
    auto node = [&](const char* model, const char* key) -> std::pair<YAML::Node, int> {
        if (!root.IsMap()) return {YAML::Node(), line_of(root)};
        if (!model) return {root[key], root[key] ? line_of(root[key]) : line_of(root)};
        const YAML::Node m = root[model];
        if (!m || !m.IsMap()) return {YAML::Node(), m ? line_of(m) : line_of(root)};
        return {m[key], m[key] ? line_of(m[key]) : line_of(m)};
    };
    auto bad = [](int line, const std::string& key, const std::string& what) {
        return Failure(kDataErr, located(kValueFile, line, key, "must be " + what));
    };
    auto scalar = [](const YAML::Node& n) { return n && n.IsScalar() ? n.Scalar() : std::string(); };
    auto number = [&](const char* model, const char* key, bool positive) {
        const auto [n, line] = node(model, key);
        double v = NAN;
        try {
            size_t used = 0;
            const std::string text = scalar(n);
            v = std::stod(text, &used);
            if (used != text.size()) v = NAN;
        } catch (const std::exception&) {
        }
        if (!std::isfinite(v) || (positive && v <= 0))
            throw bad(line, std::string(model) + "." + key, positive ? "a positive number" : "a number");
        return v;
    };
    ValueFit fit;
    const auto [end_node, end_line] = node(nullptr, "calibration_end");
    const auto end = parse_date(scalar(end_node));
    if (!end) throw bad(end_line, "calibration_end", "a date (YYYY-MM-DD)");
    fit.end = *end;
    for (auto [key, into] : {std::pair{"customers", &fit.customers}, {"repeat_customers", &fit.repeat_customers}}) {
        const auto [n, line] = node(nullptr, key);
        const auto count = parse_count(scalar(n));
        if (!count) throw bad(line, key, "a count");
        *into = *count;
    }
    fit.bgnbd.model = {number("bgnbd", "r", true), number("bgnbd", "alpha", true), number("bgnbd", "a", true),
                       number("bgnbd", "b", true)};
    fit.bgnbd.log_likelihood = number("bgnbd", "log_likelihood", false);
    fit.spend.model = {number("gamma_gamma", "p", true), number("gamma_gamma", "q", true), number("gamma_gamma", "gamma", true)};
    fit.spend.log_likelihood = number("gamma_gamma", "log_likelihood", false);
    if (fit.spend.model.q <= 1) throw bad(node("gamma_gamma", "q").second, "gamma_gamma.q", "above 1");
    return fit;
}

}  // namespace crm
