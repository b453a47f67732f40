#include "calendar.h"

#include <algorithm>

#include "error.h"
#include "text.h"

namespace crm {

static const std::vector<std::pair<int, int>> kClosed;

const std::vector<std::pair<int, int>>& Calendar::hours_on(Date d) const {
    if (config_.holidays.count(d)) return kClosed;
    if (config_.workdays.count(d)) return config_.hours[0];  // make-up days work Monday's hours
    return config_.hours[weekday(d)];
}

// The local midnight of d as an instant, and the instant of minute m on d.
static Time at_minute(const Zone& zone, Date d, int minute) { return zone.from_local(int64_t(d) * 86400 + minute * 60); }

static bool any_hours(const Config& c) {
    for (const auto& day : c.hours)
        if (!day.empty()) return true;
    return !c.workdays.empty();
}

Time Calendar::add_business_seconds(Time t, long long seconds) const {
    if (!any_hours(config_)) throw Failure(kConfig, "crm.yaml: calendar.hours: no working hours on any day");
    const Zone& zone = config_.zone;
    Date d = local_date(t, zone);
    // Seconds count: start from t's exact minute within the day.
    int64_t into_day = t - at_minute(zone, d, 0);
    long long left = seconds;
    for (int guard = 0; guard < 3700; ++guard, ++d, into_day = 0) {  // ten years of closed days at most
        for (const auto& [start, end] : hours_on(d)) {
            int64_t from = std::max<int64_t>(into_day, int64_t(start) * 60), to = int64_t(end) * 60;
            if (from >= to) continue;
            if (left <= to - from) return at_minute(zone, d, 0) + from + left;
            left -= to - from;
        }
    }
    throw Failure(kConfig, "crm.yaml: calendar: no working time within ten years");
}

long long Calendar::business_seconds_between(Time a, Time b) const {
    if (b <= a) return 0;
    const Zone& zone = config_.zone;
    int64_t seconds = 0;
    for (Date d = local_date(a, zone), last = local_date(b, zone); d <= last; ++d) {
        Time midnight = at_minute(zone, d, 0);
        for (const auto& [start, end] : hours_on(d)) {
            Time from = std::max(a, midnight + int64_t(start) * 60), to = std::min(b, midnight + int64_t(end) * 60);
            if (to > from) seconds += to - from;
        }
    }
    return seconds;
}

long long parse_duration_minutes(const std::string& text) {
    const std::string digits = text.substr(0, text.empty() ? 0 : text.size() - 1);
    bool ok = !digits.empty() && digits.size() <= 6;  // a year is 525600 minutes
    for (char c : digits) ok = ok && c >= '0' && c <= '9';
    if (!ok) throw Failure(kConfig, quote_value(text) + " is not a duration of at most 6 digits and m, h or d (30m, 4h, 3d)");
    const long long n = std::stoll(digits);
    switch (text.back()) {
        case 'm': return n;
        case 'h': return n * 60;
        case 'd': return n * 24 * 60;
    }
    throw Failure(kConfig, "bad duration " + text);
}

std::string format_duration(long long minutes) {
    if (minutes >= 2 * 1440 && minutes % 1440 == 0) return std::to_string(minutes / 1440) + "d";
    if (minutes % 60 == 0) return std::to_string(minutes / 60) + "h";
    return std::to_string(minutes) + "m";
}

}  // namespace crm
