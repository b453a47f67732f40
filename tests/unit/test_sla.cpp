// SLA clocks, pauses and escalation, hand-computed (Mon-Fri 09:00-18:00; 2026-11-20 is a Friday).
#include <doctest/doctest.h>

#include "sla.h"

using namespace crm;

static Config config(const std::string& extra = "") { return parse_config(extra, "crm.yaml"); }
static Time at(const Config& c, const char* local) { return *parse_time(local, c.zone); }
static std::string show(const Config& c, std::optional<Time> t) { return t ? format_time(*t, c.zone).substr(0, 16) : "-"; }

static Ticket ticket(const char* created, const char* priority = "high") {
    Ticket t;
    t.created = created;
    t.priority = *enum_named<Priority>(priority);
    return t;
}

static void status(Ticket& t, const char* to, const char* when) { set_ticket_status(t, *enum_named<TicketStatus>(to), "x", when, "", true); }

TEST_CASE("high priority opened Friday 17:30: first response due Monday 09:30, Tuesday if Monday is a holiday") {
    Config c = config();
    Ticket t = ticket("2026-11-20T17:30:00+08:00");
    TicketSla s = compute_sla(t, c, at(c, "2026-11-20 18:00"));
    CHECK(show(c, s.first_response.due) == "2026-11-23T09:30");
    CHECK(s.first_response.state == "active");
    Config holiday = config("calendar:\n  holidays: [2026-11-23]\n");
    CHECK(show(holiday, compute_sla(t, holiday, at(c, "2026-11-20 18:00")).first_response.due) == "2026-11-24T09:30");
    // 24 business hours = 1440 minutes: Fri 30 min, Mon/Tue 540 each, Wed 330 -> Wed 14:30.
    CHECK(show(c, s.resolution.due) == "2026-11-25T14:30");
}

TEST_CASE("achieved, breached late, breached unmet, active") {
    Config c = config();
    Ticket t = ticket("2026-11-23T09:00:00+08:00");
    t.first_response = "2026-11-23T09:59:00+08:00";
    TicketSla s = compute_sla(t, c, at(c, "2026-11-23 12:00"));
    CHECK(s.first_response.state == "achieved");
    CHECK(s.first_response.used == 59 * 60);
    t.first_response = "2026-11-23T10:01:00+08:00";
    CHECK(compute_sla(t, c, at(c, "2026-11-23 12:00")).first_response.state == "breached");
    t.first_response = "";
    CHECK(compute_sla(t, c, at(c, "2026-11-23 10:00")).first_response.state == "active");  // exactly due: not yet late
    CHECK(compute_sla(t, c, at(c, "2026-11-23 10:00:01")).first_response.state == "breached");
}

TEST_CASE("time spent pending does not count against resolution") {
    Config c = config("tickets:\n  sla:\n    high: {first_response: 1h, resolution: 2h, clock: business}\n");
    Ticket t = ticket("2026-11-23T09:00:00+08:00");
    status(t, "pending", "2026-11-23T10:00:00+08:00");
    TicketSla paused = compute_sla(t, c, at(c, "2026-11-23 13:00"));
    CHECK(paused.resolution.state == "paused");
    CHECK_FALSE(paused.resolution.due);
    CHECK(paused.resolution.used == 3600);
    status(t, "open", "2026-11-23T14:00:00+08:00");
    TicketSla s = compute_sla(t, c, at(c, "2026-11-23 14:30"));
    CHECK(show(c, s.resolution.due) == "2026-11-23T15:00");
    CHECK(s.resolution.state == "active");
    status(t, "solved", "2026-11-23T14:50:00+08:00");
    s = compute_sla(t, c, at(c, "2026-11-24 09:00"));
    CHECK(s.resolution.state == "achieved");
    CHECK(s.resolution.used == 110 * 60);
    CHECK(s.first_response.state == "breached");  // solving counts as the first response: 14:50 > 10:00
}

TEST_CASE("a pause across a weekend") {
    Config c = config("tickets:\n  sla:\n    high: {first_response: 1h, resolution: 4h, clock: business}\n");
    Ticket t = ticket("2026-11-20T15:00:00+08:00");  // Friday; on hold from 16:00 to Monday 10:00
    status(t, "on_hold", "2026-11-20T16:00:00+08:00");
    status(t, "open", "2026-11-23T10:00:00+08:00");
    // 1 h ran on Friday; Monday's clock starts at 10:00, not 09:00: 3 h more -> 13:00.
    CHECK(show(c, compute_sla(t, c, at(c, "2026-11-23 11:00")).resolution.due) == "2026-11-23T13:00");
}

TEST_CASE("a pause moves only the targets still running: pending after the reply leaves fr_due (issue 13 case 4)") {
    const std::string day = "[\"09:00-12:00\", \"13:00-18:00\"]";
    Config c = config("calendar:\n  hours: {mon: " + day + ", tue: " + day + ", wed: " + day + ", thu: " + day +
                      ", fri: " + day + "}\n");
    Ticket t = ticket("2026-11-02T09:00:00+08:00", "low");  // Monday; low: 24 business hours, 8 a day
    t.first_response = "2026-11-03T09:00:00+08:00";
    status(t, "pending", "2026-11-03T10:00:00+08:00");
    status(t, "open", "2026-11-06T10:00:00+08:00");
    const TicketSla s = compute_sla(t, c, at(c, "2026-11-06 11:00"));
    CHECK(show(c, s.first_response.due) == "2026-11-04T18:00");  // the pause came after the reply
    CHECK(s.first_response.state == "achieved");
    // Resolution (72 h) was running: 9 h before the pause, 63 h from Friday 10:00 -> Fri 7 h, then
    // 8 h a day for 7 days, ending Tuesday 11-17 at 18:00.
    CHECK(show(c, s.resolution.due) == "2026-11-17T18:00");
}

TEST_CASE("calendar clock counts every hour") {
    Config c = config("tickets:\n  sla:\n    low: {first_response: 24h, resolution: 72h, clock: calendar}\n");
    Ticket t = ticket("2026-11-20T17:30:00+08:00", "low");
    CHECK(show(c, compute_sla(t, c, at(c, "2026-11-20 18:00")).first_response.due) == "2026-11-21T17:30");
}

TEST_CASE("escalation: warn at 80% used calls level 1, a breach level 2; solved tickets never") {
    Config c = config();
    Ticket t = ticket("2026-11-23T09:00:00+08:00");
    CHECK(escalation_need(t, compute_sla(t, c, at(c, "2026-11-23 09:47")), c).level == 0);
    EscalationNeed warn = escalation_need(t, compute_sla(t, c, at(c, "2026-11-23 09:48")), c);
    CHECK(warn.level == 1);
    CHECK(warn.group == "team_lead");
    CHECK(warn.reason == "first_response 80% used");
    EscalationNeed breach = escalation_need(t, compute_sla(t, c, at(c, "2026-11-23 10:30")), c);
    CHECK(breach.level == 2);
    CHECK(breach.group == "manager");
    CHECK(breach.reason == "first_response breached");
    CHECK(show(c, breach.due) == "2026-11-23T10:00");
    status(t, "solved", "2026-11-23T10:30:00+08:00");
    CHECK(escalation_need(t, compute_sla(t, c, at(c, "2026-11-23 11:00")), c).level == 0);
}
