#include "purchase_days.h"

#include <algorithm>
#include <limits>

#include "error.h"
#include "money.h"

namespace crm {

// A counting sort by customer (linear in the orders), then each customer's
// few days by date.
PurchaseDays::PurchaseDays(const std::vector<OrderFact>& facts, size_t customers, Date from, Date to)
    : start_(customers + 1, 0) {
    auto counted = [&](const OrderFact& o) { return o.amount >= 0 && o.date >= from && o.date <= to; };
    for (const auto& o : facts)
        if (counted(o)) ++start_[size_t(o.customer) + 1];
    for (size_t i = 0; i < customers; ++i) start_[i + 1] += start_[i];
    days_.resize(start_[customers]);
    std::vector<size_t> next(start_.begin(), start_.end() - 1);
    for (const auto& o : facts)
        if (counted(o)) days_[next[size_t(o.customer)]++] = {o.date, o.amount};
    size_t kept = 0;
    for (size_t c = 0; c < customers; ++c) {
        const size_t first = start_[c], last = start_[c + 1];
        std::sort(days_.begin() + std::ptrdiff_t(first), days_.begin() + std::ptrdiff_t(last),
                  [](const Day& a, const Day& b) { return a.date < b.date; });
        start_[c] = kept;
        for (size_t i = first; i < last; ++i) {
            if (kept > start_[c] && days_[kept - 1].date == days_[i].date) {
                if (__builtin_add_overflow(days_[kept - 1].spend, days_[i].spend, &days_[kept - 1].spend))
                    throw Failure(kDataErr, "the orders of one customer on " + format_date(days_[i].date) + " add up beyond " +
                                                format_money(std::numeric_limits<Cents>::max()) + ", the most crm can add up");
            } else {
                days_[kept++] = days_[i];
            }
        }
    }
    start_[customers] = kept;
    days_.resize(kept);
}

}  // namespace crm
