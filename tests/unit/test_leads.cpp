#include <doctest/doctest.h>

#include "assign.h"
#include "config.h"
#include "lead.h"

using namespace crm;

static Config team(const std::string& extra = "") {
    return parse_config("people:\n"
                        "  - {name: alice, groups: [sales]}\n"
                        "  - {name: bob, groups: [sales], max_open_leads: 1}\n"
                        "  - {name: carol, groups: [sales, vip]}\n"
                        "  - {name: dave, groups: [vip], away: true}\n" + extra,
                        "crm.yaml");
}

TEST_CASE("setting a field other than BANT leaves the stored score and grade alone") {
    Config c = team();
    Lead l;
    l.score = 80;
    l.grade = "A";  // scored under other weights: only a BANT change rescores it
    CHECK(set_lead_field(l, "owner", "alice", c) == "");
    CHECK(l.owner == "alice");
    CHECK(l.score == 80);
    CHECK(l.grade == "A");
}

static Lead lead(const std::string& id, const std::string& owner, const std::string& status) {
    Lead l;
    l.id = id;
    l.owner = owner;
    l.status = *enum_named<LeadStatus>(status);
    return l;
}

TEST_CASE("BANT: the plain sum with weights 1, weighted and rounded otherwise; grades at 80 and 50") {
    Config c = parse_config("", "crm.yaml");
    Lead l;
    CHECK(set_lead_field(l, "budget", "25", c) == "");
    CHECK(set_lead_field(l, "authority", "25", c) == "");
    CHECK(set_lead_field(l, "need", "20", c) == "");
    CHECK(set_lead_field(l, "timeline", "10", c) == "");
    CHECK(l.score == 80);
    CHECK(l.grade == "A");
    CHECK(set_lead_field(l, "timeline", "9", c) == "");
    CHECK(l.grade == "B");
    CHECK(set_lead_field(l, "budget", "", c) == "");  // cleared counts 0
    CHECK(l.score == 54);
    CHECK(set_lead_field(l, "need", "26", c) == "26 is more than 25");
    CHECK(set_lead_field(l, "need", "-1", c) != "");
    CHECK(set_lead_field(l, "need", "x", c) != "");
    Config w = parse_config("leads:\n  bant_weights: {budget: 2, authority: 1, need: 1, timeline: 0}\n", "crm.yaml");
    Lead m;
    m.budget = 25;
    m.need = 10;
    score_lead(m, w.leads);
    CHECK(m.score == 60);  // 4 * (2*25 + 10) / 4
    CHECK(m.grade == "B");
}

TEST_CASE("pipeline: forward moves, backwards and out of won/lost need --force, lost needs a reason") {
    Lead l;
    CHECK(move_lead(l, LeadStatus::kQualified, "", "", false, "a", "t1") == "");
    CHECK(l.first_contact == "t1");
    CHECK(move_lead(l, LeadStatus::kContacted, "", "", false, "a", "t2") == "moving back from qualified to contacted needs --force");
    CHECK(move_lead(l, LeadStatus::kContacted, "", "", true, "a", "t2") == "");
    CHECK(move_lead(l, LeadStatus::kContacted, "", "", false, "a", "t3") == "the lead is contacted already");
    CHECK(move_lead(l, LeadStatus::kLost, "", "", false, "a", "t3") == "lost needs --reason");
    CHECK(move_lead(l, LeadStatus::kLost, "", "too expensive", false, "a", "t3") == "");
    CHECK(l.lost_reason == "too expensive");
    CHECK(move_lead(l, LeadStatus::kWon, "", "", false, "a", "t4") == "the lead is lost; moving out of it needs --force");
    CHECK(move_lead(l, LeadStatus::kWon, "", "", true, "a", "t4") == "");
    CHECK(l.lost_reason == "");
    REQUIRE(l.history.size() == 4);
    CHECK(l.history[0].from == "new");
    CHECK(l.history[3].to == "won");
}

TEST_CASE("round robin follows crm.yaml order from the stored position, skipping away and capped people") {
    Config c = team();
    RoundRobin rr;
    std::vector<Lead> leads;
    std::vector<std::string> got;
    for (int i = 0; i < 4; ++i) {
        Lead l = lead("L-" + std::to_string(i), "", "new");
        l.owner = choose_owner(l, c, leads, rr).owner;
        got.push_back(l.owner);
        leads.push_back(l);
    }
    // bob is capped at one open lead after his first.
    CHECK(got == std::vector<std::string>{"alice", "bob", "carol", "alice"});
    CHECK(rr["sales"] == "alice");
    leads[1].status = LeadStatus::kWon;  // bob's lead closes: he is available again
    CHECK(choose_owner(lead("L-9", "", "new"), c, leads, rr).owner == "bob");
}

TEST_CASE("only caps and the counting strategies make assignment read the leads") {
    CHECK(assignment_needs_leads(lead("L-1", "", "new"), team()));  // bob has max_open_leads
    Config uncapped = team("leads:\n  assignment:\n    - {match: {}, group: vip}\n");
    CHECK_FALSE(assignment_needs_leads(lead("L-1", "", "new"), uncapped));
    Config least = team("leads:\n  assignment:\n    - {match: {}, group: vip, strategy: least_open}\n");
    CHECK(assignment_needs_leads(lead("L-1", "", "new"), least));
    Config none = team("leads:\n  assignment:\n    - {match: {source: web}, group: vip}\n");
    CHECK_FALSE(assignment_needs_leads(lead("L-1", "", "new"), none));  // no rule: choose_owner says so
}

TEST_CASE("least_open and weighted; rules match region, industry and source") {
    Config c = team("leads:\n  assignment:\n"
                    "    - {match: {region: 北京, source: exhibition}, group: vip, strategy: least_open}\n"
                    "    - {match: {}, group: sales, strategy: least_open}\n");
    RoundRobin rr;
    std::vector<Lead> leads = {lead("L-1", "alice", "new"), lead("L-2", "alice", "new"), lead("L-3", "carol", "new")};
    Lead l = lead("L-4", "", "new");
    CHECK(choose_owner(l, c, leads, rr).owner == "bob");
    l.region = "北京";
    l.source = "exhibition";
    Assignment a = choose_owner(l, c, leads, rr);
    CHECK(a.owner == "carol");  // dave is away
    CHECK(a.rule == 0);
    CHECK(a.group == "vip");

    Config w = team("leads:\n  assignment:\n    - {match: {}, group: sales, strategy: weighted}\n");
    // alice won 3 of 3, carol lost 3 of 3; both have one open lead: alice gets it.
    std::vector<Lead> history = {lead("a1", "alice", "won"), lead("a2", "alice", "won"), lead("a3", "alice", "won"),
                                 lead("c1", "carol", "lost"), lead("c2", "carol", "lost"), lead("c3", "carol", "lost"),
                                 lead("a4", "alice", "new"),  lead("c4", "carol", "new"),  lead("b1", "bob", "new")};
    CHECK(choose_owner(lead("L-5", "", "new"), w, history, rr).owner == "alice");
}

TEST_CASE("assignment fails clearly when nobody can take the lead") {
    Config c = team("leads:\n  assignment:\n    - {match: {source: web}, group: vip}\n");
    RoundRobin rr;
    Lead l = lead("L-1", "", "new");
    CHECK_THROWS_WITH(choose_owner(l, c, {}, rr), "no rule in leads.assignment of crm.yaml matches this lead");
    l.source = "web";
    CHECK(choose_owner(l, c, {}, rr).owner == "carol");
    std::vector<Lead> leads;
    Config away = team("leads:\n  assignment:\n    - {match: {}, group: nobody}\n");
    CHECK_THROWS_AS(choose_owner(l, away, leads, rr), Failure);
}

TEST_CASE("follow-up due on the calendar or the business clock") {
    Config cal = parse_config("", "crm.yaml");
    Lead l;
    l.created = "2026-11-20T17:30:00+08:00";  // a Friday
    CHECK(format_time(*followup_due(l, cal), cal.zone) == "2026-11-21T17:30:00+08:00");
    Config biz = parse_config("leads: {followup_clock: business, followup_hours: 2}\n", "crm.yaml");
    CHECK(format_time(*followup_due(l, biz), biz.zone) == "2026-11-23T10:30:00+08:00");
    CHECK(followup_overdue(l, biz, *parse_time("2026-11-23T10:31:00+08:00", biz.zone)));
    CHECK_FALSE(followup_overdue(l, biz, *parse_time("2026-11-23T10:30:00+08:00", biz.zone)));
    l.first_contact = "2026-11-23T11:00:00+08:00";
    CHECK_FALSE(followup_overdue(l, biz, *parse_time("2026-11-24T00:00:00+08:00", biz.zone)));
}
