// Time in the store: instants as UTC seconds, local dates as day numbers,
// the store's zone (fixed offset or POSIX TZ), and the controllable clock.
#pragma once
#include <boost/date_time/local_time/local_time.hpp>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace crm {

using Time = int64_t;  // seconds since 1970-01-01T00:00:00Z
using Date = int32_t;  // days since 1970-01-01

class Zone {
public:
    Zone() = default;  // UTC
    // "+08:00", "-05:30", "Z", "UTC" or a POSIX TZ string such as "CST-8".
    static std::optional<Zone> parse(std::string_view spec, std::string* why = nullptr);
    int offset_at(Time utc) const;       // seconds east of UTC in force at utc
    Time from_local(int64_t local) const;  // local wall seconds -> UTC
    const std::string& spec() const { return spec_; }

private:
    std::string spec_ = "+00:00";
    int fixed_ = 0;
    boost::local_time::time_zone_ptr posix_;
};

// Strict YYYY-MM-DD of a real calendar day.
std::optional<Date> parse_date(std::string_view s);
std::string format_date(Date d);
// Date from year, month, day; nullopt when the day does not exist.
std::optional<Date> make_date(int y, int m, int d);
void civil(Date d, int& y, int& m, int& day);
int weekday(Date d);  // 0 = Monday .. 6 = Sunday

// RFC 3339 ("2026-11-23T09:30:00+08:00", "...Z", fractional seconds dropped),
// a local "YYYY-MM-DD[ T]HH:MM[:SS]" in zone, or a bare date (midnight in zone).
std::optional<Time> parse_time(std::string_view s, const Zone& zone);
std::string format_time(Time t, const Zone& zone);  // RFC 3339 with the zone's offset
Date local_date(Time t, const Zone& zone);
int minute_of_day(Time t, const Zone& zone);

// A local time in a strptime(3) format ("%m/%d/%Y %I:%M:%S %p"), read in zone.
// The whole text must match and the day must exist.
std::optional<Time> parse_time_format(const std::string& text, const std::string& format, const Zone& zone);

// Now: --as-of beats $CRM_NOW beats the system clock. Throws Failure(64) on a bad value.
Time now_from(const std::string& as_of, const Zone& zone);

}  // namespace crm
