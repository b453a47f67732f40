#include "points_view.h"

#include <algorithm>
#include <array>
#include <climits>
#include <tuple>

#include "record_view.h"

namespace crm {

Table balance_table(const Ledger& ledger, const std::string& customer, const std::set<std::string>* visible, Date day) {
    Table t;
    t.columns = {{"customer", Kind::Text},      {"balance", Kind::Number},     {"expiring_30d", Kind::Number},
                 {"expiring_60d", Kind::Number}, {"expiring_90d", Kind::Number}, {"next_expiry", Kind::Text},
                 {"next_expiry_points", Kind::Number}};
    auto row = [&](const std::string& id, const Account& a) {
        Date next = INT_MAX;
        long long next_points = 0;
        for (const auto& lot : a.lots)
            if (lot.expires > day && lot.left > 0 && lot.expires <= next) {
                next_points = lot.expires == next ? next_points + lot.left : lot.left;
                next = lot.expires;
            }
        t.add({id, std::to_string(a.balance(day)), std::to_string(a.expiring(day, day + 30)),
               std::to_string(a.expiring(day, day + 60)), std::to_string(a.expiring(day, day + 90)),
               next == INT_MAX ? "" : format_date(next), next == INT_MAX ? "" : std::to_string(next_points)});
    };
    if (!customer.empty()) {
        const auto it = ledger.accounts.find(customer);
        row(customer, it == ledger.accounts.end() ? Account() : it->second);
        return t;
    }
    for (const auto& [id, account] : ledger.accounts)
        if (!visible || visible->count(id)) row(id, account);
    return t;
}

Table history_table(const Ledger& ledger, const std::string& customer, Time now) {
    std::vector<const PointsEntry*> mine;
    for (const auto& e : ledger.entries)
        if (e.customer == customer && in_ledger_at(e, now)) mine.push_back(&e);
    // Ledger order: by time; at one moment, what adds points before what takes
    // them, then as written: the running sum never dips below zero.
    auto order = [](const PointsEntry* e) {
        return std::tuple(*parse_time(e->at, Zone()), e->points <= 0, *parse_time(e->created, Zone()), e->id);
    };
    std::sort(mine.begin(), mine.end(), [&](const PointsEntry* a, const PointsEntry* b) { return order(a) < order(b); });
    Table t;
    t.columns = {{"id", Kind::Text},      {"at", Kind::Text},     {"type", Kind::Text},   {"points", Kind::Number},
                 {"balance", Kind::Number}, {"expires", Kind::Text}, {"source", Kind::Text}, {"reward", Kind::Text},
                 {"lots", Kind::Text},    {"reason", Kind::Text}, {"by", Kind::Text},     {"created", Kind::Text}};
    long long sum = 0;
    for (const PointsEntry* e : mine) {
        sum += e->points;
        t.add({e->id, e->at, name_of(e->type), std::to_string(e->points), std::to_string(sum), e->expires, e->source,
               e->reward, e->lots, e->reason, e->by, e->created});
    }
    return t;
}

namespace {

// A point's worth in cents as value / points of the best reward (0 / 1 without one).
std::pair<Cents, long long> point_worth(const LoyaltyConfig& loyalty) {
    std::pair<Cents, long long> best{0, 1};
    for (const auto& r : loyalty.rewards)
        if (__int128(r.value) * best.second > __int128(best.first) * r.points) best = {r.value, r.points};
    return best;
}

Table liability_by_tier(const Ledger& ledger, const std::map<std::string, std::string>& tier_of, Date day,
                        const Config& config) {
    struct Sum {
        long long customers = 0, points = 0, in30 = 0, in60 = 0, in90 = 0;
    };
    std::map<std::string, Sum> by_tier;
    Sum all;
    for (const auto& [id, account] : ledger.accounts) {
        const long long points = account.balance(day);
        if (points == 0) continue;
        const auto it = tier_of.find(id);
        for (Sum* s : {&by_tier[it == tier_of.end() || it->second.empty() ? "none" : it->second], &all}) {
            s->customers += 1;
            s->points += points;
            s->in30 += account.expiring(day, day + 30);
            s->in60 += account.expiring(day, day + 60);
            s->in90 += account.expiring(day, day + 90);
        }
    }
    const std::pair<Cents, long long> worth = point_worth(config.loyalty);  // (no structured binding: clang 14 cannot capture one)
    const Cents value = worth.first;
    const long long per = worth.second;
    Table t;
    t.columns = {{"tier", Kind::Text},           {"customers", Kind::Number},    {"points", Kind::Number},
                 {"value", Kind::Number},        {"expiring_30d", Kind::Number}, {"expiring_60d", Kind::Number},
                 {"expiring_90d", Kind::Number}};
    auto row = [&](const std::string& name, const Sum& s) {
        t.add({name, std::to_string(s.customers), std::to_string(s.points), format_money(Cents(__int128(s.points) * value / per)),
               std::to_string(s.in30), std::to_string(s.in60), std::to_string(s.in90)});
    };
    std::vector<std::string> order;  // rfm's tiers in their order, then any other
    for (const auto& tier : config.rfm.tiers) order.push_back(tier.name);
    for (const auto& [name, s] : by_tier)
        if (std::find(order.begin(), order.end(), name) == order.end()) order.push_back(name);
    for (const auto& name : order)
        if (by_tier.count(name)) row(name, by_tier[name]);
    row("all", all);
    return t;
}

Table flows_by_month(const Ledger& ledger, Time now) {
    std::map<std::string, std::array<long long, 5>> months;  // by PointsType
    for (const auto& e : ledger.entries) {
        if (in_ledger_at(e, now)) months[e.at.substr(0, 7)][size_t(e.type)] += e.points;
    }
    Table t;
    t.columns = {{"month", Kind::Text},    {"earned", Kind::Number},   {"redeemed", Kind::Number}, {"expired", Kind::Number},
                 {"adjusted", Kind::Number}, {"reversed", Kind::Number}, {"net", Kind::Number}};
    for (const auto& [month, f] : months)
        t.add({month, std::to_string(f[0]), std::to_string(-f[1]), std::to_string(-f[2]), std::to_string(f[3]),
               std::to_string(f[4]), std::to_string(f[0] + f[1] + f[2] + f[3] + f[4])});
    return t;
}

}  // namespace

Table points_report(const Ledger& ledger, const std::map<std::string, std::string>& tier_of, Time now, const Config& config,
                    const std::string& by) {
    if (by == "month") return flows_by_month(ledger, now);
    return liability_by_tier(ledger, tier_of, local_date(now, config.zone), config);
}

}  // namespace crm
