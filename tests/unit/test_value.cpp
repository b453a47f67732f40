// The value models (lib/value_model.h): likelihoods against values worked by
// hand, predictions against scipy's hyp2f1, the fit's independence of order,
// and degenerate data refused with a reason.
#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <random>

#include "error.h"
#include "clock.h"
#include "config.h"
#include "health.h"
#include "schema.h"
#include "value_model.h"

using namespace crm;

TEST_CASE("BG/NBD log-likelihood equals the hand-worked likelihood on one- and two-customer data") {
    const BgNbd ones{1, 1, 1, 1};
    // No repeat purchase in T weeks: P = (alpha / (alpha + T))^r.
    CHECK(bgnbd_log_likelihood(ones, {{0, 0, 1, 0}}) == doctest::Approx(std::log(0.5)).epsilon(1e-12));
    // x = 1 at t_x = 1, T = 2: B(1,2)/B(1,1) / 3^2 + B(2,1)/B(1,1) / 2^2 = 1/18 + 1/8 = 13/72.
    CHECK(bgnbd_log_likelihood(ones, {{1, 1, 2, 5}}) == doctest::Approx(std::log(13.0 / 72)).epsilon(1e-12));
    // Customers add.
    CHECK(bgnbd_log_likelihood(ones, {{0, 0, 1, 0}, {1, 1, 2, 5}}) == doctest::Approx(std::log(0.5 * 13 / 72)).epsilon(1e-12));
}

TEST_CASE("Gamma-Gamma log-likelihood equals the hand-worked marginal density of a mean spend") {
    // x = 1, p = 1, q = 2, gamma = 1: f(z) = 2 / (1 + z)^3, so f(1) = 1/4; non-repeaters are not counted.
    CHECK(gamma_gamma_log_likelihood({1, 2, 1}, {{1, 1, 2, 1.0}, {0, 0, 3, 0}}) == doctest::Approx(std::log(0.25)).epsilon(1e-12));
}

TEST_CASE("predictions: P(alive) by hand, expected purchases as scipy's hyp2f1 gives them (large x included)") {
    CHECK(p_alive({1, 1, 1, 1}, {1, 1, 2, 0}) == doctest::Approx(1 / 3.25).epsilon(1e-12));
    CHECK(p_alive({1, 1, 1, 1}, {0, 0, 2, 0}) == 1);
    const BgNbd paper{0.243, 4.414, 0.793, 2.426};
    CHECK(expected_purchases(paper, {2, 30.43, 38.86, 0}, 39) == doctest::Approx(1.226028174767135).epsilon(1e-9));
    CHECK(expected_purchases(paper, {0, 0, 38.86, 0}, 52) == doctest::Approx(0.2520730222824504).epsilon(1e-9));
    CHECK(expected_purchases(paper, {40, 38, 38.86, 0}, 52) == doctest::Approx(33.46908135125533).epsilon(1e-9));
    CHECK(expected_purchases(paper, {1, 1, 2, 0}, 52) == doctest::Approx(3.490177524129808).epsilon(1e-9));
    // Spend: the customer's mean pulled toward the population's p gamma / (q - 1).
    const GammaGamma g{6.25, 3.74, 15.44};
    CHECK(expected_spend(g, {0, 0, 10, 0}) == doctest::Approx(6.25 * 15.44 / 2.74));
    CHECK(expected_spend(g, {3, 5, 10, 40}) == doctest::Approx(6.25 * (15.44 + 120) / (18.75 + 2.74)));
}

TEST_CASE("expected purchases stay finite and right where Euler's series overflows (a large) and at a = 1 (mpmath's values)") {
    // A fit on a flat ridge (everyone drops out alike) gives a and b in the millions.
    CHECK(expected_purchases({0.5, 5, 3.94e6, 1.16e7}, {3, 20, 40, 0}, 52) == doctest::Approx(0.63962335229634648).epsilon(1e-9));
    CHECK(expected_purchases({0.5, 5, 2.5, 1e4}, {40, 38, 38.86, 0}, 52) == doctest::Approx(47.697575709077751).epsilon(1e-9));
    CHECK(expected_purchases({0.5, 5, 1, 2}, {3, 20, 40, 0}, 52) == doctest::Approx(0.98956830114207834).epsilon(1e-6));
}

namespace {

// Customers drawn from the BG/NBD story itself, so the fit has a true answer to find.
std::vector<Purchases> simulated(size_t n, unsigned seed) {
    std::mt19937 rng(seed);
    std::gamma_distribution<double> rate(0.5, 1 / 2.0);  // r = 0.5, alpha = 2
    std::gamma_distribution<double> ga(1.0, 1.0), gb(3.0, 1.0);  // p ~ beta(1, 3)
    std::gamma_distribution<double> nu(4.0, 1 / 20.0);           // q = 4, gamma = 20
    std::vector<Purchases> out;
    for (size_t i = 0; i < n; ++i) {
        const double lambda = rate(rng), u = ga(rng), v = gb(rng), p = u / (u + v), scale = nu(rng);
        std::gamma_distribution<double> spend(5.0, 1 / scale);
        std::exponential_distribution<double> wait(lambda);
        Purchases c;
        c.T = double(1 + rng() % 52);
        double t = 0, sum = 0;
        while (true) {
            t += wait(rng);
            if (t > c.T) break;
            ++c.x, c.t_x = t, sum += spend(rng);
            if (std::uniform_real_distribution<double>(0, 1)(rng) < p) break;
        }
        c.t_x = std::floor(c.t_x * 7) / 7;
        c.m = c.x > 0 ? sum / c.x : 0;
        out.push_back(c);
    }
    return out;
}

}  // namespace

TEST_CASE("the fit is the same to the last bit whatever the order of the customers, and finds a simulated truth") {
    auto customers = simulated(3000, 7);
    const auto first = fit_bgnbd(customers);
    const auto spend = fit_gamma_gamma(customers);
    std::shuffle(customers.begin(), customers.end(), std::mt19937(11));
    const auto again = fit_bgnbd(customers);
    CHECK(again.model.r == first.model.r);
    CHECK(again.model.alpha == first.model.alpha);
    CHECK(again.model.a == first.model.a);
    CHECK(again.model.b == first.model.b);
    CHECK(again.log_likelihood == first.log_likelihood);
    CHECK(fit_gamma_gamma(customers).model.p == spend.model.p);
    // Near the truth (r 0.5, alpha 2, a 1, b 3; q 4, gamma 20) for 3000 customers.
    CHECK(first.model.r == doctest::Approx(0.5).epsilon(0.3));
    CHECK(first.model.alpha == doctest::Approx(2).epsilon(0.4));
    CHECK(spend.model.q == doctest::Approx(4).epsilon(0.4));
    // A maximum: a step in any parameter does not raise the likelihood.
    for (int i = 0; i < 4; ++i)
        for (double f : {0.99, 1.01}) {
            BgNbd m = first.model;
            (&m.r)[i] *= f;
            CHECK(bgnbd_log_likelihood(m, customers) <= first.log_likelihood + 1e-9);
        }
}

TEST_CASE("degenerate data are refused with the reason, never a NaN") {
    CHECK_THROWS_WITH_AS(fit_bgnbd({}), "BG/NBD: no customer has an order to fit", Failure);
    CHECK_THROWS_WITH_AS(fit_bgnbd({{0, 0, 10, 0}, {0, 0, 5, 0}}),
                         "BG/NBD: no customer bought on a second day; the model needs repeat purchases", Failure);
    CHECK_THROWS_WITH_AS(fit_gamma_gamma({{1, 1, 10, 30}, {0, 0, 5, 0}}),
                         "Gamma-Gamma: fewer than two customers spent on a second day; the model needs their spend",
                         Failure);
    // One customer with one repeat purchase: the likelihood has no interior maximum.
    try {
        const auto fit = fit_bgnbd({{1, 1, 10, 30}});
        CHECK(std::isfinite(fit.log_likelihood));  // a fit it returns is a real number
    } catch (const Failure& f) {
        CHECK(std::string(f.what()).find("these orders do not determine the model") != std::string::npos);
    }
}

namespace {

HealthConfig weights() {
    HealthConfig c;
    c.recency = 30, c.volatility = 15, c.complaints = 20, c.interactions = 15, c.alive = 20;
    c.high_below = 70, c.medium_below = 85;
    return c;
}

}  // namespace

TEST_CASE("health: each component and the weighted score by hand") {
    const Date day = *parse_date("2026-11-23");
    HealthFacts f;
    f.purchase_days = 5, f.first = day - 165, f.last = day - 45;  // a rhythm of 30 days, 1.5 of them since
    f.spans = {100, 100, 100, 100, 100, 100};                      // steady: volatility 100
    f.orders_180 = 4, f.tickets_180 = 1, f.unresolved = 1;         // 100 - 50/4 - 25 = 62.5
    f.interactions_90 = 1, f.interactions_before = 4;              // 25
    f.p_alive = 0.8;
    const Health h = health_of(f, day, 999, weights());
    CHECK(h.recency == doctest::Approx(75));
    CHECK(h.volatility == doctest::Approx(100));
    CHECK(h.complaints == doctest::Approx(62.5));
    CHECK(h.interactions == doctest::Approx(25));
    CHECK(*h.alive == doctest::Approx(80));
    // (30*75 + 15*100 + 20*62.5 + 15*25 + 20*80) / 100 = 69.75
    CHECK(h.score == 70);
    CHECK(h.risk == "medium");
    // Without a fit, alive's weight goes to the rest: (2250 + 1500 + 1250 + 375) / 80 = 67.19.
    f.p_alive.reset();
    CHECK(health_of(f, day, 999, weights()).score == 67);
    CHECK(health_of(f, day, 999, weights()).risk == "high");
}

TEST_CASE("health: a one-time buyer is held to the population's rhythm, a week at least; one month's spend is volatility 0") {
    const Date day = *parse_date("2026-11-23");
    HealthFacts f;
    f.purchase_days = 1, f.first = f.last = day - 40;
    f.spans[4] = 5000;
    CHECK(health_of(f, day, 20, weights()).recency == doctest::Approx(100 * (3 - 2.0) / 2));
    CHECK(health_of(f, day, 2, weights()).recency == 0);  // 40 days at the floor of 7: past 3 rhythms
    CHECK(health_of(f, day, 20, weights()).volatility == doctest::Approx(0).epsilon(1e-9));
    f.spans = {};
    CHECK(health_of(f, day, 20, weights()).volatility == 0);  // no spend in six months
    f.spans[5] = -300;                                         // only a return: no spend either
    CHECK(health_of(f, day, 20, weights()).volatility == 0);
}

TEST_CASE("the risk bands are the customer schema's health.risk enum") {
    CHECK(enum_at("customer", "health.risk") == std::vector<std::string>(std::begin(kRiskBands), std::end(kRiskBands)));
}

TEST_CASE("health: the bands' lines; the median rhythm of repeat buyers, 30 days when none") {
    const HealthConfig c = weights();
    CHECK(risk_of(69, c) == "high");
    CHECK(risk_of(70, c) == "medium");
    CHECK(risk_of(84, c) == "medium");
    CHECK(risk_of(85, c) == "low");
    HealthFacts once, every10, every30;
    once.purchase_days = 1;
    every10.purchase_days = 4, every10.first = 0, every10.last = 30;
    every30.purchase_days = 3, every30.first = 0, every30.last = 60;
    CHECK(median_gap_days({once}) == 30);
    CHECK(median_gap_days({once, every10, every30}) == doctest::Approx(20));
    CHECK(median_gap_days({every10, every30, every30}) == doctest::Approx(30));
}

TEST_CASE("property: any facts give a score from 0 to 100 in the band of that score") {
    std::mt19937 rng(17);
    const Date day = *parse_date("2026-11-23");
    for (int i = 0; i < 2000; ++i) {
        HealthFacts f;
        f.purchase_days = 1 + int(rng() % 20);
        f.last = day - int(rng() % 400);
        f.first = f.last - int(rng() % 400);
        for (auto& s : f.spans) s = Cents(rng() % 100000) - 20000;
        f.orders_180 = int(rng() % 10), f.tickets_180 = int(rng() % 10), f.unresolved = int(rng() % 5);
        f.interactions_90 = int(rng() % 10), f.interactions_before = int(rng() % 10);
        if (rng() % 2) f.p_alive = double(rng() % 1001) / 1000;
        const Health h = health_of(f, day, double(1 + rng() % 100), weights());
        CHECK(h.score >= 0);
        CHECK(h.score <= 100);
        CHECK(h.risk == risk_of(h.score, weights()));
        for (double c : {h.recency, h.volatility, h.complaints, h.interactions}) CHECK((c >= 0 && c <= 100));
    }
}

TEST_CASE("an order's margin: the first product pattern that matches (* any text), else the default") {
    ValueConfig v;
    v.default_margin = 0.25;
    v.margins = {{"龙井", 0.4}, {"茶*", 0.1}, {"*礼盒", 0.5}, {"*", 0.3}};
    CHECK(v.margin_of("龙井") == 0.4);
    CHECK(v.margin_of("龙井茶") == 0.3);  // not the exact name: the catch-all
    CHECK(v.margin_of("茶具") == 0.1);
    CHECK(v.margin_of("茶") == 0.1);      // * matches no text too
    CHECK(v.margin_of("中秋礼盒") == 0.5);
    v.margins.pop_back();
    CHECK(v.margin_of("普洱") == 0.25);
    v.margins = {{"a*b*c", 0.1}, {"*x", 0.2}};
    CHECK(v.margin_of("abc") == 0.1);
    CHECK(v.margin_of("a-b-b-c") == 0.1);
    CHECK(v.margin_of("a-b-c-d") == 0.25);
    CHECK(v.margin_of("xx") == 0.2);
    // Many stars against a long text that almost matches: no backtracking blow-up.
    v.margins = {{"*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*a*b", 0.9}};
    CHECK(v.margin_of(std::string(2000, 'a')) == 0.25);
    CHECK(v.margin_of(std::string(2000, 'a') + "b") == 0.9);
    CHECK(v.margin_of("") == 0.25);
}
