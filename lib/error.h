// Failures carry the sysexits.h code the process should exit with (SPEC 3).
#pragma once
#include <stdexcept>
#include <string>
#include <vector>

namespace crm {

enum Exit : int {
    kOk = 0,
    kCheckFailed = 1,
    kUsage = 64,
    kDataErr = 65,
    kNoInput = 66,
    kCantCreate = 73,
    kIoErr = 74,
    kTempFail = 75,
    kNoPerm = 77,
    kConfig = 78,
};

// Thrown by lib/ code, caught once in main(), printed as "crm: <what>".
class Failure : public std::runtime_error {
public:
    Failure(int code, const std::string& message) : std::runtime_error(message), code_(code) {}
    int code() const { return code_; }

private:
    int code_;
};

// "file:line: field: message", the one shape every located problem takes.
std::string located(const std::string& file, int line, const std::string& field, const std::string& message);

// Collects problems while validating a whole input, so all are reported at once.
class Problems {
public:
    void add(std::string message) { list_.push_back(std::move(message)); }
    void add(const std::string& file, int line, const std::string& field, const std::string& message) {
        list_.push_back(located(file, line, field, message));
    }
    bool empty() const { return list_.empty(); }
    size_t size() const { return list_.size(); }
    const std::vector<std::string>& list() const { return list_; }
    // Puts text before every message (e.g. "--" so "amount: ..." reads "--amount: ...").
    void prefix_all(const std::string& text) {
        for (auto& m : list_) m = text + m;
    }
    void append(const Problems& other) { list_.insert(list_.end(), other.list_.begin(), other.list_.end()); }
    // Throws a Failure with every problem, one per line, when there are any.
    void raise(int code) const;

private:
    std::vector<std::string> list_;
};

// Files that commands which only read (views, reports, the nightly job's
// customers) left out because they cannot be read: such a command shows the
// rest of the store rather than nothing; main then lists these on stderr and
// exits 65, naming `crm check`. A command that writes from what it read of
// the others (imports, forget, assignment) stays strict and refuses instead.
Problems& skipped_files();

}  // namespace crm
