// The packed form and the derived record cache (.crm/cache/<kind>).
#include <doctest/doctest.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>

#include "atomic_file.h"
#include "customer.h"
#include "file_cache.h"
#include "lead.h"
#include "order.h"
#include "pack.h"
#include "store.h"
#include "ticket.h"
#include "yaml_read.h"

using namespace crm;
namespace fs = std::filesystem;

namespace {

struct Sample {
    std::string name;
    std::vector<std::string> tags;
    int level = 0;
    long long big = 0;
    bool flag = false;
};

template <class Io>
void visit(Io& io, Sample& s) {
    io(s.name);
    io.list(s.tags);
    io(s.level);
    io(s.big);
    io(s.flag);
}

fs::path temp_store(const std::string& name) {
    fs::path p = fs::temp_directory_path() / ("crm-unit-cache-" + name + "-" + std::to_string(::getpid()));
    fs::remove_all(p);
    init_store(p);
    return p;
}

// Writes a file dated age_seconds ago (the cache keeps no file changed in the last second).
void put_file(const fs::path& file, const std::string& text, int age_seconds = 60) {
    write_file(file, text);
    struct timespec times[2];
    clock_gettime(CLOCK_REALTIME, &times[0]);
    times[0].tv_sec -= age_seconds;
    times[1] = times[0];
    REQUIRE(::utimensat(AT_FDCWD, file.c_str(), times, 0) == 0);
}

void put_customer(const fs::path& root, const std::string& id, const std::string& name, int age_seconds = 60) {
    Customer c;
    c.id = id;
    c.kind = "person";
    c.name = name;
    c.tags = {"vip", "北京"};
    c.created = c.updated = "2026-11-23T10:00:00+08:00";
    put_file(root / record_path<Customer>(id), record_yaml(c), age_seconds);
}

std::vector<std::string> names(const Store& store) {
    std::vector<std::string> out;
    for (const auto& c : load_records<Customer>(store)) out.push_back(c.id + "=" + c.name + "/" + c.file);
    return out;
}

}  // namespace

TEST_CASE("pack: a record reads back equal, and broken bytes are refused") {
    Sample s{"张三 \"x\"", {"a", "", "北京"}, -7, -(1LL << 40), true};
    std::string bytes = Packer::pack(s);
    Sample back;
    REQUIRE(Unpacker::unpack(bytes, back));
    CHECK(back.name == s.name);
    CHECK(back.tags == s.tags);
    CHECK(back.level == -7);
    CHECK(back.big == -(1LL << 40));
    CHECK(back.flag);
    for (size_t cut = 0; cut < bytes.size(); ++cut) {
        Sample partial;
        CHECK_FALSE(Unpacker::unpack(std::string_view(bytes).substr(0, cut), partial));
    }
    Sample extra;
    CHECK_FALSE(Unpacker::unpack(bytes + "x", extra));
    Sample huge;  // a list length larger than the input is refused before allocating
    CHECK_FALSE(Unpacker::unpack(std::string("\x01" "a" "\xff\xff\xff\xff\x0f", 7), huge));
}

TEST_CASE("record cache: tickets, leads and orders read from it equal their files") {
    fs::path root = temp_store("kinds");
    Store store = Store::open(root.string());
    const std::string ticket =
        "id: T-1AAAAAAAAAAA\nref: TK1\ncustomer: C-1AAAAAAAAAAA\nsubject: 物流延迟\ndescription: \"两行\\n说明\"\n"
        "type: quality\npriority: high\nchannel: web\nstatus: closed\ngroup: service\nassignee: admin\nlevel: 2\n"
        "created: 2026-01-25T00:18:00+08:00\nupdated: 2026-01-28T09:05:00+08:00\n"
        "first_response: 2026-01-25T03:20:00+08:00\nsolved: 2026-01-28T09:05:00+08:00\n"
        "closed: 2026-01-28T09:05:00+08:00\ncsat: 4\ncsat_comment: 还行\nhistory:\n"
        "  - {at: 2026-01-25T03:20:00+08:00, actor: admin, event: reply, note: 已回复}\n"
        "  - {at: 2026-01-28T09:05:00+08:00, actor: admin, event: status, from: open, to: closed}\n";
    put_file(root / "tickets/T-1AAAAAAAAAAA.yaml", ticket);
    const std::string lead =
        "id: L-1AAAAAAAAAAA\nname: 王五\ncompany: 某公司\nphone: \"+8613800000001\"\nbudget: 20\nauthority: 10\n"
        "need: 25\ntimeline: 5\nscore: 60\ngrade: B\nstatus: contacted\nowner: admin\n"
        "created: 2026-11-20T10:00:00+08:00\nupdated: 2026-11-21T10:00:00+08:00\n"
        "first_contact: 2026-11-21T10:00:00+08:00\nnext_followup: 2026-11-25\nhistory:\n"
        "  - {at: 2026-11-21T10:00:00+08:00, actor: admin, from: new, to: contacted}\nlog:\n"
        "  - {at: 2026-11-21T10:00:00+08:00, actor: admin, channel: phone, note: 有意向, next: 2026-11-25}\n";
    put_file(root / "leads/L-1AAAAAAAAAAA.yaml", lead);
    const std::string shard =
        "- {id: O-1, customer: C-1AAAAAAAAAAA, date: 2026-11-01, amount: \"1234.50\", quantity: 3, note: 加急}\n"
        "- {id: O-2, customer: C-1AAAAAAAAAAA, date: 2026-11-02, amount: \"0.01\"}\n";
    put_file(root / "orders/2026/11.yaml", shard);
    for (int run = 0; run < 2; ++run) {  // the first run reads the files, the second the cache
        CAPTURE(run);
        auto tickets = load_records<Ticket>(store);
        REQUIRE(tickets.size() == 1);
        CHECK(record_yaml(tickets[0]) == record_yaml(load_record<Ticket>(store, "T-1AAAAAAAAAAA")));
        CHECK(tickets[0].file == "tickets/T-1AAAAAAAAAAA.yaml");
        auto leads = load_records<Lead>(store);
        REQUIRE(leads.size() == 1);
        CHECK(record_yaml(leads[0]) == record_yaml(load_record<Lead>(store, "L-1AAAAAAAAAAA")));
        auto orders = load_orders(store);
        REQUIRE(orders.size() == 2);
        CHECK(shard_yaml(orders) == shard_yaml(read_shard(shard, "orders/2026/11.yaml", *std::make_unique<Problems>())));
        CHECK(orders[1].line == 2);
        CHECK(orders[1].file == "orders/2026/11.yaml");
    }
    for (const char* kind : {"tickets", "leads", "orders-2026"}) CHECK(fs::file_size(root / ".crm/cache" / kind) > 100);
    fs::remove_all(root);
}

TEST_CASE("record cache: unchanged files come from it; changed, new and removed files are seen") {
    fs::path root = temp_store("basic");
    Store store = Store::open(root.string());
    put_customer(root, "C-1AAAAAAAAAAA", "甲");
    put_customer(root, "C-1BBBBBBBBBBB", "乙");
    const fs::path cache = root / ".crm/cache/customers";
    auto first = names(store);
    REQUIRE(fs::exists(cache));
    CHECK(first == std::vector<std::string>{"C-1AAAAAAAAAAA=甲/customers/C-1AAAAAAAAAAA.yaml",
                                            "C-1BBBBBBBBBBB=乙/customers/C-1BBBBBBBBBBB.yaml"});
    auto written = stamp_of(cache);
    CHECK(names(store) == first);
    CHECK(stamp_of(cache) == written);  // nothing changed: the cache is not rewritten

    // The same size and an older time still differ in inode and time.
    put_customer(root, "C-1AAAAAAAAAAA", "丙", 120);
    put_customer(root, "C-1CCCCCCCCCCC", "丁");
    fs::remove(root / "customers/C-1BBBBBBBBBBB.yaml");
    CHECK(names(store) == std::vector<std::string>{"C-1AAAAAAAAAAA=丙/customers/C-1AAAAAAAAAAA.yaml",
                                                   "C-1CCCCCCCCCCC=丁/customers/C-1CCCCCCCCCCC.yaml"});
    CHECK(names(store) == names(store));
    fs::remove_all(root);
}

TEST_CASE("record cache: a torn, altered or foreign cache file is ignored and replaced") {
    fs::path root = temp_store("torn");
    Store store = Store::open(root.string());
    put_customer(root, "C-1AAAAAAAAAAA", "甲");
    auto expected = names(store);
    const fs::path cache = root / ".crm/cache/customers";
    std::string good = read_file(cache.string());
    for (std::string bad : {good.substr(0, good.size() / 2), std::string(good.size(), '\0'), std::string("junk"),
                            good.substr(0, 40) + "X" + good.substr(41)}) {
        write_file(cache, bad);
        CHECK(names(store) == expected);
        CHECK(read_file(cache.string()) == good);
    }
    fs::remove_all(root);
}

TEST_CASE("record cache: a file changed within the last second is read, not cached") {
    fs::path root = temp_store("racy");
    Store store = Store::open(root.string());
    put_customer(root, "C-1AAAAAAAAAAA", "甲", 0);
    CHECK(names(store).size() == 1);
    std::string cache = read_file((root / ".crm/cache/customers").string());
    CHECK(cache.find("C-1AAAAAAAAAAA") == std::string::npos);
    put_customer(root, "C-1AAAAAAAAAAA", "甲", 60);
    CHECK(names(store).size() == 1);
    CHECK(read_file((root / ".crm/cache/customers").string()).find("C-1AAAAAAAAAAA") != std::string::npos);
    fs::remove_all(root);
}

TEST_CASE("record cache: a file with problems is reported every time, never cached") {
    fs::path root = temp_store("problems");
    Store store = Store::open(root.string());
    put_customer(root, "C-1AAAAAAAAAAA", "甲");
    write_file(root / "customers/C-1BBBBBBBBBBB.yaml", "id: C-1BBBBBBBBBBB\nkind: robot\n");
    for (int run = 0; run < 2; ++run) {
        Problems problems;
        auto all = load_records<Customer>(store, &problems);
        CHECK(all.size() == 1);
        CHECK(problems.size() >= 1);
    }
    fs::remove_all(root);
}
