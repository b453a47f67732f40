// The points ledger's rules (lib/points.h): what orders earn, and the
// invariants of any stream of earns, redemptions, reversals and expiries.
#include <doctest/doctest.h>

#include <unistd.h>

#include <chrono>
#include <fstream>
#include <random>

#include "error.h"
#include "points.h"
#include "store.h"

using namespace crm;

namespace {

constexpr Time kDay = 86400;

Store temp_store(const std::string& name) {
    const fs::path root = fs::temp_directory_path() / ("crm-unit-" + name + "-" + std::to_string(::getpid()));
    fs::remove_all(root);
    fs::create_directories(root);
    init_store(root / "s");
    return Store::open((root / "s").string());
}

long long ledger_sum(const Ledger& ledger, const std::string& customer) {
    long long sum = 0;
    for (const auto& e : ledger.entries)
        if (e.customer == customer) sum += e.points;
    return sum;
}

}  // namespace

TEST_CASE("an order earns whole points at its rate and its tier's multiplier, rounded once by the rule") {
    LoyaltyConfig l;
    l.multipliers["gold"] = 200;
    CHECK(order_points(25050, "", l) == 250);  // 250.50 yuan
    CHECK(order_points(25050, "gold", l) == 501);
    CHECK(order_points(-25050, "", l) == 250);  // a return's size
    CHECK(order_points(99, "", l) == 0);
    l.rounding = Rounding::kNearest;
    CHECK(order_points(25050, "", l) == 251);
    CHECK(order_points(25049, "", l) == 250);
    l.rounding = Rounding::kUp;
    CHECK(order_points(25001, "", l) == 251);
    CHECK(order_points(25000, "", l) == 250);
    l.earn_per_unit = 150;  // 1.5 points a yuan
    l.rounding = Rounding::kDown;
    CHECK(order_points(1000, "", l) == 15);
    CHECK(order_points(999999999999, "gold", l) == 29999999999);  // no overflow on the way
}

TEST_CASE("property: over random earns, redemptions, reversals and expiries, some dated in the past, no balance "
          "goes below zero at any moment, each redemption takes the oldest points, every point taken traces back to "
          "an earn, and the balance is the ledger's sum once expiries are written") {
    Store store = temp_store("points");
    const Config& config = store.config();
    std::mt19937 rng(20261125);
    const std::string customers[] = {"C-1NG8H4RNM0QE", "C-1NG8H4RNM0QF"};
    for (int run = 0; run < 60; ++run) {
        Ledger ledger;
        Time t = 1767225600;  // 2026-01-01
        for (int step = 0; step < 50; ++step) {
            t += Time(rng() % (40 * kDay));
            // A third of the acts are dated in the past (--at, --as-of): written now, about days before.
            const Time at = rng() % 3 == 0 ? t - Time(rng() % (10 * kDay)) : t;
            Act act{customers[rng() % 2], "tester", "", at, t};
            const Date day = local_date(at, config.zone);
            std::vector<PointsEntry> written;
            switch (rng() % 6) {
            case 0:
                written.push_back(add_points(ledger, act, 1 + rng() % 500, config));
                break;
            case 1:
                written.push_back(event_earn(ledger, act, "review", "R" + std::to_string(run) + "-" + std::to_string(step), config));
                break;
            case 2: {
                long long held = 0;  // what can be taken at act.at: earned by then, not gone
                for (const Lot& lot : ledger.accounts[act.customer].lots)
                    if (lot.at <= at && lot.expires > day) held += lot.left;
                const long long want = 1 + rng() % (held + 100);
                try {
                    const Account before = ledger.accounts[act.customer];
                    written.push_back(take_points(ledger, act, PointsType::kRedeem, want, "", config));
                    CHECK(want <= held);
                    // Oldest first: every lot before the last one it took from is spent or gone.
                    const std::string last = written.back().lots.substr(written.back().lots.rfind(' ') + 1);
                    for (const Lot& lot : ledger.accounts[act.customer].lots) {
                        if (last.rfind(lot.id + ":", 0) == 0) break;
                        CHECK((lot.left == 0 || lot.expires <= day || lot.at > at));
                    }
                } catch (const Failure& f) {
                    CHECK(f.code() == kDataErr);
                    CHECK(want > held);
                }
                break;
            }
            case 3: {
                std::vector<std::string> undoable;
                for (const auto& e : ledger.entries)
                    if (e.type != PointsType::kExpire && e.type != PointsType::kReverse) undoable.push_back(e.id);
                if (undoable.empty()) break;
                const std::string id = undoable[rng() % undoable.size()];
                try {
                    written.push_back(reverse_entry(ledger, act, id, config));
                } catch (const Failure& f) {
                    CHECK(f.code() == kDataErr);  // an adjust, or reversed already
                }
                break;
            }
            default:
                written = expiry_entries(ledger, t, config.zone, "tester");
            }
            for (auto& e : written) {
                e.file = shard_of(e);
                ledger.entries.push_back(e);
            }
            // The ledger as it stood at any moment, now or before, is one crm can explain.
            for (const Time moment : {t - Time(rng() % (30 * kDay)), t}) {
                Problems problems;
                const auto accounts = read_accounts(store, ledger.entries, moment, problems);
                REQUIRE_MESSAGE(problems.empty(), problems.list().front());
                for (const auto& [id, a] : accounts) {
                    CHECK(a.balance(local_date(moment, config.zone)) >= 0);
                    for (const Lot& lot : a.lots) CHECK((lot.left >= 0 && lot.left <= lot.points));
                }
            }
            Problems problems;
            ledger.accounts = read_accounts(store, ledger.entries, kWholeLedger, problems);  // what writes read
            REQUIRE(problems.empty());
        }
        // Once every expiry up to now is written, the balance is the ledger's sum.
        for (auto& e : expiry_entries(ledger, t, config.zone, "tester")) {
            e.file = shard_of(e);
            ledger.entries.push_back(e);
        }
        Problems problems;
        ledger.accounts = read_accounts(store, ledger.entries, kWholeLedger, problems);
        REQUIRE(problems.empty());
        for (const auto& c : customers) CHECK(ledger.accounts[c].balance(local_date(t, config.zone)) == ledger_sum(ledger, c));
    }
}

TEST_CASE("the ledger's customer index gives a customer exactly the entries and balance the whole ledger does: "
          "built, saved, after its shard changes, and for a shard edited by hand") {
    Store store = temp_store("index");
    const std::string a = "C-AAAAAAAAA1", b = "C-BBBBBBBBB2";
    auto line = [](const std::string& id, const std::string& customer, int points, const std::string& day) {
        return "- {id: " + id + ", customer: " + customer + ", type: earn, points: " + std::to_string(points) +
               ", at: " + day + "T00:00:00+08:00, expires: 2030-01-01, by: t, created: " + day + "T00:00:00+08:00}\n";
    };
    fs::create_directories(store.path("points/2026"));
    const fs::path march = store.path("points/2026/03.yaml"), april = store.path("points/2026/04.yaml");
    auto write = [](const fs::path& p, const std::string& text) {
        std::ofstream(p, std::ios::binary) << text;
        fs::last_write_time(p, fs::file_time_type::clock::now() - std::chrono::seconds(10));  // not racy: saved
    };
    write(march, line("E-000000000A1", a, 100, "2026-03-01") + line("E-000000000B1", b, 7, "2026-03-02") +
                     line("E-000000000A2", a, 20, "2026-03-03"));
    write(april, line("E-000000000B2", b, 5, "2026-04-01") + line("E-000000000A3", a, 3, "2026-04-02"));
    const Time t = *parse_time("2026-05-01T00:00:00+08:00", Zone());
    const Date day = *parse_date("2026-05-01");
    auto same_as_whole = [&](const std::string& c) {
        const Ledger one = load_account(store, c, t), whole = load_ledger(store, t);
        std::vector<std::string> ids, whole_ids;
        for (const auto& e : one.entries) ids.push_back(e.id);
        for (const auto& e : whole.entries)
            if (e.customer == c) whole_ids.push_back(e.id);
        CHECK(ids == whole_ids);
        CHECK(one.accounts.at(c).balance(day) == whole.accounts.at(c).balance(day));
        return one.accounts.at(c).balance(day);
    };
    CHECK(same_as_whole(a) == 123);  // builds and saves both indexes
    CHECK(fs::exists(store.path(".crm/cache/points-by-customer/2026-03")));
    CHECK(same_as_whole(a) == 123);  // read through them
    CHECK(same_as_whole(b) == 12);
    // The shard changes: its index is stale and built again; the other is kept.
    write(march, line("E-000000000A1", a, 100, "2026-03-01") + line("E-000000000A4", a, 1000, "2026-03-02") +
                     line("E-000000000A2", a, 20, "2026-03-03"));
    CHECK(same_as_whole(a) == 1123);
    CHECK(same_as_whole(b) == 5);
    // A shard edited by hand into block style: read whole, the same entries.
    write(april, "- id: E-000000000B2\n  customer: " + b + "\n  type: earn\n  points: 5\n  at: 2026-04-01T00:00:00+08:00\n"
                 "  expires: 2030-01-01\n  by: t\n  created: 2026-04-01T00:00:00+08:00\n" + line("E-000000000A3", a, 3, "2026-04-02"));
    CHECK(same_as_whole(b) == 5);
    CHECK(same_as_whole(a) == 1123);
}

TEST_CASE("an order ID twice in the store (a hand edit) earns once, its other orders each once") {
    Store store = temp_store("twice");
    auto order = [](const std::string& id, const std::string& day, Cents amount) {
        Order o;
        o.id = id;
        o.customer = "C-AAAAAAAAA1";
        o.date = *parse_date(day);
        o.amount = amount;
        return o;
    };
    const std::vector<Order> orders = {order("O-000000000A1", "2026-03-01", 10000), order("O-000000000A2", "2026-03-02", 2000),
                                       order("O-000000000A1", "2026-04-01", 50000)};
    Ledger ledger;
    const Time now = *parse_time("2026-05-01T00:00:00+08:00", Zone());
    const auto entries = order_entries(store, ledger, orders, now, "t");
    REQUIRE(entries.size() == 2);
    CHECK(entries[0].source == "order:O-000000000A1");
    CHECK(entries[0].points == 100);  // the first by date
    CHECK(entries[1].source == "order:O-000000000A2");
    CHECK(ledger.accounts.at("C-AAAAAAAAA1").balance(*parse_date("2026-05-01")) == 120);
}

TEST_CASE("a batch over many shards, made side by side, writes the same bytes as each shard made alone, and reads back whole") {
    Store store = temp_store("wide");
    std::vector<PointsEntry> entries;
    std::mt19937 rng(7);
    for (int i = 0; i < 12000; ++i) {  // over the side-by-side threshold, in 24 monthly shards
        PointsEntry e;
        e.id = derived_id('E', "wide:" + std::to_string(i));
        e.customer = "C-AAAAAAAA" + std::to_string(10 + int(rng() % 90));
        e.points = 1 + int(rng() % 500);
        char day[32];
        std::snprintf(day, sizeof day, "%04d-%02d-%02dT10:00:00+08:00", 2025 + i / 6000, 1 + i % 12, 1 + int(rng() % 28));
        e.at = e.created = day;
        e.expires = "2030-01-01";
        e.by = "t";
        entries.push_back(e);
    }
    {
        Writer writer(store, "t", "test", *parse_time("2026-12-01T00:00:00+08:00", Zone()));
        write_sharded(writer, store, entries);
        writer.commit();
    }
    std::map<std::string, std::vector<PointsEntry>> alone;
    for (const auto& e : entries) alone[shard_of(e)].push_back(e);
    REQUIRE(alone.size() == 24);
    for (const auto& kv : alone) {
        CAPTURE(kv.first);
        CHECK(read_file(store.path(kv.first).string()) == shard_text(kv.second));
    }
    CHECK(load_sharded<PointsEntry>(store, nullptr).size() == entries.size());
}
