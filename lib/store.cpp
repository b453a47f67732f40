#include "store.h"

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <dirent.h>
#include <memory>
#include <set>
#include <string_view>
#include <sys/stat.h>
#include <unistd.h>

#include "atomic_file.h"
#include "csv.h"
#include "error.h"
#include "journal.h"
#include "text.h"
#include "yaml_read.h"

namespace crm {

fs::path Store::discover(const std::string& dir_arg) {
    std::string explicit_dir = dir_arg;
    std::string source = "-C";
    if (explicit_dir.empty()) {
        if (const char* env = std::getenv("CRM_STORE"); env && *env) {
            explicit_dir = env;
            source = "CRM_STORE";
        }
    }
    if (!explicit_dir.empty()) {
        fs::path p(explicit_dir);
        if (!fs::is_regular_file(p / "crm.yaml"))
            throw Failure(kNoInput, source + " " + explicit_dir + ": not a crm store (no crm.yaml); run 'crm init " +
                                        explicit_dir + "'");
        return p;
    }
    std::error_code ec;
    fs::path dir = fs::current_path(ec);
    for (fs::path d = dir; !d.empty(); d = d.parent_path()) {
        if (fs::is_regular_file(d / "crm.yaml")) return d;
        if (d == d.parent_path()) break;
    }
    throw Failure(kNoInput, "not in a crm store (no crm.yaml here or in any parent); use -C DIR or run 'crm init'");
}

Store Store::open(const std::string& dir_arg) {
    Store s;
    s.root_ = discover(dir_arg);
    s.config_ = parse_config(read_file((s.root_ / "crm.yaml").string()), "crm.yaml");
    // Every command may write its folders: the lock files, staged files, caches.
    for (const char* dir : {".crm/LOCK", ".crm/APPLY", ".crm/txn/x", ".crm/tmp/x", ".crm/cache/x"})
        refuse_links(s.root_, dir);
    // One apply lock per store and process: flock belongs to an open file, so a
    // second one in the same process would wait for the first forever.
    static std::map<std::string, std::weak_ptr<ApplyLock>> open_locks;
    auto& lock = open_locks[fs::absolute(s.root_).lexically_normal().string()];
    s.apply_lock_ = lock.lock();
    if (!s.apply_lock_) lock = s.apply_lock_ = std::make_shared<ApplyLock>(s.root_ / ".crm");
    s.apply_lock_->shared();
    recover_interrupted_write(s.root_, *s.apply_lock_, false);
    return s;
}

std::string Store::read_input(const std::string& path) const {
    apply_lock_->unlock();
    std::string text;
    try {
        text = crm::read_input(path);
    } catch (...) {
        apply_lock_->shared();
        throw;
    }
    apply_lock_->shared();
    recover_interrupted_write(root_, *apply_lock_, false);
    return text;
}

// readdir, not fs::directory_iterator: a folder holds a hundred thousand
// records, and the iterator builds a path for each.
std::vector<std::string> Store::list(const std::string& dir, const std::string& suffix) const {
    std::vector<std::string> out;
    const std::unique_ptr<DIR, int (*)(DIR*)> folder(::opendir((root_ / dir).c_str()), ::closedir);
    if (!folder) return out;
    while (const dirent* entry = ::readdir(folder.get())) {
        const std::string_view name = entry->d_name;
        if (name.size() <= suffix.size() || !name.ends_with(suffix) || name[0] == '.') continue;
        struct stat st {};
        const bool regular = entry->d_type == DT_REG ||
                             ((entry->d_type == DT_UNKNOWN || entry->d_type == DT_LNK) &&
                              ::fstatat(::dirfd(folder.get()), entry->d_name, &st, 0) == 0 && S_ISREG(st.st_mode));
        if (regular) out.push_back(dir + "/" + std::string(name));
    }
    std::sort(out.begin(), out.end());
    return out;
}

// Temp files in .crm/tmp are the derived caches' (any command writes those);
// one an hour old was left by a killed command.
static void sweep_old_temp_files(const fs::path& tmp) {
    std::error_code ec;
    const auto cutoff = fs::file_time_type::clock::now() - std::chrono::hours(1);
    for (auto it = fs::directory_iterator(tmp, ec); !ec && it != fs::directory_iterator(); it.increment(ec)) {
        std::error_code e;
        if (fs::last_write_time(it->path(), e) < cutoff && !e) fs::remove(it->path(), e);
    }
}

Writer::Writer(const Store& store, std::string actor, std::string command, Time now, bool dry_run,
               std::ostream* report, ValueMask mask)
    : store_(store), actor_(std::move(actor)), command_(std::move(command)), now_(now), dry_run_(dry_run),
      report_(report), mask_(mask) {
    if (dry_run_) return;
    // Wait for the store lock holding no apply lock: the writer ahead needs it exclusive to commit.
    store_.apply_lock().unlock();
    lock_ = std::make_unique<StoreLock>(store_.path(".crm"));
    store_.apply_lock().shared();
    recover_interrupted_write(store_.root(), store_.apply_lock(), true);
    sweep_old_temp_files(store_.path(".crm/tmp"));
}

Writer::~Writer() {
    std::error_code ec;
    for (const auto& [rel, tmp] : staged_)
        if (!tmp.empty()) fs::remove(tmp, ec);
    for (const auto& tmp : staged_logs_) fs::remove(tmp, ec);
}

// A record file's change as field lines: a key whose value changed as
// "key: old -> new", lines only in the new text "+ line", only in the old "- line".
// Canonical files hold one field, or one history item, per line.
static std::vector<std::string> field_changes(const std::string& before, const std::string& after,
                                              Writer::ValueMask mask) {
    auto lines = [](const std::string& text) {
        std::vector<std::string> out;
        for (auto& l : split(text, '\n'))
            if (!l.empty()) out.push_back(l);
        return out;
    };
    std::vector<std::string> removed = lines(before), added;
    for (auto& line : lines(after)) {
        auto it = std::find(removed.begin(), removed.end(), line);
        if (it != removed.end()) removed.erase(it);
        else added.push_back(line);
    }
    auto key_of = [](const std::string& line) {
        const size_t colon = line.find(": ");
        return trim(line).rfind("- ", 0) == 0 || colon == std::string::npos ? std::string() : line.substr(0, colon + 1);
    };
    // A line's value as the reader of the listing may see it.
    auto shown = [&](const std::string& key, std::string value) {
        value = trim(value);
        return mask && !key.empty() ? mask(trim(key).substr(0, trim(key).size() - 1), value) : value;
    };
    auto line_shown = [&](const std::string& line) {
        const std::string key = key_of(line);
        return key.empty() ? trim(line) : trim(key) + " " + shown(key, line.substr(key.size()));
    };
    std::vector<std::string> out;
    for (const auto& line : added) {
        const std::string key = key_of(line);
        auto old = std::find_if(removed.begin(), removed.end(),
                                [&](const std::string& r) { return !key.empty() && key_of(r) == key; });
        if (old == removed.end()) {
            out.push_back("+ " + line_shown(line));
            continue;
        }
        out.push_back(trim(key) + " " + shown(key, old->substr(key.size())) + " -> " +
                      shown(key, line.substr(key.size())));
        removed.erase(old);
    }
    for (const auto& line : removed) out.push_back("- " + line_shown(line));
    return out;
}

bool Writer::put(const std::string& rel, const std::string& content) {
    fs::path target = store_.path(rel);
    refuse_links(store_.root(), rel);
    struct stat st;
    const bool exists = ::lstat(target.c_str(), &st) == 0 && S_ISREG(st.st_mode);
    if (!staged_.count(rel) && exists && size_t(st.st_size) == content.size() && read_file(target.string()) == content)
        return false;
    if (dry_run_) {
        staged_[rel] = fs::path();
        changes_[rel] = field_changes(exists ? read_file(target.string()) : "", content, mask_);
        return true;
    }
    fs::path tmp = store_.path(kTxnDir) / std::to_string(counter_++);
    write_file(tmp, content, exists ? unsigned(st.st_mode & 07777) : 0);  // a rewrite keeps the file's mode
    std::error_code ec;
    if (auto it = staged_.find(rel); it != staged_.end()) fs::remove(it->second, ec);
    staged_[rel] = tmp;
    return true;
}

static std::string tsv_clean(std::string s) {
    for (auto& c : s)
        if (c == '\t' || c == '\n' || c == '\r') c = ' ';
    return s;
}

void Writer::audit(const std::string& record, const std::vector<std::string>& fields) {
    if (dry_run_) {
        planned_.push_back(record + ": " + join(fields, ","));
        return;
    }
    if (audit_log_.empty()) {  // once: an import audits a million lines, all at one time by one actor
        const std::string month = format_date(local_date(now_, store_.config().zone)).substr(0, 7);
        audit_log_ = "audit/" + month.substr(0, 4) + "/" + month.substr(5, 2) + ".log";
        if (!appends_.count(audit_log_)) refuse_links(store_.root(), audit_log_);
        audit_head_ = format_time(now_, store_.config().zone) + "\t" + tsv_clean(actor_) + "\t" + command_ + "\t";
    }
    std::string& log = appends_[audit_log_];
    log += audit_head_;
    log += record;
    log += '\t';
    log += tsv_clean(join(fields, ","));
    log += '\n';
}

void Writer::append(const std::string& rel, const std::string& text) {
    if (!appends_.count(rel)) refuse_links(store_.root(), rel);
    appends_[rel] += text;
}

// Each audited record with its field changes beneath; then files changed
// without an audit line of their own (order shards, state).
void Writer::report_plan() {
    if (!report_) return;
    std::map<std::string, std::string> rel_of;  // record ID -> its file, for the files named after one
    for (const auto& [rel, changes] : changes_) rel_of.emplace(fs::path(rel).stem().string(), rel);
    std::set<std::string> shown;
    for (const auto& line : planned_) {
        *report_ << "would change " << line << '\n';
        const auto it = rel_of.find(line.substr(0, line.find(':')));
        if (it != rel_of.end() && shown.insert(it->second).second)
            for (const auto& c : changes_.at(it->second)) *report_ << "  " << c << '\n';
    }
    for (const auto& [rel, changes] : changes_) {
        if (shown.count(rel)) continue;
        *report_ << "would change " << rel << '\n';
        for (const auto& c : changes) *report_ << "  " << c << '\n';
    }
}

void Writer::commit() {
    if (dry_run_) {
        report_plan();
        planned_.clear();
        staged_.clear();
        changes_.clear();
        appends_.clear();
        return;
    }
    if (staged_.empty() && appends_.empty()) return;
    const fs::path txn = store_.path(kTxnDir);
    Journal journal{command_, format_time(now_, store_.config().zone), {}};
    for (const auto& [rel, tmp] : staged_) journal.entries.push_back({tmp.filename().string(), rel});
    for (const auto& [rel, text] : appends_) {
        if (staged_.count(rel)) throw std::logic_error(rel + ": both replaced and appended to in one commit");
        const std::string name = std::to_string(counter_++) + ".log";
        staged_logs_.push_back(txn / name);
        write_file(txn / name, text);
        journal.entries.push_back({name, rel, 0, true});
    }
    sync_filesystem(txn);  // every staged byte is durable before the journal names it
    store_.apply_lock().exclusive();
    try {
        for (auto& e : journal.entries)
            if (e.log) e.log_size = log_size(store_.path(e.rel));
        write_file_atomic(txn / "journal", journal_text(journal), txn);  // the commit point
        staged_.clear();
        staged_logs_.clear();
        appends_.clear();
        apply_journal(store_.root(), journal);
    } catch (...) {
        store_.apply_lock().shared();
        throw;
    }
    store_.apply_lock().shared();
}

extern const char* const kDefaultConfig;

void init_store(const fs::path& dir) {
    std::error_code ec;
    if (fs::exists(dir / "crm.yaml", ec))
        throw Failure(kCantCreate, (dir / "crm.yaml").string() + ": a store already exists here");
    fs::create_directories(dir, ec);
    if (ec) throw Failure(kCantCreate, dir.string() + ": cannot create: " + ec.message());
    const fs::path tmp = dir / ".crm" / "tmp";
    write_file_atomic(dir / ".gitignore", "# derived data: lock file, caches, temp files\n.crm/\n", tmp);
    for (const char* sub : {"customers", "orders", "leads", "tickets", "interactions", "audit"}) {
        fs::create_directories(dir / sub, ec);
        if (ec) throw Failure(kCantCreate, (dir / sub).string() + ": cannot create: " + ec.message());
    }
    write_file_atomic(dir / "crm.yaml", kDefaultConfig, tmp);
    fs::remove_all(tmp, ec);
}

}  // namespace crm
