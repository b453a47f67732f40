#include <doctest/doctest.h>

#include "error.h"
#include "yaml_read.h"
#include "yaml_write.h"

using namespace crm;

TEST_CASE("strings stay plain only when they read back as the same string") {
    CHECK(yaml_string("张三") == "张三");
    CHECK(yaml_string("Acme Ltd") == "Acme Ltd");
    CHECK(yaml_string("+8613800138000") == "\"+8613800138000\"");
    CHECK(yaml_string("00001") == "\"00001\"");
    CHECK(yaml_string("true") == "\"true\"");
    CHECK(yaml_string("no") == "\"no\"");
    CHECK(yaml_string("") == "\"\"");
    CHECK(yaml_string("a: b") == "\"a: b\"");
    CHECK(yaml_string("- x") == "\"- x\"");
    CHECK(yaml_string("x #y") == "\"x #y\"");
    CHECK(yaml_string("line\nbreak") == "\"line\\nbreak\"");
    CHECK(yaml_string("tab\there") == "\"tab\\there\"");
    CHECK(yaml_string("a,b") == "\"a,b\"");
    CHECK(yaml_string("a?b") == "\"a?b\"");
    CHECK(yaml_string("li@example.com") == "li@example.com");
    CHECK(yaml_string("Mr. Smith (UK)") == "Mr. Smith (UK)");
    CHECK(yaml_plain("2026-11-23T21:50:16+08:00") == "2026-11-23T21:50:16+08:00");
    CHECK(yaml_plain("12") == "12");
    CHECK(yaml_plain("-1000") == "-1000");  // a negative integer stays one (a points entry that takes)
    CHECK(yaml_plain("-") == "\"-\"");
    CHECK(yaml_plain("- 1") == "\"- 1\"");
    CHECK(yaml_plain("a?b") == "\"a?b\"");
    CHECK(yaml_plain("it's") == "\"it's\"");
}

TEST_CASE("every written string parses back to itself") {
    for (std::string s : {"张三", "+86 138", "00001", "true", "a: b", "x #y", "q\"uote", "back\\slash", "ctl\x01",
                          "{x}", "[1]", "*a", "&a", "!t", "%p", "@a", "`b", "'s", "1.5", "1e3", "~", "null", " sp"}) {
        YAML::Node n = YAML::Load("k: " + yaml_string(s));
        CHECK(n["k"].as<std::string>() == s);
    }
}

TEST_CASE("the writer emits canonical block YAML and keeps unknown keys") {
    YAML::Node extra = YAML::Load("zeta: 1\nnotes:\n  - {at: x, text: \"hi\"}\nempty: []\n");
    YamlWriter w;
    w.str("id", "C-1");
    w.str("skipped", "");
    w.flow_list("tags", {"vip", "北京"});
    w.begin_map("rfm");
    w.str("segment", "loyal");
    w.end_map();
    w.extra(extra);
    CHECK(w.text() ==
          "id: C-1\ntags: [vip, 北京]\nrfm:\n  segment: loyal\nzeta: 1\nnotes:\n  - at: x\n    text: hi\nempty: []\n");
    YAML::Node back = YAML::Load(w.text());
    CHECK(back["notes"][0]["text"].as<std::string>() == "hi");
}

TEST_CASE("YAML errors name the file and line") {
    try {
        parse_yaml("a: 1\nb: [unclosed\n", "customers/C-X.yaml", kDataErr);
        FAIL("no throw");
    } catch (const Failure& f) {
        CHECK(f.code() == kDataErr);
        CHECK(std::string(f.what()).rfind("customers/C-X.yaml:", 0) == 0);
        CHECK(std::string(f.what()).find("YAML syntax") != std::string::npos);
    }
    CHECK_THROWS_WITH(parse_yaml("a: 1\nb: \xff\n", "f.yaml", kDataErr), "f.yaml:2: invalid UTF-8");
}
