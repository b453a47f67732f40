// schema, config, store discovery, lock, atomic writes, writer, audit
#include <doctest/doctest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>

#include "atomic_file.h"
#include "config.h"
#include "error.h"
#include "journal.h"
#include "lock.h"
#include "schema.h"
#include "store.h"
#include "yaml_read.h"

using namespace crm;
namespace fs = std::filesystem;

static fs::path temp_dir(const std::string& name) {
    fs::path p = fs::temp_directory_path() / ("crm-unit-" + name + "-" + std::to_string(::getpid()));
    fs::remove_all(p);
    fs::create_directories(p);
    return p;
}

TEST_CASE("schema validation reports file:line: field: message") {
    YAML::Node doc = YAML::Load("id: C-1NG8H4RNM0QE\nname: 张三\nkind: robot\nphone: abc\ncreated: 2026-11-23T10:00:00+08:00\n"
                                "updated: yesterday\ntags: [a, [b]]\n");
    Problems p;
    validate(doc, schema_for("customer"), "customers/C-1NG8H4RNM0QE.yaml", p);
    REQUIRE(p.size() == 4);
    CHECK(p.list()[0] == "customers/C-1NG8H4RNM0QE.yaml:3: kind: \"robot\" is not one of company, person");
    CHECK(p.list()[1].rfind("customers/C-1NG8H4RNM0QE.yaml:4: phone: \"abc\" does not match", 0) == 0);
    CHECK(p.list()[2] == "customers/C-1NG8H4RNM0QE.yaml:6: updated: \"yesterday\" is not an RFC 3339 time with its offset (2026-11-23T10:00:00+08:00)");
    CHECK(p.list()[3] == "customers/C-1NG8H4RNM0QE.yaml:7: tags[1]: a list is not a string");
}

TEST_CASE("schema: required keys, unknown keys, numbers and bounds") {
    Problems p;
    validate(YAML::Load("version: 1\nrfm: {window_days: 0, colour: red}\npeople: [{role: admin}]\n"), schema_for("config"),
             "crm.yaml", p);
    REQUIRE(p.size() == 3);
    CHECK(p.list()[0] == "crm.yaml:2: rfm.window_days: 0 is less than 1");
    CHECK(p.list()[1] == "crm.yaml:2: rfm.colour: unknown key");
    CHECK(p.list()[2] == "crm.yaml:3: people[0].name: is required");
}

TEST_CASE("the default crm.yaml is valid and matches SPEC's defaults") {
    Config c = parse_config(default_config_text(), "crm.yaml");
    CHECK(c.zone.offset_at(0) == 8 * 3600);
    CHECK(c.currency == "CNY");
    CHECK(c.hours[0] == std::vector<std::pair<int, int>>{{540, 1080}});
    CHECK(c.hours[5].empty());
    CHECK(c.rfm.window_days == 365);
    CHECK(c.rfm.tiers.size() == 4);
    CHECK(c.rfm.tiers[0].min_amount == 2000000);
    CHECK(c.rfm.segments.size() == 10);
    CHECK(c.person("admin")->role == kAdmin);
    Config empty = parse_config("", "crm.yaml");
    CHECK(empty.rfm.lost_days == 180);
}

TEST_CASE("a bad config fails with 78 naming the key") {
    try {
        parse_config("version: 1\ntimezone: \"Mars/Olympus Mons\"\n", "crm.yaml");
        FAIL("no throw");
    } catch (const Failure& f) {
        CHECK(f.code() == kConfig);
        CHECK(std::string(f.what()).rfind("crm.yaml:2: timezone:", 0) == 0);
    }
    CHECK_THROWS_AS(parse_config("calendar:\n  hours:\n    mon: [\"18:00-09:00\"]\n", "crm.yaml"), Failure);
    CHECK_THROWS_AS(parse_config("calendar:\n  hours:\n    mon: [\"09:00-12:00\", \"11:00-13:00\"]\n", "crm.yaml"),
                    Failure);
}

TEST_CASE("store discovery: -C, CRM_STORE, nearest ancestor") {
    fs::path root = temp_dir("discover");
    init_store(root / "s");
    CHECK(fs::exists(root / "s/crm.yaml"));
    CHECK(fs::exists(root / "s/.gitignore"));
    CHECK_THROWS_AS(init_store(root / "s"), Failure);
    CHECK(Store::discover((root / "s").string()) == root / "s");
    CHECK_THROWS_AS(Store::discover((root / "nope").string()), Failure);
    fs::create_directories(root / "s/customers/deep");
    fs::path old = fs::current_path();
    fs::current_path(root / "s/customers/deep");
    unsetenv("CRM_STORE");
    CHECK(fs::equivalent(Store::discover(""), root / "s"));
    setenv("CRM_STORE", (root / "s").c_str(), 1);
    CHECK(Store::discover("") == root / "s");
    unsetenv("CRM_STORE");
    fs::current_path(old);
    fs::remove_all(root);
}

TEST_CASE("atomic write replaces the whole file and leaves no temp file") {
    fs::path root = temp_dir("atomic");
    write_file_atomic(root / "a/b.yaml", "one\n", root / "tmp");
    write_file_atomic(root / "a/b.yaml", "two\n", root / "tmp");
    CHECK(read_file((root / "a/b.yaml").string()) == "two\n");
    CHECK(fs::is_empty(root / "tmp"));
    fs::remove_all(root);
}

TEST_CASE("the store lock makes a second writer wait, then fail with 75") {
    fs::path root = temp_dir("lock");
    setenv("CRM_LOCK_TIMEOUT", "0.2", 1);
    {
        StoreLock held(root / ".crm");
        pid_t child = fork();
        if (child == 0) {
            try {
                StoreLock second(root / ".crm");
                _exit(0);
            } catch (const Failure& f) {
                _exit(f.code());
            }
        }
        int status = 0;
        waitpid(child, &status, 0);
        CHECK(WEXITSTATUS(status) == kTempFail);
    }
    StoreLock again(root / ".crm");  // released when the holder went away
    unsetenv("CRM_LOCK_TIMEOUT");
    fs::remove_all(root);
}

TEST_CASE("Writer stages, commits with audit lines, and writes nothing unchanged") {
    fs::path root = temp_dir("writer");
    init_store(root / "s");
    Store store = Store::open((root / "s").string());
    Time now = *parse_time("2026-11-23T10:00:00+08:00", store.config().zone);
    {
        Writer w(store, "alice", "customer add", now);
        CHECK(w.put("customers/C-1.yaml", "id: C-1\n"));
        CHECK_FALSE(fs::exists(root / "s/customers/C-1.yaml"));  // staged only
        w.audit("C-1", {"name", "phone"});
        w.commit();
    }
    CHECK(read_file((root / "s/customers/C-1.yaml").string()) == "id: C-1\n");
    CHECK(read_file((root / "s/audit/2026/11.log").string()) ==
          "2026-11-23T10:00:00+08:00\talice\tcustomer add\tC-1\tname,phone\n");
    {
        Writer w(store, "alice", "customer set", now);
        CHECK_FALSE(w.put("customers/C-1.yaml", "id: C-1\n"));
        CHECK(w.staged() == 0);
        CHECK(w.put("customers/C-2.yaml", "id: C-2\n"));
        // destroyed without commit: an error path leaves the store as it was
    }
    CHECK_FALSE(fs::exists(root / "s/customers/C-2.yaml"));
    CHECK(fs::is_empty(root / "s/.crm/txn"));
    fs::remove_all(root);
}

TEST_CASE("journal: its text reads back; a torn or foreign text is not a journal") {
    Journal j{"customer import", "2026-11-23T10:00:00+08:00", {{"0", "customers/C-1.yaml"}, {"1.log", "audit/2026/11.log", -1, true}}};
    Journal back;
    REQUIRE(parse_journal(journal_text(j), back));
    CHECK(journal_text(back) == journal_text(j));
    CHECK(back.entries[1].log);
    CHECK(back.entries[1].log_size == -1);
    const std::string text = journal_text(j);
    CHECK_FALSE(parse_journal(text.substr(0, text.size() - 4), back));  // no "end"
    CHECK_FALSE(parse_journal("crm-journal 2\tx\ty\nend\n", back));
    CHECK_FALSE(parse_journal("crm-journal 1\tx\ty\nlog\t1\ta\t12x\nend\n", back));
}

// A store with one committed-but-unapplied journal, as a kill after the commit point leaves it.
static Journal staged_journal(const fs::path& s) {
    fs::create_directories(s / ".crm/txn");
    fs::create_directories(s / "audit/2026");
    std::ofstream(s / "audit/2026/11.log") << "earlier line\n";
    std::ofstream(s / ".crm/txn/0") << "id: C-1\n";
    std::ofstream(s / ".crm/txn/1") << "id: C-2\n";
    std::ofstream(s / ".crm/txn/2.log") << "new line 1\nnew line 2\n";
    return {"customer import", "t", {{"0", "customers/C-1.yaml"}, {"1", "customers/C-2.yaml"}, {"2.log", "audit/2026/11.log", 13, true}}};
}

TEST_CASE("journal: applying it again after a crash part way gives the same store as applying it once") {
    fs::path root = temp_dir("journal");
    const Journal j = staged_journal(root);
    // The crash: the log appended, one file renamed, the journal still there.
    append_log(root / "audit/2026/11.log", 13, "new line 1\nnew line 2\n");
    fs::create_directories(root / "customers");
    fs::rename(root / ".crm/txn/0", root / "customers/C-1.yaml");
    write_file_atomic(root / ".crm/txn/journal", journal_text(j), root / ".crm/txn");
    apply_journal(root, j);
    CHECK(read_file((root / "audit/2026/11.log").string()) == "earlier line\nnew line 1\nnew line 2\n");
    CHECK(read_file((root / "customers/C-1.yaml").string()) == "id: C-1\n");
    CHECK(read_file((root / "customers/C-2.yaml").string()) == "id: C-2\n");
    CHECK(fs::is_empty(root / ".crm/txn"));
    // Half an append (a crash inside write) is cut back and written whole.
    const Journal k = staged_journal(root / "k");
    std::ofstream(root / "k/audit/2026/11.log", std::ios::app) << "new li";
    apply_journal(root / "k", k);
    CHECK(read_file((root / "k/audit/2026/11.log").string()) == "earlier line\nnew line 1\nnew line 2\n");
    fs::remove_all(root);
}

TEST_CASE("journal: a log that cannot be written undoes the whole commit") {
    fs::path root = temp_dir("journal-full");
    Journal j = staged_journal(root);
    fs::remove(root / "audit/2026/11.log");
    fs::create_symlink("/dev/full", root / "audit/2026/11.log");
    j.entries[2].log_size = log_size(root / "audit/2026/11.log");
    write_file_atomic(root / ".crm/txn/journal", journal_text(j), root / ".crm/txn");
    try {
        apply_journal(root, j);
        FAIL("a full audit log was written to");
    } catch (const Failure& f) {
        CHECK(f.code() == kIoErr);
        CHECK(std::string(f.what()).find("nothing was changed") != std::string::npos);
    }
    CHECK_FALSE(fs::exists(root / "customers/C-1.yaml"));
    CHECK(fs::is_empty(root / ".crm/txn"));
    fs::remove_all(root);
}

TEST_CASE("crm.yaml: an integer past int's range is refused with its line (it was an internal error, exit 74)") {
    try {
        parse_config("leads:\n  followup_hours: 99999999999\n", "crm.yaml");
        FAIL("accepted");
    } catch (const Failure& f) {
        CHECK(f.code() == kConfig);
        CHECK(std::string(f.what()).find("crm.yaml:2: leads.followup_hours: 99999999999 is out of range") != std::string::npos);
    }
}

TEST_CASE("crm.yaml: an SLA for a priority tickets cannot have is refused with its line") {
    try {
        parse_config("tickets:\n  sla:\n    urgent: {first_response: 15m}\n", "crm.yaml");
        FAIL("urgent was accepted");
    } catch (const Failure& f) {
        CHECK(f.code() == kConfig);
        CHECK(std::string(f.what()) == "crm.yaml:3: tickets.sla: \"urgent\" is not a priority (high, medium, low)");
    }
}

TEST_CASE("crm.yaml lies over the built-in defaults: mappings merge key by key, lists and routing replace") {
    Config c = parse_config("tickets:\n"
                            "  routing: {quality: qa}\n"
                            "  sla:\n"
                            "    high: {first_response: 2h}\n"
                            "    low: {first_response: 15m, resolution: 4h}\n"
                            "leads:\n"
                            "  grades: {A: 90}\n"
                            "people:\n"
                            "  - {name: li, role: manager}\n",
                            "crm.yaml");
    CHECK(c.tickets.sla[Priority::kHigh].first_response == 120);
    CHECK(c.tickets.sla[Priority::kHigh].resolution == 24 * 60);  // the default's other key stays
    CHECK(c.tickets.sla[Priority::kMedium].first_response == 4 * 60);
    CHECK(c.tickets.sla[Priority::kLow].resolution == 4 * 60);
    CHECK(c.tickets.routing == std::map<std::string, std::string>{{"quality", "qa"}});
    CHECK(c.leads.grade_a == 90);
    CHECK(c.leads.grade_b == 50);
    REQUIRE(c.people.size() == 1);
    CHECK(c.people[0].name == "li");
    CHECK(c.rfm.segments.size() == 10);
    CHECK(c.rfm.window_days == 365);
}

TEST_CASE("a bad value in crm.yaml is named by its line though defaults lie under it") {
    CHECK_THROWS_WITH(parse_config("version: 1\nleads:\n  bant_weights: {budget: 0, authority: 0, need: 0, timeline: 0}\n",
                                   "crm.yaml"),
                      "crm.yaml:3: leads.bant_weights: at least one weight must be above 0");
}
