// interactions and messages kept in shards; the automation rules
#include <doctest/doctest.h>

#include <random>

#include "automation.h"
#include "config.h"
#include "error.h"
#include "interaction.h"
#include "message.h"
#include "schema.h"

using namespace crm;

static Interaction sample(const std::string& id, const std::string& at, const std::string& note) {
    Interaction x;
    x.id = id;
    x.customer = "C-1NG8H4RNM0QE";
    x.at = x.created = at;
    x.channel = "wechat";
    x.direction = "in";
    x.note = note;
    return x;
}

TEST_CASE("a shard of interactions reads back as written, sorted by time, whatever the text") {
    std::vector<Interaction> in = {sample("I-1NG8H4RNM0QF", "2026-11-23T10:00:00+08:00", "第二: {x}, \"y\"\nz"),
                                   sample("I-1NG8H4RNM0QE", "2026-11-02T09:00:00+08:00", "yes"),
                                   sample("I-1NG8H4RNM0QG", "2026-11-23T10:00:00+08:00", " #1e3")};
    const std::string text = shard_text(in);
    Problems problems;
    const auto out = read_shard_of<Interaction>(text, "interactions/2026/11.yaml", problems);
    REQUIRE(problems.empty());
    REQUIRE(out.size() == 3);
    CHECK(out[0].note == "yes");
    CHECK(out[1].note == in[0].note);
    CHECK(out[2].note == " #1e3");
    CHECK(shard_text(out) == text);
}

TEST_CASE("a shard rewritten keeps the bytes of every line it does not change, and renders anew a shard not one item per line") {
    const std::string odd = "- {id: I-1NG8H4RNM0QE,  customer: C-1NG8H4RNM0QE, at: 2026-11-02T09:00:00+08:00, channel: wechat, "
                            "direction: in, note: 'yes', created: 2026-11-02T09:00:00+08:00}\n";
    const std::string rel = "interactions/2026/11.yaml";
    const std::string text = "# kept by hand\n" + odd + "- " + shard_line(sample("I-1NG8H4RNM0QG", "2026-11-23T10:00:00+08:00", "b")) + "\n";
    Problems problems;
    std::vector<Interaction> shard = read_shard_of<Interaction>(text, rel, problems);
    REQUIRE(problems.empty());
    std::vector<std::string_view> stored = stored_lines(text, shard);
    REQUIRE(stored.size() == 2);
    shard.push_back(sample("I-1NG8H4RNM0QF", "2026-11-03T10:00:00+08:00", "new"));
    const std::string out = shard_text(shard, stored);
    CHECK(out.rfind(odd, 0) == 0);  // first by time, and its bytes as they were
    CHECK(out.find("- " + shard_line(shard[2]) + "\n") == odd.size());
    const auto again = read_shard_of<Interaction>(out, rel, problems);
    REQUIRE(problems.empty());
    CHECK(shard_text(again) == shard_text(shard));  // the same records, whichever bytes

    const std::string block = "- id: I-1NG8H4RNM0QE\n  customer: C-1NG8H4RNM0QE\n  at: 2026-11-02T09:00:00+08:00\n"
                              "  channel: wechat\n  direction: in\n  created: 2026-11-02T09:00:00+08:00\n";
    const auto from_block = read_shard_of<Interaction>(block, rel, problems);
    REQUIRE(problems.empty());
    REQUIRE(from_block.size() == 1);
    CHECK(stored_lines(block, from_block).empty());
    CHECK(stored_lines(text, from_block).empty());  // lines and records that do not pair up
}

TEST_CASE("a shard line crm cannot read exactly is an error naming its line, not a shorter shard") {
    const std::string good = "- " + shard_line(sample("I-1NG8H4RNM0QE", "2026-11-02T09:00:00+08:00", "a")) + "\n";
    for (const std::string stray : {"note: 1\n", "...\n", "---\n", "x: [\n"}) {
        Problems problems;
        read_shard_of<Interaction>(good + stray + good, "interactions/2026/11.yaml", problems);
        CHECK_MESSAGE(!problems.empty(), stray);
    }
    Problems wrong_month;
    read_shard_of<Interaction>(good, "interactions/2026/12.yaml", wrong_month);
    REQUIRE(wrong_month.size() == 1);
    CHECK(wrong_month.list()[0] ==
          "interactions/2026/12.yaml:1: at: 2026-11-02T09:00:00+08:00 belongs in interactions/2026/11.yaml");
    Problems bad_channel;
    std::string line = good;
    line.replace(line.find("wechat"), 6, "fax");
    read_shard_of<Interaction>(line, "interactions/2026/11.yaml", bad_channel);
    REQUIRE(bad_channel.size() == 1);
    CHECK(bad_channel.list()[0].rfind("interactions/2026/11.yaml:1: channel:", 0) == 0);
}

TEST_CASE("the contact channels are one list in the interaction, customer and message schemas") {
    const auto& channels = enum_at("interaction", "channel");
    CHECK(enum_at("message", "channel") == channels);
    CHECK(enum_at("customer", "preferred_channel") == channels);
}

TEST_CASE("property: no 7 days hold more than the cap, but for service messages that came after the last marketing one") {
    std::mt19937 rng(20261125);
    constexpr Time kDay = 86400, kWeek = 7 * kDay;
    for (int run = 0; run < 300; ++run) {
        const int cap = 1 + int(rng() % 3);
        struct Sent {
            Time at;
            bool marketing;
        };
        std::vector<Sent> sent;  // in the order decided: nights do not come in time order on a replay
        std::vector<Time> times;
        for (int i = 0; i < 40; ++i) {
            const Time t = Time(rng() % (60 * kDay));
            const bool marketing = rng() % 4 != 0;
            if (marketing && !within_cap(times, t, cap)) continue;
            sent.push_back({t, marketing});
            times.push_back(t);
        }
        // Every 7 days [s, s + 7d) worth trying start at a message or just after one's week.
        for (const Sent& x : sent)
            for (Time s : {x.at, x.at - kWeek + 1}) {
                size_t last_marketing = 0;
                bool any = false;
                for (size_t i = 0; i < sent.size(); ++i)
                    if (sent[i].marketing && sent[i].at >= s && sent[i].at < s + kWeek) last_marketing = i, any = true;
                if (!any) continue;
                int held = 0;  // messages in the window decided up to its last marketing one
                for (size_t i = 0; i <= last_marketing; ++i) held += sent[i].at >= s && sent[i].at < s + kWeek;
                CHECK(held <= cap);
            }
    }
    // Exact cases: the window is [s, s + 7 days).
    CHECK(within_cap({0}, kWeek, 1));
    CHECK(!within_cap({1}, kWeek, 1));
    CHECK(within_cap({0, 3 * kDay}, kWeek + 1, 2));
    CHECK(!within_cap({0, 3 * kDay}, 6 * kDay, 2));
}

TEST_CASE("quiet hours defer a message to their end, across midnight") {
    const Zone zone = *Zone::parse("+08:00");
    const Time midnight = *parse_time("2026-11-01T00:00:00+08:00", zone);
    CHECK(after_quiet_hours(midnight, "21:00-09:00", zone) == *parse_time("2026-11-01T09:00:00+08:00", zone));
    CHECK(after_quiet_hours(midnight + 22 * 3600, "21:00-09:00", zone) == *parse_time("2026-11-02T09:00:00+08:00", zone));
    CHECK(after_quiet_hours(midnight + 10 * 3600, "21:00-09:00", zone) == midnight + 10 * 3600);
    CHECK(after_quiet_hours(midnight + 13 * 3600, "12:00-14:00", zone) == midnight + 14 * 3600);
    CHECK(after_quiet_hours(midnight, "", zone) == midnight);
}

TEST_CASE("the triggers crm.yaml may name are the ones automations handle") {
    CHECK(enum_at("config", "automations.trigger") == enum_names<Trigger>());
}

TEST_CASE("a template field crm does not know is a crm.yaml error naming it") {
    try {
        parse_config("automations:\n  - {name: x, trigger: birthday, template: \"hi {nmae}\"}\n", "crm.yaml");
        FAIL("accepted");
    } catch (const Failure& f) {
        CHECK(std::string(f.what()).find("crm.yaml:2: automations.x: template: \"{nmae}\" is not a field (name, tier") !=
              std::string::npos);
    }
}
