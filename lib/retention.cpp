#include "retention.h"

#include <algorithm>
#include <map>
#include <set>

#include "report.h"

namespace crm {

static int month_index(Date d) {
    int y, m, day;
    civil(d, y, m, day);
    return y * 12 + (m - 1);
}

static std::string month_name(int index) {
    char buf[16];
    std::snprintf(buf, sizeof buf, "%04d-%02d", index / 12, index % 12 + 1);
    return buf;
}

Table retention_report(const std::vector<Order>& orders, std::optional<Date> from, std::optional<Date> to,
                       Date as_of) {
    std::map<std::string, int> first;               // customer -> month of the first order ever
    std::map<int, std::set<std::string>> active;    // month -> customers who ordered
    for (const auto& o : orders) {
        if (o.date > as_of) continue;  // a view of the past sees no later order
        int m = month_index(o.date);
        auto [it, fresh] = first.emplace(o.customer, m);
        if (!fresh && m < it->second) it->second = m;
        active[m].insert(o.customer);
    }
    Table t;
    t.columns = {{"group", Kind::Text}};
    for (const char* n : {"active", "new", "returning", "repurchase_rate", "churned", "churn_rate"})
        t.columns.push_back({n, Kind::Number});
    if (active.empty()) return t;
    int lo = from ? month_index(*from) : active.begin()->first;
    int hi = std::min(to ? month_index(*to) : active.rbegin()->first, month_index(as_of));
    static const std::set<std::string> none;
    for (int m = lo; m <= hi; ++m) {
        const auto& now = active.count(m) ? active.at(m) : none;
        const auto& before = active.count(m - 1) ? active.at(m - 1) : none;
        long long fresh = 0, churned = 0;
        for (const auto& c : now) fresh += first.at(c) == m;
        for (const auto& c : before) churned += !now.count(c);
        long long n = (long long)now.size(), returning = n - fresh, prev = (long long)before.size();
        t.add({month_name(m), std::to_string(n), std::to_string(fresh), std::to_string(returning),
               ratio(returning, n, 3), std::to_string(churned), ratio(churned, prev, 3)});
    }
    return t;
}

}  // namespace crm
