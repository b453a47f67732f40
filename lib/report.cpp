#include "report.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>

namespace crm {

std::string ratio(long long num, long long den, int decimals) {
    if (den == 0) return "";
    // Integer arithmetic, so the same counts always print the same digits.
    __int128 scale = 1;
    for (int i = 0; i < decimals; ++i) scale *= 10;
    __int128 n = (__int128)num * scale * 2, d = (__int128)den * 2;
    bool negative = (n < 0) != (d < 0);
    if (n < 0) n = -n;
    if (d < 0) d = -d;
    __int128 q = (n + d / 2) / d;  // n/d rounded half up, on magnitudes
    long long whole = (long long)(q / scale), frac = (long long)(q % scale);
    std::string f = std::to_string(frac);
    while ((int)f.size() < decimals) f = "0" + f;
    std::string out = (negative && q != 0 ? "-" : "") + std::to_string(whole);
    return decimals ? out + "." + f : out;
}

std::string money_average(Cents total, long long n) {
    if (n == 0) return "";
    bool negative = total < 0;
    __int128 t = negative ? -(__int128)total : (__int128)total;
    Cents avg = Cents((t * 2 + n) / (2 * (__int128)n));
    return format_money(negative ? -avg : avg);
}

std::string median_text(std::vector<double> v) {
    if (v.empty()) return "";
    std::sort(v.begin(), v.end());
    size_t n = v.size();
    double m = n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.1f", std::floor(m * 10 + 0.5) / 10);
    return buf;
}

}  // namespace crm
