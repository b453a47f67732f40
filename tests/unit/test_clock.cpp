#include <doctest/doctest.h>

#include <cstdlib>

#include "clock.h"
#include "error.h"

using namespace crm;

TEST_CASE("dates are strict and real") {
    CHECK(parse_date("1970-01-01") == 0);
    CHECK(parse_date("1997-01-01") == 9862);
    CHECK(parse_date("2024-02-29"));
    CHECK_FALSE(parse_date("2023-02-29"));
    CHECK_FALSE(parse_date("2023-13-01"));
    CHECK_FALSE(parse_date("2023-1-01"));
    CHECK_FALSE(parse_date("20230101"));
    CHECK(format_date(*parse_date("2026-11-23")) == "2026-11-23");
    CHECK(weekday(*parse_date("2026-11-23")) == 0);  // a Monday
    CHECK(weekday(*parse_date("2026-11-29")) == 6);
}

TEST_CASE("times: RFC 3339, local times and dates in the store's zone") {
    Zone cst = *Zone::parse("+08:00");
    auto t = parse_time("2026-11-23T09:30:00+08:00", cst);
    REQUIRE(t);
    CHECK(*t == *parse_time("2026-11-23T01:30:00Z", cst));
    CHECK(*t == *parse_time("2026-11-23 09:30", cst));
    CHECK(format_time(*t, cst) == "2026-11-23T09:30:00+08:00");
    CHECK(format_time(*t, Zone()) == "2026-11-23T01:30:00+00:00");
    CHECK(local_date(*parse_time("2026-11-23T23:30:00+00:00", cst), cst) == *parse_date("2026-11-24"));
    CHECK(minute_of_day(*t, cst) == 9 * 60 + 30);
    CHECK(*parse_time("2026-11-23", cst) == *parse_time("2026-11-23T00:00:00+08:00", cst));
    CHECK(parse_time("2026-11-23T09:30:00.123Z", cst));
    CHECK_FALSE(parse_time("2026-11-23T25:00", cst));
    CHECK_FALSE(parse_time("2026-11-23T09:30+8", cst));
    CHECK_FALSE(parse_time("yesterday", cst));
}

TEST_CASE("zones: fixed offsets and POSIX TZ strings with DST") {
    CHECK(Zone::parse("-05:30")->offset_at(0) == -(5 * 3600 + 1800));
    CHECK_FALSE(Zone::parse("+25:00"));
    CHECK_FALSE(Zone::parse("nowhere/at all"));
    CHECK_FALSE(Zone::parse("Mars"));  // a name without an offset: Boost alone would take it as UTC
    CHECK_FALSE(Zone::parse("8"));
    // POSIX TZ offsets count west of UTC: EST5EDT is UTC-5, CST-8 is UTC+8.
    CHECK(Zone::parse("CST-8")->offset_at(0) == 8 * 3600);
    CHECK(Zone::parse("IST-5:30")->offset_at(0) == 5 * 3600 + 1800);
    Zone ny = *Zone::parse("EST5EDT,M3.2.0,M11.1.0");
    Zone utc;
    CHECK(ny.offset_at(*parse_time("2026-01-15T12:00:00Z", utc)) == -5 * 3600);
    CHECK(ny.offset_at(*parse_time("2026-07-15T12:00:00Z", utc)) == -4 * 3600);
    CHECK(format_time(*parse_time("2026-07-15T12:00:00Z", utc), ny) == "2026-07-15T08:00:00-04:00");
    CHECK(*parse_time("2026-07-15 08:00", ny) == *parse_time("2026-07-15T12:00:00Z", utc));
    CHECK(Zone::parse("EST5EDT,M3.2.0/2:00:00,M11.1.0/02:00"));
    CHECK(Zone::parse("EST5EDT,J60,J300"));
    CHECK(Zone::parse("EST5EDT,59,299"));
}

TEST_CASE("zones: malformed DST rules are refused, not handed to Boost (which read past them)") {
    // Found by fuzz_parse once the library carried coverage: a bare "M" asserted inside Boost.
    for (const char* bad : {"EST5EDT,M3.2.0,M", "EST5EDT,M3.2.0", "EST5EDT,M3.2.0,M11.1", "EST5EDT,,",
                            "EST5EDT,M13.1.0,M11.1.0", "EST5EDT,M3.6.0,M11.1.0", "EST5EDT,M3.2.7,M11.1.0",
                            "EST5EDT,J365,J100", "EST5EDT,J0,J100", "EST5EDT,M3.2.0/24,M11.1.0",
                            "EST5EDT,M3.2.0/2:60,M11.1.0", "EST5EDT,M3.2.0,M11.1.0,M12.1.0", "EST5EDT,M3..0,M11.1.0",
                            "EST5EDT,J60,300", "EST5E11.11.7%01214", "EST99", "EST5:3", "EST5:30:0"}) {
        CAPTURE(bad);
        std::string why;
        CHECK_FALSE(Zone::parse(bad, &why));
        CHECK(why.find("POSIX TZ") != std::string::npos);
    }
}

TEST_CASE("the clock: --as-of beats CRM_NOW beats the system clock") {
    Zone cst = *Zone::parse("+08:00");
    setenv("CRM_NOW", "2026-11-23T10:00:00+08:00", 1);
    CHECK(now_from("", cst) == *parse_time("2026-11-23T10:00:00+08:00", cst));
    CHECK(now_from("2020-01-01", cst) == *parse_time("2020-01-01", cst));
    setenv("CRM_NOW", "garbage", 1);
    CHECK_THROWS_AS(now_from("", cst), Failure);
    unsetenv("CRM_NOW");
    CHECK(now_from("", cst) > *parse_time("2026-01-01", cst));
}
