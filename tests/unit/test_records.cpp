// customers, orders, output, rfm rules
#include <doctest/doctest.h>

#include <sstream>

#include "config.h"
#include "customer.h"
#include "lead.h"
#include "order.h"
#include "output.h"
#include "report.h"
#include "rfm.h"
#include "yaml_read.h"

using namespace crm;

static const char* kCustomer =
    "id: C-1NG8H4RNM0QE\n"
    "ref: \"00001\"\n"
    "kind: person\n"
    "name: 张三\n"
    "phone: \"+8613800138000\"\n"
    "tags: [vip, 北京]\n"
    "created: 2026-11-23T21:50:16+08:00\n"
    "updated: 2026-11-23T21:50:16+08:00\n"
    "rfm:\n"
    "  segment: loyal\n"
    "  lifecycle: active\n"
    "  tier: gold\n"
    "  high_value: true\n"
    "favourite_colour: 蓝\n"
    "notes:\n"
    "  - \"called, no answer\"\n";

TEST_CASE("a canonical customer file reads and writes back byte for byte") {
    Problems p;
    Customer c = record_from_yaml<Customer>(parse_yaml(kCustomer, "customers/C-1NG8H4RNM0QE.yaml", kDataErr),
                                    "customers/C-1NG8H4RNM0QE.yaml", p);
    REQUIRE(p.empty());
    CHECK(c.name == "张三");
    CHECK(c.ref == "00001");
    CHECK(c.high_value);
    // The one non-canonical bit, a block list of scalars, comes back as a flow list.
    std::string expected = kCustomer;
    expected.replace(expected.find("notes:\n  - \"called, no answer\"\n"), std::string::npos,
                     "notes: [\"called, no answer\"]\n");
    CHECK(record_yaml(c) == expected);
    Customer again = record_from_yaml<Customer>(YAML::Load(record_yaml(c)), c.file, p);
    CHECK(record_yaml(again) == expected);
}

TEST_CASE("hand-edited customers are canonicalised and unknown keys kept") {
    Problems p;
    std::string hand = "name: Acme\nzzz: keep me\nid: C-1NG8H4RNM0QE\ncreated: 2026-11-23T21:50:16+08:00\n"
                       "updated: 2026-11-23T21:50:16+08:00\nkind: company\n";
    Customer c = record_from_yaml<Customer>(YAML::Load(hand), "customers/C-1NG8H4RNM0QE.yaml", p);
    REQUIRE(p.empty());
    std::string out = record_yaml(c);
    CHECK(out == "id: C-1NG8H4RNM0QE\nkind: company\nname: Acme\ncreated: 2026-11-23T21:50:16+08:00\n"
                 "updated: 2026-11-23T21:50:16+08:00\nzzz: keep me\n");
    Customer again = record_from_yaml<Customer>(YAML::Load(out), "customers/C-1NG8H4RNM0QE.yaml", p);
    CHECK(record_yaml(again) == out);
}

TEST_CASE("a customer file whose id does not match its name is a problem") {
    Problems p;
    record_from_yaml<Customer>(YAML::Load(kCustomer), "customers/C-OTHER.yaml", p);
    REQUIRE(p.size() == 1);
    CHECK(p.list()[0] == "customers/C-OTHER.yaml:1: id: \"C-1NG8H4RNM0QE\" does not match the file name");
}

TEST_CASE("set_customer_field normalises and rejects") {
    Config config = parse_config("", "crm.yaml");
    Customer c;
    CHECK(set_field(c, "phone", "+86 138-0013-8000", config) == "");
    CHECK(c.phone == "+8613800138000");
    CHECK(set_field(c, "phone", "abc", config).find("is not a phone number") != std::string::npos);
    CHECK(set_field(c, "kind", "robot", config) == "\"robot\" is not one of company, person");
    CHECK(set_field(c, "owner", "nobody", config) == "\"nobody\" is not in people: of crm.yaml");
    CHECK(set_field(c, "birthday", "1990-02-30", config) == "\"1990-02-30\" is not a date (YYYY-MM-DD)");
    CHECK(set_field(c, "name", "", config) == "must not be empty");
    CHECK(set_field(c, "tags", "a, b,a", config) == "");
    CHECK(c.tags == std::vector<std::string>{"a", "b"});
}

TEST_CASE("shard_days: the days of an order's month shard") {
    auto days = [](const char* d) {
        auto [first, next] = shard_days(*parse_date(d));
        return format_date(first) + ".." + format_date(next);
    };
    CHECK(days("1997-01-01") == "1997-01-01..1997-02-01");
    CHECK(days("1997-01-31") == "1997-01-01..1997-02-01");
    CHECK(days("2024-02-29") == "2024-02-01..2024-03-01");
    CHECK(days("2023-02-15") == "2023-02-01..2023-03-01");
    CHECK(days("2026-12-31") == "2026-12-01..2027-01-01");
}

TEST_CASE("order shards: canonical lines, fast reader, yaml-cpp fallback, errors with lines") {
    Order o;
    o.id = "O-1";
    o.customer = "C-1NG8H4RNM0QE";
    o.date = *parse_date("1997-01-02");
    o.amount = 1177;
    o.quantity = 1;
    o.product = "CD, live";
    std::string shard = shard_yaml({o});
    CHECK(shard == "- {id: O-1, customer: C-1NG8H4RNM0QE, date: 1997-01-02, amount: \"11.77\", quantity: 1, "
                   "product: \"CD, live\"}\n");
    Problems p;
    auto back = read_shard(shard, "orders/1997/01.yaml", p);
    REQUIRE(p.empty());
    REQUIRE(back.size() == 1);
    CHECK(back[0].product == "CD, live");
    CHECK(back[0].amount == 1177);
    CHECK(shard_yaml(back) == shard);

    // Block style written by hand: the fallback reads it, with the same result.
    std::string hand = "- id: O-1\n  customer: C-1NG8H4RNM0QE\n  date: 1997-01-02\n  amount: 11.77\n"
                       "  quantity: 1\n  product: CD, live\n";
    auto fallback = read_shard(hand, "orders/1997/01.yaml", p);
    REQUIRE(p.empty());
    CHECK(shard_yaml(fallback) == shard);

    auto bad = read_shard("- {id: O-1, customer: C-1NG8H4RNM0QE, date: 1997-01-02, amount: \"11.77\"}\n"
                          "- {id: O-2, customer: C-1NG8H4RNM0QE, date: 1997-02-30, amount: \"12,5\"}\n",
                          "orders/1997/01.yaml", p);
    CHECK(bad.size() == 1);
    REQUIRE(p.size() == 2);
    CHECK(p.list()[0] == "orders/1997/01.yaml:2: date: \"1997-02-30\" is not a date (YYYY-MM-DD)");
    CHECK(p.list()[1] == "orders/1997/01.yaml:2: amount: \"12,5\" is not a decimal");
}

TEST_CASE("regression (fuzz_shard): an unknown key with '?' writes back readable") {
    std::string hand = "- id: O-1\n  customer: C-1NG8H4RNM0QE\n  date: 1997-01-02\n  amount: 11.77\n"
                       "  prod???uct: \"CD, live\"\n";
    Problems p;
    auto orders = read_shard(hand, "orders/1997/01.yaml", p);
    REQUIRE(p.empty());
    std::string once = shard_yaml(orders);
    CHECK(once == "- {id: O-1, customer: C-1NG8H4RNM0QE, date: 1997-01-02, amount: \"11.77\", \"prod???uct\": \"CD, live\"}\n");
    auto back = read_shard(once, "orders/1997/01.yaml", p);
    CHECK(p.empty());
    CHECK(shard_yaml(back) == once);
}

TEST_CASE("regression (fuzz_shard, CI): a plain unknown value with '?' next to an escaped control byte") {
    std::string hand = "- id: O-1\n  customer: C-1NG8H4RNM0QE\n  date: 1997-01-02\n  amount: 1\n  note: a?b\n"
                       "- id: O-2\n  customer: C-1NG8H4RNM0QE\n  date: 1997-01-02\n  amount: 1\n  zz: \"x\\x01y\"\n";
    Problems p;
    auto orders = read_shard(hand, "orders/1997/01.yaml", p);
    REQUIRE(p.empty());
    std::string once = shard_yaml(orders);
    CHECK(once.find("note: \"a?b\"") != std::string::npos);
    auto back = read_shard(once, "orders/1997/01.yaml", p);
    CHECK(p.empty());
    REQUIRE(back.size() == 2);
    CHECK(back[1].extra.at(0).second == "\"x\\x01y\"");
    CHECK(shard_yaml(back) == once);
}

TEST_CASE("regression (fuzz_shard): duplicate order IDs write in one order whatever the input order") {
    Order a, b;
    a.id = b.id = "O-5D";
    a.customer = "C-1NG8H88M4CX6";
    b.customer = "C-1NG8H88XJXAW";
    a.date = b.date = *parse_date("1997-01-01");
    a.amount = 2800;
    b.amount = 100;
    CHECK(shard_yaml({a, b}) == shard_yaml({b, a}));
}

TEST_CASE("table output aligns CJK text; csv quotes; json types") {
    Table t;
    t.columns = {{"name", Kind::Text}, {"n", Kind::Number}, {"ok", Kind::Bool}};
    t.add({"张三", "5", "true"});
    t.add({"Bob, Jr", "12", ""});
    std::ostringstream table, csv, json, tsv;
    render(t, {"table", "", false, false}, table);
    CHECK(table.str() == "name      n  ok\n张三      5  true\nBob, Jr  12\n");
    render(t, {"csv", "", false, true}, csv);
    CHECK(csv.str() == "\xEF\xBB\xBFname,n,ok\n张三,5,true\n\"Bob, Jr\",12,\n");
    render(t, {"jsonl", "", false, false}, json);
    CHECK(json.str() == "{\"name\":\"张三\",\"n\":5,\"ok\":true}\n{\"name\":\"Bob, Jr\",\"n\":12,\"ok\":null}\n");
    render(select_fields(t, "ok,name", {}), {"tsv", "", true, false}, tsv);
    CHECK(tsv.str() == "true\t张三\n\tBob, Jr\n");
    CHECK_THROWS_AS(select_fields(t, "nope", {}), Failure);
    CHECK_THROWS_AS(check_format("xml"), Failure);
}

TEST_CASE("report numbers are plain and empty without a denominator") {
    CHECK(ratio(1, 3, 3) == "0.333");
    CHECK(ratio(2, 3, 3) == "0.667");
    CHECK(ratio(5, 0, 3) == "");
    CHECK(ratio(-1, 8, 2) == "-0.13");
    CHECK(money_average(1000, 3) == "3.33");
    CHECK(money_average(-1000, 3) == "-3.33");
}

TEST_CASE("RFM scores: ties share a score, formula 1 + floor(5 * worse / n)") {
    CHECK(rfm_scores({10, 20, 30, 40, 50}, false) == std::vector<int>{1, 2, 3, 4, 5});
    CHECK(rfm_scores({10, 20, 30, 40, 50}, true) == std::vector<int>{5, 4, 3, 2, 1});
    CHECK(rfm_scores({7, 7, 7}, false) == std::vector<int>{1, 1, 1});
    CHECK(rfm_scores({1, 1, 2, 2}, false) == std::vector<int>{1, 1, 3, 3});
}

static RfmConfig defaults() { return parse_config("", "crm.yaml").rfm; }

TEST_CASE("RFM rules at the edges") {
    const Date as_of = *parse_date("2026-06-30");
    RfmConfig cfg = defaults();
    // 0: one order ever, 90 days ago (not yet sleeping); 1: 91 days ago (sleeping);
    // 2: 181 days ago (lost); 3: no orders; 4: big spender with 3 orders; 5: order after as_of only;
    // 6: 180 days ago (still sleeping, not lost).
    std::vector<OrderFact> facts = {
        {0, as_of - 90, 1000}, {1, as_of - 91, 1000}, {2, as_of - 181, 1000}, {6, as_of - 180, 1000},
        {4, as_of - 10, 1000000}, {4, as_of - 20, 1000000}, {4, as_of - 40, 100},
        {5, as_of + 1, 5000},
    };
    auto r = compute_rfm(7, facts, {}, as_of, cfg);
    CHECK(r[6].lifecycle == "sleeping");
    CHECK(r[0].lifecycle == "new");
    CHECK(r[0].r == 90);
    CHECK(r[1].lifecycle == "sleeping");
    CHECK(r[2].lifecycle == "lost");
    CHECK(r[3].lifecycle == "prospect");
    CHECK_FALSE(r[3].has_orders);
    CHECK(r[3].tier == "");
    CHECK(r[4].lifecycle == "active");
    CHECK(r[4].f == 3);
    CHECK(r[4].m == 2000100);
    CHECK(r[4].tier == "diamond");
    CHECK(r[4].high_value);
    CHECK(r[5].lifecycle == "prospect");  // its only order is after the as-of date
    CHECK(r[0].tier == "normal");
    CHECK(r[4].rfm_r == 5);  // 4 of 5 buyers are older: 1 + floor(5 * 4 / 5)
}

TEST_CASE("window: an order exactly window_days old is out of F and M") {
    const Date as_of = *parse_date("2026-06-30");
    auto r = compute_rfm(1, {{0, as_of - 365, 500}, {0, as_of - 364, 700}}, {}, as_of, defaults());
    CHECK(r[0].f == 1);
    CHECK(r[0].m == 700);
}

TEST_CASE("high value: top 20% with 3 orders to gain, top 30% to keep") {
    const Date as_of = *parse_date("2026-06-30");
    // Ten customers with 3 orders each; customer k spends k+1 units per order.
    std::vector<OrderFact> facts;
    for (int k = 0; k < 10; ++k)
        for (int j = 0; j < 3; ++j) facts.push_back({k, as_of - j, Cents(k + 1) * 100});
    auto first = compute_rfm(10, facts, {}, as_of, defaults());
    for (int k = 0; k < 10; ++k) CHECK(first[k].high_value == (k >= 8));  // exactly the top 20%
    // Next night: customer 9 stays on top; the others were tagged before.
    std::vector<bool> prev(10, false);
    prev[7] = true;  // was high: 2 have more, 2 < 3 = 30% of 10: kept
    prev[6] = true;  // was high: 3 have more, not < 3: lost
    auto second = compute_rfm(10, facts, prev, as_of, defaults());
    CHECK(second[7].high_value);
    CHECK_FALSE(second[6].high_value);
    CHECK(second[8].high_value);
}

TEST_CASE("tiers are decided by amount OR orders, first match wins") {
    const Date as_of = *parse_date("2026-06-30");
    std::vector<OrderFact> facts;
    for (int j = 0; j < 8; ++j) facts.push_back({0, as_of - j, 100});  // 8 small orders: gold by count
    facts.push_back({1, as_of, 500000});                                // one big one: gold by amount
    facts.push_back({2, as_of, 99999});                                 // just under silver
    auto r = compute_rfm(3, facts, {}, as_of, defaults());
    CHECK(r[0].tier == "gold");
    CHECK(r[1].tier == "gold");
    CHECK(r[2].tier == "normal");
}

TEST_CASE("calendar tier assessment: a tier earned in a year is held through the next and counted again after 12-31") {
    RfmConfig cfg = defaults();
    cfg.tier_assessment = TierAssessment::kCalendar;
    const auto day = [](const char* s) { return *parse_date(s); };
    // 0 spends 5000.00 (gold) on 2025-06-01; 1 spends it on 2026-06-01; 2 has
    // eight orders late in 2025 (gold by count); 3 spent it on 2024-12-31.
    std::vector<OrderFact> facts = {{0, day("2025-06-01"), 500000}, {1, day("2026-06-01"), 500000},
                                    {3, day("2024-12-31"), 500000}};
    for (int j = 0; j < 8; ++j) facts.push_back({2, day("2025-12-31") - j, 100});
    auto on = [&](const char* as_of) { return compute_rfm(4, facts, {}, day(as_of), cfg); };
    auto r = on("2026-05-31");  // rolling would give 0 gold too (within 365 days), 2 gold, 3 normal
    CHECK(r[0].tier == "gold");
    CHECK(r[2].tier == "gold");
    CHECK(r[3].tier == "normal");  // 2024's spending counted for 2025 only
    r = on("2026-12-31");  // rolling: 0's order is 578 days old (normal); calendar keeps 2025's gold to the end of 2026
    CHECK(r[0].tier == "gold");
    CHECK(r[1].tier == "gold");  // reached in 2026: at once
    CHECK(compute_rfm(4, facts, {}, day("2026-12-31"), defaults())[0].tier == "normal");
    r = on("2027-01-01");  // reset: 2026 counts now, 2025 no longer
    CHECK(r[0].tier == "normal");
    CHECK(r[1].tier == "gold");
    CHECK(r[2].tier == "normal");
    CHECK(on("2028-01-01")[1].tier == "normal");
    // The scores and the window's f and m do not change with the mode.
    CHECK(r[1].f == compute_rfm(4, facts, {}, day("2027-01-01"), defaults())[1].f);
}

TEST_CASE("hand-written keys that look like a nested field or are empty stay unknown keys, kept as written") {
    const std::string file = "customers/C-1NG8H4RNM0QE.yaml";
    const std::string text = "id: C-1NG8H4RNM0QE\nname: x\ncreated: 2026-11-23T21:50:16+08:00\n"
                             "updated: 2026-11-23T21:50:16+08:00\nrfm.segment: Big Spender\n\"\": empty\n";
    Problems p;
    Customer c = read_record_text<Customer>(text, file, p);
    REQUIRE(p.empty());
    CHECK(c.segment.empty());
    CHECK(c.extra["rfm.segment"].Scalar() == "Big Spender");
    CHECK(c.extra[""].Scalar() == "empty");
    CHECK(record_yaml(c) == text);
}

TEST_CASE("the strict reader agrees with yaml-cpp on customers, record and problems alike") {
    const std::string file = "customers/C-1NG8H4RNM0QE.yaml";
    const char* head = "id: C-1NG8H4RNM0QE\nname: 张三\ncreated: 2026-11-23T21:50:16+08:00\nupdated: 2026-11-23T21:50:16+08:00\n";
    struct Case {
        std::string text;
        bool fast;
    };
    std::vector<Case> cases = {
        {kCustomer, false},  // block list under an unknown key: yaml-cpp
        {head, true},
        {std::string(head) + "phone: \"+8613800138000\"\ntags: [a, \"b, c\", 北京]\nrfm:\n  tier: gold\n  high_value: true\n", true},
        {std::string(head) + "kind: robot\nphone: abc\nemail: \"x@\"\nbirthday: 1990-02-30\n", true},
        {std::string(head) + "rfm:\n  high_value: \"true\"\n  lifecycle: Lost\n", true},
        {"id: C-1NG8H4RNM0QF\nname: x\n", true},  // wrong file name, missing times
        {std::string(head) + "name2: 'single'\n", false},
        {std::string(head) + "region: 北京 # comment\n", false},
        {std::string(head) + "region: \"\\x41\"\n", true},  // \x escapes: read strictly, same as yaml-cpp
        {std::string(head) + "region: \"\\u0041\"\n", false},
        {std::string(head) + "ref: ~\n", false},
        {std::string(head) + "ref:\n", false},
        {std::string(head) + "tags: []\n", true},
        {std::string(head) + "tags[]: won\n", false},  // regression (fuzz_record): crashed the strict reader
        {std::string(head) + "rfm.tier: gold\n", false},  // the same crash through a scoped name
        // regression (fuzz_record, CI): a quoted key under a block was read with its quotes and escapes
        {std::string(head) + "rgm:\n  \"high: v\\x19\": \"x\"\n", false},
        {std::string(head) + "rgm:\n  \"a\": x\n", false},
        {std::string(head) + "rgm:\n  Upper-Key: x\n", true},
    };
    for (const auto& k : cases) {
        CAPTURE(k.text);
        Problems fast_problems, slow_problems;
        bool fast = false;
        if (valid_utf8(k.text)) parse_record(k.text, file, kDataErr, &fast);
        CHECK(fast == k.fast);
        Customer a = read_record_text<Customer>(k.text, file, fast_problems);
        Customer b = record_from_yaml<Customer>(YAML::Load(k.text), file, slow_problems);
        CHECK(fast_problems.list() == slow_problems.list());
        if (fast_problems.empty()) CHECK(record_yaml(a) == record_yaml(b));
    }
}

TEST_CASE("record kinds: an enum's names in lib/enums.h must equal its schema's enum, or binding fails") {
    std::vector<std::string> keys;
    std::vector<std::vector<std::string>> items, enums;
    for (const auto& slot : kind_of<Lead>().slots) {
        keys.push_back(slot->key());
        items.push_back(slot->item_names());
        enums.push_back(slot->enum_values());
    }
    CHECK_NOTHROW(check_binding("lead", schema_for("lead"), keys, items, enums));
    const size_t status = size_t(kind_of<Lead>().slot_at("status"));
    CHECK(enums[status] == enum_names<LeadStatus>());
    enums[status].push_back("archived");  // a value the schema does not declare
    CHECK_THROWS_WITH_AS(check_binding("lead", schema_for("lead"), keys, items, enums),
                         doctest::Contains("status is declared as one of"), std::logic_error);
}
