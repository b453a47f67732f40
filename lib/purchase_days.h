// Purchase days: the one rule by which the value models, health and the KPIs
// count purchases (crm-value(1)). A purchase is a day with orders that are not
// returns (amount zero or more); its spend is their sum. Returns make or undo
// no purchase.
#pragma once
#include <span>
#include <vector>

#include "rfm.h"

namespace crm {

class PurchaseDays {
public:
    struct Day {
        Date date;
        Cents spend;
    };
    // Each customer's purchase days in [from, to], oldest first. Throws
    // Failure(65) when a day's spend is beyond what Cents holds.
    PurchaseDays(const std::vector<OrderFact>& facts, size_t customers, Date from, Date to);
    std::span<const Day> of(size_t customer) const {
        return {days_.data() + start_[customer], days_.data() + start_[customer + 1]};
    }
    size_t customers() const { return start_.size() - 1; }

private:
    std::vector<size_t> start_;  // customer i's days are days_[start_[i], start_[i + 1])
    std::vector<Day> days_;
};

}  // namespace crm
