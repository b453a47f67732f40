#include "money.h"

#include <limits>

namespace crm {

static std::optional<Cents> fail(std::string* why, const char* reason) {
    if (why) *why = reason;
    return std::nullopt;
}

std::optional<Cents> parse_money(std::string_view s, std::string* why) {
    bool negative = false;
    size_t i = 0;
    if (i < s.size() && s[i] == '-') { negative = true; ++i; }
    if (i == s.size()) return fail(why, "is not a decimal");
    const Cents max = std::numeric_limits<Cents>::max();
    Cents whole = 0;
    size_t digits = 0;
    for (; i < s.size() && s[i] >= '0' && s[i] <= '9'; ++i, ++digits) {
        int d = s[i] - '0';
        if (whole > (max / 100 - d) / 10) return fail(why, "is too large");
        whole = whole * 10 + d;
    }
    Cents frac = 0;
    if (i < s.size() && s[i] == '.') {
        ++i;
        size_t places = 0;
        for (; i < s.size() && s[i] >= '0' && s[i] <= '9'; ++i, ++places) {
            if (places == 2) return fail(why, "has more than 2 decimals");
            frac = frac * 10 + (s[i] - '0');
        }
        if (places == 0) return fail(why, "is not a decimal");
        if (places == 1) frac *= 10;
    }
    if (i != s.size() || digits == 0) return fail(why, "is not a decimal");
    if (whole > (max - frac) / 100) return fail(why, "is too large");
    Cents value = whole * 100 + frac;
    if (value > kMaxAmount) return fail(why, "is more than 1000000000000.00, the most one amount may be");
    return negative ? -value : value;
}

std::string format_money(Cents c) {
    // Work in unsigned so INT64_MIN formats too.
    bool negative = c < 0;
    uint64_t u = negative ? uint64_t(0) - uint64_t(c) : uint64_t(c);
    std::string frac = std::to_string(u % 100);
    if (frac.size() < 2) frac = "0" + frac;
    return (negative ? "-" : "") + std::to_string(u / 100) + "." + frac;
}

}  // namespace crm
