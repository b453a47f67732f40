#include "customer_worth.h"

#include <fmt/format.h>

#include <cmath>
#include <limits>
#include <unordered_map>

#include "customer_orders.h"
#include "health_view.h"
#include "order.h"
#include "text.h"

namespace crm {

namespace {

bool names(const std::string& fields, std::string_view name) {
    for (const auto& f : split(fields, ','))
        if (trim(f) == name) return true;
    return false;
}

bool needs(const std::string& fields, WorthNeeds what) {
    for (const auto& w : kWorthFields)
        if (w.needs == what && names(fields, w.name)) return true;
    return what == WorthNeeds::kHealth && names(fields, kRiskField);
}

// Health among everyone at t, then for the customers listed.
std::vector<std::optional<Health>> listed_health(const Store& store, const std::vector<Customer>& customers,
                                                 const std::vector<OrderFact>& facts, Time t, const ValueFit* fit) {
    const auto everyone = customers_at(store, t);
    if (everyone.size() == customers.size()) return health_for(store, customers, facts, t, fit);  // a subset: the same
    auto scores = health_for(store, everyone, order_facts(everyone, store, &skipped_files()), t, fit);
    std::unordered_map<std::string_view, size_t> at;
    for (size_t i = 0; i < everyone.size(); ++i) at.emplace(everyone[i].id, i);
    std::vector<std::optional<Health>> out(customers.size());
    for (size_t i = 0; i < customers.size(); ++i)
        if (const auto it = at.find(customers[i].id); it != at.end()) out[i] = std::move(scores[it->second]);
    return out;
}

}  // namespace

bool needs_worth(const std::string& fields) {
    return needs(fields, WorthNeeds::kFit) || needs(fields, WorthNeeds::kProfit) || needs(fields, WorthNeeds::kHealth);
}

Worths worths_for(const Store& store, const std::vector<Customer>& customers, const std::string& fields, Time t,
                  std::string* note) {
    const Config& config = store.config();
    const Date day = local_date(t, config.zone);
    const bool value = needs(fields, WorthNeeds::kFit), health = needs(fields, WorthNeeds::kHealth),
               profit = needs(fields, WorthNeeds::kProfit);
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
            bool overflow = __builtin_add_overflow(w.spent, o.amount, &w.spent);
            if (profit && day - o.date < config.rfm.window_days)
                overflow |= __builtin_add_overflow(w.profit, Cents(std::llround(double(o.amount) * config.value.margin_of(o.product))), &w.profit);
            if (overflow)
                throw Failure(kDataErr, "customer " + o.customer + ": the sum of their orders' amounts is beyond " +
                                            format_money(std::numeric_limits<Cents>::max()) + ", the most crm can add up");
        }
    });
    const auto fit = value || health ? value_fit_at(store, t, note) : std::nullopt;
    if (value && fit) {
        const auto purchases = purchases_to(facts, customers.size(), day);
        for (size_t i = 0; i < customers.size(); ++i)
            if (purchases[i]) out[i].value = value_of(*fit, *purchases[i]);
    }
    if (health) {
        auto scores = listed_health(store, customers, facts, t, fit ? &*fit : nullptr);
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
