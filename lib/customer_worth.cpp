#include "customer_worth.h"

#include <fmt/format.h>

#include <unordered_map>

#include "health_view.h"
#include "order.h"
#include "text.h"

namespace crm {

namespace {

bool names_any(const std::string& fields, std::initializer_list<std::string_view> names) {
    for (const auto& f : split(fields, ','))
        for (auto n : names)
            if (trim(f) == n) return true;
    return false;
}

}  // namespace

bool needs_worth(const std::string& fields) {
    for (const char* n : kWorthFields)
        if (names_any(fields, {n})) return true;
    return names_any(fields, {"risk"});
}

Worths worths_for(const Store& store, const std::vector<Customer>& customers, const std::string& fields, Time t,
                  std::string* note) {
    const Config& config = store.config();
    const Date day = local_date(t, config.zone);
    const bool value = names_any(fields, {"p_alive", "expected_purchases", "expected_spend", "potential_value", "clv"});
    const bool health = names_any(fields, {"health", "risk"});
    const bool profit = names_any(fields, {"profit"});
    Worths out(customers.size());
    std::unordered_map<std::string_view, int> index;
    for (size_t i = 0; i < customers.size(); ++i) index.emplace(customers[i].id, int(i));
    std::vector<OrderFact> facts;
    for_each_shard(store, &skipped_files(), [&](const std::vector<Order>& shard) {
        for (const auto& o : shard) {
            const auto it = index.find(o.customer);
            if (it == index.end()) continue;
            facts.push_back({it->second, o.date, o.amount});
            if (o.date > day) continue;
            CustomerWorth& w = out[size_t(it->second)];
            w.spent += o.amount;
            if (profit && day - o.date < config.rfm.window_days)
                w.profit += Cents(std::llround(double(o.amount) * config.value.margin_of(o.product)));
        }
    });
    const auto fit = value || health ? value_fit_or_none(store, t, note) : std::nullopt;
    if (value && fit) {
        const auto purchases = purchases_to(facts, customers.size(), day);
        for (size_t i = 0; i < customers.size(); ++i)
            if (purchases[i]) out[i].value = value_of(*fit, *purchases[i]);
    }
    if (health) {
        auto scores = health_for(store, customers, facts, t, fit ? &*fit : nullptr);
        for (size_t i = 0; i < customers.size(); ++i) out[i].health = std::move(scores[i]);
    }
    return out;
}

std::string worth_cell(const CustomerWorth& w, const std::string& field) {
    if (field == "profit") return format_money(w.profit);
    if (field == "health") return w.health ? std::to_string(w.health->score) : "";
    if (!w.value) return "";
    const CustomerValue& v = *w.value;
    if (field == "p_alive") return fmt::format("{:.4f}", v.p_alive);
    if (field == "expected_purchases") return fmt::format("{:.3f}", v.expected_purchases);
    if (field == "expected_spend") return fmt::format("{:.2f}", v.expected_spend);
    if (field == "potential_value") return fmt::format("{:.2f}", v.potential_value);
    return fmt::format("{:.2f}", double(w.spent) / 100 + v.potential_value);  // clv
}

}  // namespace crm
