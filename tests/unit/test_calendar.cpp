// Hand-computed business-time cases (Mon-Fri 09:00-18:00 unless a case says otherwise).
#include <doctest/doctest.h>

#include "calendar.h"
#include "error.h"

using namespace crm;

static Config config(const std::string& yaml) { return parse_config(yaml, "crm.yaml"); }
static Time at(const Config& c, const char* local) { return *parse_time(local, c.zone); }
static std::string show(const Config& c, Time t) { return format_time(t, c.zone).substr(0, 16); }

TEST_CASE("Friday 17:30 plus one business hour is Monday 09:30") {
    Config c = config("");
    Calendar cal(c);
    CHECK(show(c, cal.add_business_minutes(at(c, "2026-11-20 17:30"), 60)) == "2026-11-23T09:30");
    CHECK(cal.business_minutes_between(at(c, "2026-11-20 17:30"), at(c, "2026-11-23 09:30")) == 60);
}

TEST_CASE("...and Tuesday 09:30 when Monday is a holiday") {
    Config c = config("calendar:\n  holidays: [2026-11-23]\n");
    Calendar cal(c);
    CHECK(show(c, cal.add_business_minutes(at(c, "2026-11-20 17:30"), 60)) == "2026-11-24T09:30");
}

TEST_CASE("opened outside hours: the clock starts at opening") {
    Config c = config("");
    Calendar cal(c);
    CHECK(show(c, cal.add_business_minutes(at(c, "2026-11-24 07:15"), 30)) == "2026-11-24T09:30");
    CHECK(show(c, cal.add_business_minutes(at(c, "2026-11-24 22:00"), 30)) == "2026-11-25T09:30");
    CHECK(show(c, cal.add_business_minutes(at(c, "2026-11-22 12:00"), 0)) == "2026-11-23T09:00");  // Sunday
    CHECK(cal.business_minutes_between(at(c, "2026-11-24 07:00"), at(c, "2026-11-24 08:59")) == 0);
}

TEST_CASE("a target landing exactly on closing time is due at closing, not next morning") {
    Config c = config("");
    Calendar cal(c);
    CHECK(show(c, cal.add_business_minutes(at(c, "2026-11-24 17:00"), 60)) == "2026-11-24T18:00");
    CHECK(show(c, cal.add_business_minutes(at(c, "2026-11-24 09:00"), 9 * 60)) == "2026-11-24T18:00");
    CHECK(show(c, cal.add_business_minutes(at(c, "2026-11-24 09:00"), 9 * 60 + 1)) == "2026-11-25T09:01");
}

TEST_CASE("split shifts skip the lunch break") {
    Config c = config("calendar:\n  hours:\n    tue: [\"09:00-12:00\", \"13:30-18:00\"]\n");
    Calendar cal(c);
    CHECK(show(c, cal.add_business_minutes(at(c, "2026-11-24 11:30"), 60)) == "2026-11-24T14:00");
    CHECK(show(c, cal.add_business_minutes(at(c, "2026-11-24 12:15"), 30)) == "2026-11-24T14:00");
    CHECK(cal.business_minutes_between(at(c, "2026-11-24 11:00"), at(c, "2026-11-24 14:00")) == 90);
}

TEST_CASE("a make-up Saturday works Monday's hours") {
    Config c = config("calendar:\n  workdays: [2026-11-28]\n");
    Calendar cal(c);
    CHECK(show(c, cal.add_business_minutes(at(c, "2026-11-27 17:30"), 60)) == "2026-11-28T09:30");
    CHECK(cal.business_minutes_between(at(c, "2026-11-28 00:00"), at(c, "2026-11-29 00:00")) == 9 * 60);
}

TEST_CASE("a span across a weekend counts only working minutes") {
    Config c = config("");
    Calendar cal(c);
    // Friday 16:00 -> Monday 10:00: 2 h Friday + 1 h Monday.
    CHECK(cal.business_minutes_between(at(c, "2026-11-20 16:00"), at(c, "2026-11-23 10:00")) == 180);
    CHECK(cal.business_minutes_between(at(c, "2026-11-23 10:00"), at(c, "2026-11-20 16:00")) == 0);
    CHECK(show(c, cal.add_business_minutes(at(c, "2026-11-20 16:00"), 24 * 60)) == "2026-11-25T13:00");
}

TEST_CASE("seconds within the starting minute are kept") {
    Config c = config("");
    Calendar cal(c);
    CHECK(format_time(cal.add_business_minutes(at(c, "2026-11-24 10:00:30"), 1), c.zone) == "2026-11-24T10:01:30+08:00");
}

TEST_CASE("no working hours at all is a configuration error when crm.yaml is read") {
    CHECK_THROWS_WITH_AS(config("calendar:\n  hours: {mon: [], tue: [], wed: [], thu: [], fri: []}\n"),
                         doctest::Contains("every weekday is closed"), Failure);
}

TEST_CASE("durations") {
    CHECK(parse_duration_minutes("30m") == 30);
    CHECK(parse_duration_minutes("4h") == 240);
    CHECK(parse_duration_minutes("2d") == 2880);
    CHECK_THROWS_AS(parse_duration_minutes("99999999999999999999h"), Failure);  // was std::stoll's internal error
    CHECK_THROWS_AS(parse_duration_minutes("-1h"), Failure);
}
