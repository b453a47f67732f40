// The store: a directory with crm.yaml, found like git finds a repository.
// An open Store holds .crm/APPLY shared, so what it reads is never half of a
// commit; writes go through a Writer, which holds the store lock and commits
// its files, audit lines and log lines together through a journal (journal.h).
#pragma once
#include <filesystem>
#include <map>
#include <memory>
#include <ostream>
#include <string>
#include <vector>

#include "clock.h"
#include "config.h"
#include "lock.h"

namespace crm {

namespace fs = std::filesystem;

class Store {
public:
    // -C/--store DIR, else $CRM_STORE, else the nearest ancestor holding crm.yaml.
    // Throws Failure(66) when there is none, Failure(78) on a bad crm.yaml.
    // First finishes (or undoes) a write a killed command left.
    static Store open(const std::string& dir_arg);
    static fs::path discover(const std::string& dir_arg);

    const fs::path& root() const { return root_; }
    const Config& config() const { return config_; }
    fs::path path(const std::string& rel) const { return root_ / rel; }
    // Every regular file directly in dir (relative to root) whose name ends with suffix, sorted.
    std::vector<std::string> list(const std::string& dir, const std::string& suffix) const;

    ApplyLock& apply_lock() const { return *apply_lock_; }
    // A command's input (a file, or stdin that may wait on a pipe or a
    // terminal), read holding no lock on the store; then the read lock is
    // taken back, finishing a write that died meanwhile.
    std::string read_input(const std::string& path) const;

private:
    fs::path root_;
    Config config_;
    std::shared_ptr<ApplyLock> apply_lock_;
};

// One write command's changes. It takes the store lock, stages each new file
// and each log's new lines in .crm/txn, and commit() lands them all together
// through the journal (journal.h): all of them, or (an error, a full disk, an
// unwritable audit log, a kill) none. Destroyed without commit(), it leaves
// the store as it was.
// With dry_run, the Writer takes no lock and commit() writes nothing: it lists
// what would change on report, per record "would change RECORD: fields" and
// beneath it each field's old and new value ("  region: 北京 -> 上海"; "+" for
// a field or history line added, "-" for one removed).
class Writer {
public:
    // How the dry run's listing shows a field's value (key, value -> shown):
    // masks contact data for an actor without the pii right.
    using ValueMask = std::string (*)(const std::string& key, const std::string& value);
    Writer(const Store& store, std::string actor, std::string command, Time now, bool dry_run = false,
           std::ostream* report = nullptr, ValueMask mask = nullptr);
    ~Writer();
    Writer(const Writer&) = delete;
    Writer& operator=(const Writer&) = delete;
    // Stages content for rel; returns false (and stages nothing) when the file
    // already holds exactly these bytes.
    bool put(const std::string& rel, const std::string& content);
    // Queues "time actor command record fields" for audit/YYYY/MM.log.
    void audit(const std::string& record, const std::vector<std::string>& fields);
    // Queues text to append to an append-only log in the store (transitions).
    void append(const std::string& rel, const std::string& text);
    void commit();
    Time now() const { return now_; }
    const std::string& actor() const { return actor_; }
    const Zone& zone() const { return store_.config().zone; }
    bool dry_run() const { return dry_run_; }
    size_t staged() const { return staged_.size(); }

private:
    void report_plan();
    const Store& store_;
    std::string actor_, command_;
    Time now_;
    std::unique_ptr<StoreLock> lock_;
    std::map<std::string, fs::path> staged_;  // rel -> its staged file in .crm/txn
    std::map<std::string, std::string> appends_;
    std::string audit_log_, audit_head_;  // this run's audit log, and what each of its lines starts with
    std::vector<fs::path> staged_logs_;  // appends_' text, staged at commit
    std::vector<std::string> planned_;  // dry run: "record: fields" per audit line
    std::map<std::string, std::vector<std::string>> changes_;  // dry run: rel -> field changes
    int counter_ = 0;
    bool dry_run_ = false;
    std::ostream* report_ = nullptr;
    ValueMask mask_ = nullptr;
};

// Creates a new store in dir (crm.yaml, .gitignore, empty record folders).
// Throws Failure(73) when dir already holds a store or cannot be created.
void init_store(const fs::path& dir);

}  // namespace crm
