// Business time: the store's working hours per weekday (split shifts allowed),
// holidays, and make-up working days, in the store's timezone. Shared by the
// lead follow-up clock and the ticket SLA clocks. Exact to the minute.
#pragma once
#include <utility>
#include <vector>

#include "clock.h"
#include "config.h"

namespace crm {

class Calendar {
public:
    explicit Calendar(const Config& config) : config_(config) {}
    // Working intervals of a local date, as [start, end) minutes of the day.
    const std::vector<std::pair<int, int>>& hours_on(Date d) const;
    // The instant `minutes` business minutes after t. Time before opening or in
    // a break does not count; 0 minutes from a closed moment is the next opening.
    Time add_business_minutes(Time t, long long minutes) const { return add_business_seconds(t, minutes * 60); }
    Time add_business_seconds(Time t, long long seconds) const;
    // Business time in [a, b); 0 when b <= a. Minutes are whole ones, rounded down.
    long long business_minutes_between(Time a, Time b) const { return business_seconds_between(a, b) / 60; }
    long long business_seconds_between(Time a, Time b) const;

private:
    const Config& config_;
};

// "30m", "4h", "2d" -> minutes (a day is 24 hours on the calendar clock).
long long parse_duration_minutes(const std::string& text);
// Minutes back to that form, in the largest unit that is exact ("2d", "24h", "90m"; a day only from 2).
std::string format_duration(long long minutes);

}  // namespace crm
