#include "value_model.h"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <functional>
#include <limits>
#include <tuple>

#include "error.h"

namespace crm {

namespace {

// log Gamma(x) for x > 0. lgamma_r: std::lgamma sets the global signgam,
// a data race while the two models are fitted side by side.
double log_gamma(double x) {
    int sign = 0;
    return lgamma_r(x, &sign);
}

// log(e^u + e^v) without overflow.
double log_sum_exp(double u, double v) {
    if (u < v) std::swap(u, v);
    return v == -INFINITY ? u : u + std::log1p(std::exp(v - u));
}

// The customers as distinct rows with a count, sorted: the sum is the same,
// term for term, whatever order the customers came in. Each model's rows keep
// only what its likelihood reads (BG/NBD x, t_x, T; Gamma-Gamma, the repeat
// buyers' x and m), so customers alike are summed once: at 100,000 customers
// a few thousand rows. Times are whole days over 7, so few distinct t_x and T:
// each row names its values in `times`, whose logarithms an evaluation takes once.
struct Row {
    Purchases c;
    double count = 0;
    size_t t_x = 0, T = 0;  // indexes into Rows::times
    double log_m = 0;
};
struct Rows {
    std::vector<Row> rows;
    std::vector<double> times;
};
Rows distinct_rows(const std::vector<Purchases>& customers, bool repeaters_only) {
    std::vector<Purchases> sorted;
    for (Purchases c : customers) {
        if (repeaters_only && (c.x == 0 || c.m <= 0)) continue;
        (repeaters_only ? c.t_x = c.T = 0 : c.m = 0);
        sorted.push_back(c);
    }
    auto key = [](const Purchases& c) { return std::tie(c.x, c.t_x, c.T, c.m); };
    std::sort(sorted.begin(), sorted.end(), [&](const Purchases& a, const Purchases& b) { return key(a) < key(b); });
    Rows out;
    for (const auto& c : sorted) {
        if (out.rows.empty() || key(out.rows.back().c) != key(c)) out.rows.push_back({c, 0});
        out.rows.back().count += 1;
        out.times.push_back(c.t_x);
        out.times.push_back(c.T);
    }
    std::sort(out.times.begin(), out.times.end());
    out.times.erase(std::unique(out.times.begin(), out.times.end()), out.times.end());
    auto index = [&](double t) { return size_t(std::lower_bound(out.times.begin(), out.times.end(), t) - out.times.begin()); };
    for (auto& row : out.rows) {
        row.t_x = index(row.c.t_x), row.T = index(row.c.T);
        row.log_m = row.c.x > 0 ? std::log(row.c.m) : 0;
    }
    return out;
}

double bgnbd_rows(const BgNbd& m, const Rows& rows) {
    const auto [r, alpha, a, b] = m;
    const double base = r * std::log(alpha) + log_gamma(a + b) - log_gamma(b) - log_gamma(r), log_a = std::log(a);
    std::vector<double> log_alpha_plus(rows.times.size());  // log(alpha + t) for each time
    for (size_t i = 0; i < rows.times.size(); ++i) log_alpha_plus[i] = std::log(alpha + rows.times[i]);
    double sum = 0, per_x = 0, log_b = 0;
    int x_done = -1;
    for (const auto& row : rows.rows) {
        const Purchases& c = row.c;
        if (c.x != x_done) {  // rows come sorted by x: its terms once
            x_done = c.x;
            per_x = base + log_gamma(r + c.x) + log_gamma(b + c.x) - log_gamma(a + b + c.x);
            log_b = c.x > 0 ? std::log(b + c.x - 1) : 0;
        }
        const double stays = -(r + c.x) * log_alpha_plus[row.T];
        const double drops = c.x > 0 ? log_a - log_b - (r + c.x) * log_alpha_plus[row.t_x] : -INFINITY;
        sum += row.count * (per_x + log_sum_exp(stays, drops));
    }
    return sum;
}

double gamma_gamma_rows(const GammaGamma& m, const Rows& rows) {
    const auto [p, q, g] = m;
    const double base = -log_gamma(q) + q * std::log(g);
    double sum = 0, per_x = 0;
    int x_done = -1;
    for (const auto& row : rows.rows) {
        const Purchases& c = row.c;
        const double px = p * c.x;
        if (c.x != x_done) {  // rows come sorted by x: its terms once
            x_done = c.x;
            per_x = base + log_gamma(px + q) - log_gamma(px) + px * std::log(double(c.x));
        }
        sum += row.count * (per_x + (px - 1) * row.log_m - (px + q) * std::log(g + c.x * c.m));
    }
    return sum;
}

// Minimises f over R^n by Nelder-Mead (reflect 1, expand 2, contract 1/2,
// shrink 1/2), from start with steps of 1 (the parameters are logarithms),
// restarted from its best point until a restart gains nothing.
template <size_t N>
std::array<double, N> nelder_mead(const std::function<double(const std::array<double, N>&)>& f, std::array<double, N> start,
                                  int& evaluations) {
    using Point = std::array<double, N>;
    auto value = [&](const Point& p) {
        ++evaluations;
        const double v = f(p);
        return std::isnan(v) ? INFINITY : v;
    };
    double best = value(start);
    for (int restart = 0; restart < 20; ++restart) {
        std::array<Point, N + 1> simplex;
        std::array<double, N + 1> fs;
        simplex[0] = start;
        fs[0] = best;
        for (size_t i = 0; i < N; ++i) {
            simplex[i + 1] = start;
            simplex[i + 1][i] += restart == 0 ? 1.0 : 0.1;
            fs[i + 1] = value(simplex[i + 1]);
        }
        for (int iteration = 0; iteration < 5000; ++iteration) {
            std::array<size_t, N + 1> order;
            for (size_t i = 0; i <= N; ++i) order[i] = i;
            std::sort(order.begin(), order.end(), [&](size_t a, size_t b) { return std::tie(fs[a], a) < std::tie(fs[b], b); });
            const size_t lo = order[0], hi = order[N], next = order[N - 1];
            double size = 0;
            for (size_t i = 0; i <= N; ++i)
                for (size_t j = 0; j < N; ++j) size = std::max(size, std::fabs(simplex[i][j] - simplex[lo][j]));
            if (fs[hi] - fs[lo] <= 1e-13 * (1 + std::fabs(fs[lo])) && size < 1e-7) break;
            Point centroid{};
            for (size_t i = 0; i <= N; ++i)
                if (i != hi)
                    for (size_t j = 0; j < N; ++j) centroid[j] += simplex[i][j] / N;
            auto toward = [&](double t) {
                Point p;
                for (size_t j = 0; j < N; ++j) p[j] = centroid[j] + t * (simplex[hi][j] - centroid[j]);
                return p;
            };
            const Point reflected = toward(-1);
            const double fr = value(reflected);
            if (fr < fs[lo]) {
                const Point expanded = toward(-2);
                const double fe = value(expanded);
                if (fe < fr) simplex[hi] = expanded, fs[hi] = fe;
                else simplex[hi] = reflected, fs[hi] = fr;
            } else if (fr < fs[next]) {
                simplex[hi] = reflected, fs[hi] = fr;
            } else {
                const Point contracted = toward(fr < fs[hi] ? -0.5 : 0.5);
                const double fc = value(contracted);
                if (fc < std::min(fr, fs[hi])) {
                    simplex[hi] = contracted, fs[hi] = fc;
                } else {
                    for (size_t i = 0; i <= N; ++i) {
                        if (i == lo) continue;
                        for (size_t j = 0; j < N; ++j) simplex[i][j] = simplex[lo][j] + 0.5 * (simplex[i][j] - simplex[lo][j]);
                        fs[i] = value(simplex[i]);
                    }
                }
            }
        }
        const size_t lo = size_t(std::min_element(fs.begin(), fs.end()) - fs.begin());
        const bool gained = fs[lo] < best - 1e-12 * (1 + std::fabs(best));
        if (fs[lo] <= best) start = simplex[lo], best = fs[lo];
        if (!gained && restart > 0) break;
    }
    return start;
}

// A parameter the search drove to the edge of what doubles hold: the data do
// not pin the model down.
template <size_t N>
void refuse_boundary(const std::array<double, N>& logs, const std::array<const char*, N>& names, const std::string& model) {
    for (size_t i = 0; i < N; ++i)
        if (!std::isfinite(logs[i]) || std::fabs(logs[i]) > 25)
            throw Failure(kDataErr, model + ": the fit runs off to " + names[i] + " = " + fmt::format("{:.3g}", std::exp(logs[i])) +
                                        "; these orders do not determine the model");
}

}  // namespace

double bgnbd_log_likelihood(const BgNbd& m, const std::vector<Purchases>& customers) {
    return bgnbd_rows(m, distinct_rows(customers, false));
}

double gamma_gamma_log_likelihood(const GammaGamma& m, const std::vector<Purchases>& customers) {
    return gamma_gamma_rows(m, distinct_rows(customers, true));
}

Fit<BgNbd> fit_bgnbd(const std::vector<Purchases>& customers) {
    const auto rows = distinct_rows(customers, false);
    if (rows.rows.empty()) throw Failure(kDataErr, "BG/NBD: no customer has an order to fit");
    if (std::none_of(rows.rows.begin(), rows.rows.end(), [](const Row& r) { return r.c.x > 0; }))
        throw Failure(kDataErr, "BG/NBD: no customer bought on a second day; the model needs repeat purchases");
    Fit<BgNbd> fit;
    const double n = double(customers.size());
    auto at = [](const std::array<double, 4>& l) { return BgNbd{std::exp(l[0]), std::exp(l[1]), std::exp(l[2]), std::exp(l[3])}; };
    const auto best = nelder_mead<4>([&](const std::array<double, 4>& l) { return -bgnbd_rows(at(l), rows) / n; }, {0, 0, 0, 0},
                                     fit.evaluations);
    refuse_boundary<4>(best, {"r", "alpha", "a", "b"}, "BG/NBD");
    fit.model = at(best);
    fit.log_likelihood = bgnbd_rows(fit.model, rows);
    return fit;
}

Fit<GammaGamma> fit_gamma_gamma(const std::vector<Purchases>& customers) {
    const auto rows = distinct_rows(customers, true);
    double repeaters = 0;
    for (const auto& r : rows.rows) repeaters += r.count;
    if (repeaters < 2)
        throw Failure(kDataErr, "Gamma-Gamma: fewer than two customers spent on a second day; the model needs their spend");
    Fit<GammaGamma> fit;
    auto at = [](const std::array<double, 3>& l) { return GammaGamma{std::exp(l[0]), std::exp(l[1]), std::exp(l[2])}; };
    const auto best = nelder_mead<3>([&](const std::array<double, 3>& l) { return -gamma_gamma_rows(at(l), rows) / repeaters; },
                                     {0, 0, 0}, fit.evaluations);
    refuse_boundary<3>(best, {"p", "q", "gamma"}, "Gamma-Gamma");
    fit.model = at(best);
    if (fit.model.q <= 1)
        throw Failure(kDataErr, "Gamma-Gamma: q = " + std::to_string(fit.model.q) +
                                    " is not above 1, so spend per purchase has no finite mean");
    fit.log_likelihood = gamma_gamma_rows(fit.model, rows);
    return fit;
}

double p_alive(const BgNbd& m, const Purchases& c) {
    if (c.x == 0) return 1;
    const double z = std::log(m.a) - std::log(m.b + c.x - 1) + (m.r + c.x) * (std::log(m.alpha + c.T) - std::log(m.alpha + c.t_x));
    return 1 / (1 + std::exp(z));
}

namespace {

// The Gauss hypergeometric series 2F1(A, B; C; z) for 0 <= z < 1, summed
// while its terms matter; infinity when a partial sum overflows.
double hyp2f1(double A, double B, double C, double z) {
    double term = 1, s = 1;
    for (int k = 0; k < 100000 && std::fabs(term) > 1e-16 * std::fabs(s); ++k) {
        term *= (A + k) * (B + k) / ((C + k) * (k + 1)) * z;
        s += term;
        if (!std::isfinite(s)) return INFINITY;
    }
    return s;
}

}  // namespace

double expected_purchases(const BgNbd& m, const Purchases& c, double t) {
    // E[X(t) | x, t_x, T] = (a+b+x-1)/(a-1) (1 - 2F1(r+x, b+x; a+b+x-1; z) ((alpha+T)/(alpha+T+t))^(r+x)) P(alive),
    // z = t/(alpha+T+t). By Euler's transformation the product is
    // 2F1(a+b-1-r, a-1; a+b+x-1; z) (1-z)^(a-1), whose terms are small when
    // a is (for CDNOW's fits, and at large x); when a is large its terms grow
    // past what doubles hold and the series as written is the one that
    // converges: each form is summed where its terms shrink faster.
    const double a = std::fabs(m.a - 1) < 1e-9 ? 1 + 1e-9 : m.a;  // a = 1 is a removable singularity
    const double z = t / (m.alpha + c.T + t), C = a + m.b + c.x - 1;
    const double euler_ratio = std::fabs((a + m.b - 1 - m.r) * (a - 1)), direct_ratio = (m.r + c.x) * (m.b + c.x);
    auto euler = [&] { return hyp2f1(a + m.b - 1 - m.r, a - 1, C, z) * std::exp((a - 1) * std::log1p(-z)); };
    auto direct = [&] {
        return hyp2f1(m.r + c.x, m.b + c.x, C, z) * std::exp((m.r + c.x) * std::log((m.alpha + c.T) / (m.alpha + c.T + t)));
    };
    double product = euler_ratio <= direct_ratio ? euler() : direct();
    if (!std::isfinite(product)) product = euler_ratio <= direct_ratio ? direct() : euler();
    return C / (a - 1) * (1 - product) * p_alive(m, c);
}

double expected_spend(const GammaGamma& m, const Purchases& c) {
    return m.p * (m.gamma + c.x * c.m) / (m.p * c.x + m.q - 1);
}

}  // namespace crm
