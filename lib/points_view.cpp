#include "points_view.h"

#include <algorithm>
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
    for (const auto& e : ledger.entries) {
        const auto at = parse_time(e.at, Zone()), created = parse_time(e.created, Zone());
        if (e.customer == customer && at && created && *at <= now && *created <= now) mine.push_back(&e);
    }
    std::sort(mine.begin(), mine.end(), [](const PointsEntry* a, const PointsEntry* b) {
        return std::tuple(*parse_time(a->at, Zone()), a->id) < std::tuple(*parse_time(b->at, Zone()), b->id);
    });
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

}  // namespace crm
