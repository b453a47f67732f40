#include "store.h"

#include <algorithm>
#include <cstdlib>
#include <set>
#include <unistd.h>

#include "atomic_file.h"
#include "error.h"
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
    return s;
}

std::vector<std::string> Store::list(const std::string& dir, const std::string& suffix) const {
    std::vector<std::string> out;
    std::error_code ec;
    for (auto it = fs::directory_iterator(root_ / dir, ec); !ec && it != fs::directory_iterator(); it.increment(ec)) {
        std::string name = it->path().filename().string();
        if (name.size() > suffix.size() && name.compare(name.size() - suffix.size(), suffix.size(), suffix) == 0 &&
            name[0] != '.' && it->is_regular_file())
            out.push_back(dir + "/" + name);
    }
    std::sort(out.begin(), out.end());
    return out;
}

Writer::Writer(const Store& store, std::string actor, std::string command, Time now, bool dry_run,
               std::ostream* report)
    : store_(store), actor_(std::move(actor)), command_(std::move(command)), now_(now), dry_run_(dry_run),
      report_(report) {
    if (dry_run_) return;
    lock_ = std::make_unique<StoreLock>(store_.path(".crm"));
    // Sweep temp files left by a killed writer: only lock holders create them.
    std::error_code ec;
    fs::remove_all(store_.path(".crm/tmp"), ec);
}

Writer::~Writer() {
    std::error_code ec;
    for (const auto& [rel, tmp] : staged_)
        if (!tmp.empty()) fs::remove(tmp, ec);
}

bool Writer::put(const std::string& rel, const std::string& content) {
    fs::path target = store_.path(rel);
    std::error_code ec;
    if (!staged_.count(rel) && fs::is_regular_file(target, ec) && fs::file_size(target, ec) == content.size() &&
        read_file(target.string()) == content)
        return false;
    if (dry_run_) {
        staged_[rel] = fs::path();
        return true;
    }
    fs::path tmp = store_.path(".crm/tmp") / (std::to_string(::getpid()) + "." + std::to_string(counter_++));
    write_file(tmp, content);
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
    std::string month = format_date(local_date(now_, store_.config().zone)).substr(0, 7);
    std::string rel = "audit/" + month.substr(0, 4) + "/" + month.substr(5, 2) + ".log";
    appends_[rel] += format_time(now_, store_.config().zone) + "\t" + tsv_clean(actor_) + "\t" + command_ + "\t" +
                     record + "\t" + tsv_clean(join(fields, ",")) + "\n";
}

void Writer::append(const std::string& rel, const std::string& text) { appends_[rel] += text; }

void Writer::commit() {
    if (dry_run_) {
        if (report_)
            for (const auto& line : planned_) *report_ << "would change " << line << '\n';
        planned_.clear();
        staged_.clear();
        appends_.clear();
        return;
    }
    if (!staged_.empty()) {
        sync_filesystem(store_.path(".crm/tmp"));
        std::set<fs::path> dirs;
        for (const auto& [rel, tmp] : staged_) {
            fs::path target = store_.path(rel);
            make_dirs(target.parent_path());
            rename_file(tmp, target);
            dirs.insert(target.parent_path());
        }
        staged_.clear();
        for (const auto& d : dirs) fsync_dir(d);
    }
    for (const auto& [rel, text] : appends_) append_file(store_.path(rel), text);
    appends_.clear();
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
