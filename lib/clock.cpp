#include "clock.h"

#include <boost/date_time/gregorian/gregorian.hpp>
#include <cctype>
#include <cstdlib>
#include <ctime>
#include <time.h>
#include <algorithm>

#include "error.h"

namespace crm {

namespace bg = boost::gregorian;
namespace pt = boost::posix_time;
static const bg::date kEpoch(1970, 1, 1);

static bool digits(std::string_view s, size_t pos, size_t n, int& out) {
    if (pos + n > s.size()) return false;
    out = 0;
    for (size_t i = pos; i < pos + n; ++i) {
        if (s[i] < '0' || s[i] > '9') return false;
        out = out * 10 + (s[i] - '0');
    }
    return true;
}

// POSIX TZ offsets count hours west of UTC ("CST-8" is UTC+8); Boost's
// posix_time_zone counts east. Flip the sign of the offsets before the rules.
static std::string boost_tz_string(std::string_view spec) {
    std::string out;
    size_t rules = spec.find(',');
    std::string_view head = spec.substr(0, rules);
    for (size_t i = 0; i < head.size();) {
        char c = head[i];
        bool starts_offset = (c == '+' || c == '-' || (c >= '0' && c <= '9')) && i > 0 &&
                             (std::isalpha(static_cast<unsigned char>(head[i - 1])) || head[i - 1] == '>');
        if (!starts_offset) {
            out += c;
            ++i;
            continue;
        }
        if (c == '-') ++i;
        else {
            out += '-';
            if (c == '+') ++i;
        }
        while (i < head.size() && (std::isdigit(static_cast<unsigned char>(head[i])) || head[i] == ':')) out += head[i++];
    }
    if (rules != std::string_view::npos) out += spec.substr(rules);
    return out;
}

// A whole number of 1 to `width` digits within [lo, hi].
static bool number_in(std::string_view s, size_t width, int lo, int hi) {
    int n;
    return !s.empty() && s.size() <= width && digits(s, 0, s.size(), n) && n >= lo && n <= hi;
}

// "2", "02:00" or "02:00:00": an offset or the hour a DST rule switches at.
static bool clock_ok(std::string_view s, int max_hour) {
    size_t colon = s.find(':');
    if (!number_in(s.substr(0, colon), 2, 0, max_hour)) return false;
    if (colon == std::string_view::npos) return true;
    auto two_digits = [&](size_t at) { return at + 2 <= s.size() && number_in(s.substr(at, 2), 2, 0, 59); };
    if (!two_digits(colon + 1)) return false;
    if (colon + 3 == s.size()) return true;
    return s[colon + 3] == ':' && s.size() == colon + 6 && two_digits(colon + 4);
}

// One POSIX DST rule: Mm.w.d, Jn (1-364) or n (0-364), then an optional /time.
static bool dst_rule_ok(std::string_view r, char form) {
    size_t slash = r.find('/');
    if (slash != std::string_view::npos && !clock_ok(r.substr(slash + 1), 23)) return false;
    std::string_view day = r.substr(0, slash);
    if (day.empty() || (form == 'M' || form == 'J' ? day[0] != form : !std::isdigit((unsigned char)day[0])))
        return false;
    if (form == 'J') return number_in(day.substr(1), 3, 1, 364);
    if (form != 'M') return number_in(day, 3, 0, 364);
    size_t dot1 = day.find('.'), dot2 = dot1 == std::string_view::npos ? dot1 : day.find('.', dot1 + 1);
    return dot2 != std::string_view::npos && number_in(day.substr(1, dot1 - 1), 2, 1, 12) &&
           number_in(day.substr(dot1 + 1, dot2 - dot1 - 1), 1, 1, 5) && number_in(day.substr(dot2 + 1), 1, 0, 6);
}

// A POSIX TZ string as Boost reads it: a name of 3+ letters, an offset, and
// optionally a DST name, its adjustment and ",start,end" rules of one form.
// Boost parses with unchecked tokenizers and casts ("M" alone runs past its
// end, a J365 start past December, a long offset overflows), so only strings
// of this shape may reach it. Alone, "Mars" would be UTC to Boost: refused.
static bool posix_tz_ok(std::string_view s) {
    size_t i = 0;
    auto name = [&] {
        size_t start = i;
        while (i < s.size() && std::isalpha(static_cast<unsigned char>(s[i]))) ++i;
        return i - start >= 3;
    };
    auto offset = [&] {
        if (i < s.size() && (s[i] == '+' || s[i] == '-')) ++i;
        size_t end = std::min(s.find_first_not_of("0123456789:", i), s.size());
        std::string_view clock = s.substr(i, end - i);
        i = end;
        return clock_ok(clock, 24);
    };
    if (!name() || !offset()) return false;
    if (i == s.size()) return true;
    if (!name() || (i < s.size() && s[i] != ',' && !offset())) return false;
    if (i == s.size()) return true;  // a DST name without rules: Boost refuses it itself
    std::string_view rules = s.substr(i + 1);
    size_t comma = rules.find(',');
    if (s[i] != ',' || comma == std::string_view::npos || rules.empty()) return false;
    char form = rules[0] == 'M' || rules[0] == 'J' ? rules[0] : 'n';
    return dst_rule_ok(rules.substr(0, comma), form) && dst_rule_ok(rules.substr(comma + 1), form);
}

std::optional<Zone> Zone::parse(std::string_view spec, std::string* why) {
    Zone z;
    z.spec_ = std::string(spec);
    if (spec == "Z" || spec == "UTC") { z.spec_ = "+00:00"; return z; }
    int h, m;
    if (spec.size() == 6 && (spec[0] == '+' || spec[0] == '-') && spec[3] == ':' && digits(spec, 1, 2, h) &&
        digits(spec, 4, 2, m) && h <= 14 && m < 60) {
        z.fixed_ = (h * 3600 + m * 60) * (spec[0] == '-' ? -1 : 1);
        return z;
    }
    if (!posix_tz_ok(spec)) {
        if (why) *why = "is not a UTC offset (+08:00) or a POSIX TZ string (CST-8)";
        return std::nullopt;
    }
    try {
        z.posix_.reset(new boost::local_time::posix_time_zone(boost_tz_string(spec)));
        return z;
    } catch (const std::exception& e) {
        if (why) *why = "is not a UTC offset (+08:00) or a POSIX TZ string (CST-8)";
        return std::nullopt;
    }
}

static pt::ptime to_ptime(Time t) { return pt::ptime(kEpoch, pt::seconds(t)); }

int Zone::offset_at(Time utc) const {
    if (!posix_) return fixed_;
    boost::local_time::local_date_time ldt(to_ptime(utc), posix_);
    auto off = posix_->base_utc_offset();
    if (ldt.is_dst()) off += posix_->dst_offset();
    return int(off.total_seconds());
}

Time Zone::from_local(int64_t local) const {
    // Guess with the offset at the local instant read as UTC, then correct once
    // (enough for DST steps of an hour).
    Time guess = local - offset_at(local);
    return local - offset_at(guess);
}

std::optional<Date> make_date(int y, int m, int d) {
    if (y < 1400 || y > 9999 || m < 1 || m > 12 || d < 1 || d > 31) return std::nullopt;
    if (d > bg::gregorian_calendar::end_of_month_day(y, m)) return std::nullopt;
    return Date((bg::date(y, m, d) - kEpoch).days());
}

std::optional<Date> parse_date(std::string_view s) {
    int y, m, d;
    if (s.size() != 10 || s[4] != '-' || s[7] != '-' || !digits(s, 0, 4, y) || !digits(s, 5, 2, m) ||
        !digits(s, 8, 2, d))
        return std::nullopt;
    return make_date(y, m, d);
}

void civil(Date d, int& y, int& m, int& day) {
    bg::date g = kEpoch + bg::days(d);
    y = g.year();
    m = g.month();
    day = g.day();
}

int weekday(Date d) { return int(((d % 7) + 7 + 3) % 7); }  // 1970-01-01 was a Thursday

std::string format_date(Date d) {
    int y, m, day;
    civil(d, y, m, day);
    char buf[16];
    std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", y, m, day);
    return buf;
}

std::optional<Time> parse_time(std::string_view s, const Zone& zone) {
    auto date = parse_date(s.substr(0, 10));
    if (!date) return std::nullopt;
    int64_t local = int64_t(*date) * 86400;
    if (s.size() == 10) return zone.from_local(local);
    if (s[10] != 'T' && s[10] != ' ' && s[10] != 't') return std::nullopt;
    int h, mi, sec = 0;
    if (!digits(s, 11, 2, h) || s.size() < 16 || s[13] != ':' || !digits(s, 14, 2, mi) || h > 23 || mi > 59)
        return std::nullopt;
    size_t i = 16;
    if (i < s.size() && s[i] == ':') {
        if (!digits(s, i + 1, 2, sec) || sec > 60) return std::nullopt;
        i += 3;
        if (i < s.size() && s[i] == '.') {
            ++i;
            size_t start = i;
            while (i < s.size() && s[i] >= '0' && s[i] <= '9') ++i;
            if (i == start) return std::nullopt;
        }
    }
    local += h * 3600 + mi * 60 + (sec == 60 ? 59 : sec);
    if (i == s.size()) return zone.from_local(local);
    std::string_view off = s.substr(i);
    if (off == "Z" || off == "z") return local;
    int oh, om;
    if (off.size() == 6 && (off[0] == '+' || off[0] == '-') && off[3] == ':' && digits(off, 1, 2, oh) &&
        digits(off, 4, 2, om) && oh <= 14 && om < 60)
        return local - (oh * 3600 + om * 60) * (off[0] == '-' ? -1 : 1);
    return std::nullopt;
}

static int64_t floor_div(int64_t a, int64_t b) { return a / b - ((a % b != 0) && ((a < 0) != (b < 0))); }

std::string format_time(Time t, const Zone& zone) {
    int off = zone.offset_at(t);
    int64_t local = t + off;
    Date d = Date(floor_div(local, 86400));
    int64_t secs = local - int64_t(d) * 86400;
    int aoff = off < 0 ? -off : off;
    char buf[40];
    std::snprintf(buf, sizeof buf, "%sT%02d:%02d:%02d%c%02d:%02d", format_date(d).c_str(), int(secs / 3600),
                  int(secs / 60 % 60), int(secs % 60), off < 0 ? '-' : '+', aoff / 3600, aoff / 60 % 60);
    return buf;
}

Date local_date(Time t, const Zone& zone) { return Date(floor_div(t + zone.offset_at(t), 86400)); }

int minute_of_day(Time t, const Zone& zone) {
    int64_t local = t + zone.offset_at(t);
    return int((local - floor_div(local, 86400) * 86400) / 60);
}

std::optional<Time> parse_time_format(const std::string& text, const std::string& format, const Zone& zone) {
    struct tm tm = {};
    tm.tm_mday = 1;
    const char* end = strptime(text.c_str(), format.c_str(), &tm);
    if (!end) return std::nullopt;
    while (*end == ' ') ++end;
    if (*end) return std::nullopt;
    auto d = make_date(tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday);
    if (!d || tm.tm_hour > 23 || tm.tm_min > 59 || tm.tm_sec > 60) return std::nullopt;
    return zone.from_local(int64_t(*d) * 86400 + tm.tm_hour * 3600 + tm.tm_min * 60 + std::min(tm.tm_sec, 59));
}

Time now_from(const std::string& as_of, const Zone& zone) {
    std::string source = "--as-of";
    std::string text = as_of;
    if (text.empty()) {
        const char* env = std::getenv("CRM_NOW");
        if (!env || !*env) return Time(std::time(nullptr));
        source = "CRM_NOW";
        text = env;
    }
    auto t = parse_time(text, zone);
    if (!t) throw Failure(kUsage, source + ": " + "\"" + text + "\" is not an RFC 3339 time or YYYY-MM-DD date");
    return *t;
}

}  // namespace crm
