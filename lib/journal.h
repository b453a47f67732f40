// The commit journal: how a write command's set of files, its audit lines and
// its transitions land all together or not at all, like SQLite's journal.
//
// A Writer stages every new file, and every block of text for a log, as a file
// in .crm/txn/; one syncfs makes them durable. Then, holding .crm/APPLY
// exclusive, it writes .crm/txn/journal (temp, fsync, rename, fsync the
// directory): that rename is the commit point. The journal lists each staged
// file with the path it replaces, and each log with its size before. Applying
// it appends the logs first (an append that fails undoes the others and the
// write is not made), then renames the files, then removes the journal.
//
// Every step of applying is idempotent: a staged file gone is one renamed, a
// log holding the text at its old size was appended (and a log's staged text
// is removed only after every step, just before the journal). So the next command that
// finds a journal (its writer died: a live one holds .crm/APPLY) applies it
// again, rolling forward; staged files with no journal are a write that never
// committed, and are removed, rolling back.
#pragma once
#include <filesystem>
#include <string>
#include <vector>

namespace crm {

class ApplyLock;

struct Journal {
    struct Entry {
        std::string staged;  // its name in .crm/txn
        std::string rel;     // the store path it lands at
        long long log_size = 0;  // a log's size before (-1: absent); unused for files
        bool log = false;
    };
    std::string command, time;  // who committed it, for the recovery note
    std::vector<Entry> entries;
};

inline constexpr const char* kTxnDir = ".crm/txn";

std::string journal_text(const Journal& j);
// False when text is not a whole journal (it always is: it is renamed into place whole).
bool parse_journal(const std::string& text, Journal& out);

// Applies a committed journal in the store at root and removes it. An append
// that fails before any file was renamed rolls the commit back and throws
// Failure(74) saying nothing changed; any later failure throws Failure(74)
// leaving the journal for the next command to finish.
void apply_journal(const std::filesystem::path& root, const Journal& j);

// Run by every command on opening the store at root, holding its .crm/APPLY
// shared: finishes a journal its writer left (taking the lock exclusive to do
// it), and with writer_lock_held, discards staged files no journal names.
// Says so on stderr.
void recover_interrupted_write(const std::filesystem::path& root, ApplyLock& apply_lock, bool writer_lock_held);

}  // namespace crm
