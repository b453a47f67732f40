#include "journal.h"

#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <iostream>
#include <set>
#include <thread>

#include "atomic_file.h"
#include "error.h"
#include "lock.h"
#include "text.h"
#include "yaml_read.h"

namespace crm {

namespace fs = std::filesystem;

static const char* const kMagic = "crm-journal 1";

std::string journal_text(const Journal& j) {
    std::string out = std::string(kMagic) + "\t" + j.command + "\t" + j.time + "\n";
    for (const auto& e : j.entries) {
        out += (e.log ? "log\t" : "file\t") + e.staged + "\t" + e.rel;
        if (e.log) out += "\t" + std::to_string(e.log_size);
        out += "\n";
    }
    return out + "end\n";
}

bool parse_journal(const std::string& text, Journal& out) {
    out = Journal();
    const auto lines = split(text, '\n');
    if (lines.size() < 3 || lines.back() != "" || lines[lines.size() - 2] != "end") return false;
    const auto head = split(lines[0], '\t');
    if (head.size() != 3 || head[0] != kMagic) return false;
    out.command = head[1];
    out.time = head[2];
    for (size_t i = 1; i + 2 < lines.size(); ++i) {
        const auto f = split(lines[i], '\t');
        Journal::Entry e;
        if (f.size() == 3 && f[0] == "file") {
            e = {f[1], f[2]};
        } else if (f.size() == 4 && f[0] == "log") {
            char* end = nullptr;
            e = {f[1], f[2], std::strtoll(f[3].c_str(), &end, 10), true};
            if (*end) return false;
        } else {
            return false;
        }
        if (e.staged.empty() || e.rel.empty()) return false;
        out.entries.push_back(std::move(e));
    }
    return true;
}

// A test-only pause before each step of applying ($CRM_TEST_APPLY_PAUSE_US),
// so that a test's kill -9 lands inside the rename phase.
static void test_pause() {
    static const long us = [] {
        const char* env = std::getenv("CRM_TEST_APPLY_PAUSE_US");
        return env ? std::atol(env) : 0L;
    }();
    if (us > 0) std::this_thread::sleep_for(std::chrono::microseconds(us));
}

// The journal goes last, so that a crash before it is removed finds the write
// done and finishes nothing twice. After a rollback the removal is synced (a
// journal back from a power cut with some staged files gone would apply the
// rest); after a write that was applied it need not be: applying it again
// changes nothing.
static void remove_journal(const fs::path& txn, bool durable) {
    std::error_code ec;
    fs::remove(txn / "journal", ec);
    if (ec) throw Failure(kIoErr, (txn / "journal").string() + ": cannot remove: " + ec.message());
    if (durable) fsync_dir(txn);
}

static void remove_staged(const fs::path& txn, const Journal& j, bool files) {
    std::error_code ec;
    for (const auto& e : j.entries)
        if (files || e.log) fs::remove(txn / e.staged, ec);
}

void apply_journal(const fs::path& root, const Journal& j) {
    const fs::path txn = root / kTxnDir;
    // Logs first: a log that cannot take its lines (a full disk, /dev/full)
    // stops the write while every file is still staged, so it can be undone.
    std::vector<const Journal::Entry*> appended;
    for (const auto& e : j.entries) {
        if (!e.log) continue;
        const fs::path text = txn / e.staged;
        if (!fs::exists(text)) continue;  // removed after every step was done: a crash then
        test_pause();
        try {
            append_log(root / e.rel, e.log_size, read_file(text.string()));
            appended.push_back(&e);
        } catch (const Failure& f) {
            bool all_staged = true;  // no file renamed, no log's text removed yet
            for (const auto& s : j.entries) all_staged = all_staged && fs::exists(txn / s.staged);
            if (!all_staged) throw Failure(kIoErr, std::string(f.what()) + "; the write is committed: the next crm command finishes it");
            appended.push_back(&e);  // it may hold part of its text
            for (const auto* a : appended) truncate_log(root / a->rel, a->log_size);
            remove_journal(txn, true);  // first: staged files with no journal are a write that never was
            remove_staged(txn, j, true);
            throw Failure(kIoErr, std::string(f.what()) + "; nothing was changed");
        }
    }
    std::set<fs::path> dirs;
    for (const auto& e : j.entries) {
        if (e.log) continue;
        const fs::path target = root / e.rel;
        test_pause();
        try {
            if (dirs.insert(target.parent_path()).second) make_dirs(target.parent_path());
            rename_if_there(txn / e.staged, target);  // not there: renamed before a crash
        } catch (const Failure& f) {
            throw Failure(kIoErr, std::string(f.what()) + "; the write is committed: the next crm command finishes it");
        }
    }
    for (const auto& d : dirs) fsync_dir(d);
    remove_staged(txn, j, false);  // the logs' text: a log whose text is gone was appended
    remove_journal(txn, false);
}

void recover_interrupted_write(const fs::path& root, ApplyLock& apply_lock, bool writer_lock_held) {
    const fs::path txn = root / kTxnDir;
    std::error_code ec;
    if (!fs::exists(txn, ec)) return;
    if (fs::exists(txn / "journal", ec)) {
        apply_lock.exclusive();
        try {
            Journal j;
            const fs::path path = txn / "journal";
            if (fs::exists(path, ec)) {  // another command may have finished it while we waited
                if (!parse_journal(read_file(path.string()), j))
                    throw Failure(kIoErr, path.string() + ": not a whole journal; remove it by hand after checking the store");
                size_t files = 0, logs = 0;
                for (const auto& e : j.entries) (e.log ? logs : files) += 1;
                apply_journal(root, j);
                std::cerr << "crm: finished an interrupted write: " << j.command << " at " << j.time << " (" << files
                          << " files, " << logs << " logs)\n";
            }
        } catch (...) {
            apply_lock.shared();
            throw;
        }
        apply_lock.shared();
    }
    // Staged files without a journal: a write that never reached its commit
    // point. Only a writer may remove them; a reader does when no writer runs.
    std::vector<fs::path> stray;
    for (auto it = fs::directory_iterator(txn, ec); !ec && it != fs::directory_iterator(); it.increment(ec))
        stray.push_back(it->path());
    if (stray.empty()) {
        // ext4 never shrinks a folder: one that held thousands of staged files
        // stays slower to create files in. The next writer starts afresh.
        if (writer_lock_held) fs::remove(txn, ec);
        return;
    }
    std::unique_ptr<StoreLock> lock;
    if (!writer_lock_held) {
        lock = std::make_unique<StoreLock>(root / ".crm", false);
        if (!lock->held()) return;  // a live writer is staging
        if (fs::exists(txn / "journal", ec)) return;  // it committed before we took the lock: the next command's
    }
    for (const auto& p : stray) fs::remove_all(p, ec);
    std::cerr << "crm: undid an interrupted write that had not committed (" << stray.size()
              << " staged files discarded)\n";
}

}  // namespace crm
