#include "file_cache.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstring>

#include "atomic_file.h"
#include "error.h"
#include "pack.h"
#include "schema.h"
#include "yaml_read.h"

namespace crm {

static bool bypassed = false;
void bypass_caches() { bypassed = true; }
bool caches_bypassed() { return bypassed; }

static FileStamp stamp_from(const struct stat& st) {
    return FileStamp{uint64_t(st.st_size), uint64_t(st.st_ino), int64_t(st.st_mtim.tv_sec) * 1000000000 + st.st_mtim.tv_nsec};
}

std::optional<FileStamp> stamp_of_fd(int fd) {
    struct stat st {};
    if (fd < 0 || ::fstat(fd, &st) != 0) return std::nullopt;
    return stamp_from(st);
}

std::optional<FileStamp> stamp_of(const fs::path& path) {
    struct stat st {};
    if (::stat(path.c_str(), &st) != 0) return std::nullopt;
    return stamp_from(st);
}

FolderStamps::FolderStamps(const fs::path& dir) : fd_(::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC)) {}
FolderStamps::~FolderStamps() {
    if (fd_ >= 0) ::close(fd_);
}

std::optional<FileStamp> FolderStamps::operator()(const std::string& name) const {
    struct stat st {};
    if (fd_ < 0 || ::fstatat(fd_, name.c_str(), &st, 0) != 0) return std::nullopt;
    return stamp_from(st);
}

// A fast 64-bit checksum of 8-byte words: enough to tell a torn or zero-filled file.
static uint64_t checksum(std::string_view s) {
    uint64_t h = 0x9e3779b97f4a7c15ull ^ s.size();
    size_t i = 0;
    for (; i + 8 <= s.size(); i += 8) {
        uint64_t w;
        std::memcpy(&w, s.data() + i, 8);
        h = (h ^ w) * 0xff51afd7ed558ccdull;
        h ^= h >> 29;
    }
    for (; i < s.size(); ++i) h = (h ^ uint8_t(s[i])) * 0x100000001b3ull;
    return h;
}

static std::string checksum_bytes(std::string_view s) {
    uint64_t h = checksum(s);
    return std::string(reinterpret_cast<const char*>(&h), 8);
}

#ifndef CRM_VERSION
#define CRM_VERSION "unknown"
#endif

// What a cache's records depend on besides their files: the payload's layout,
// the build that parsed them and the schemas that validated them.
static std::string cache_header(const std::string& format) {
    std::string schemas;
    for (const auto& [kind, text] : schema_texts()) schemas += text;
    char sum[20];
    std::snprintf(sum, sizeof sum, "%016llx", (unsigned long long)checksum(schemas));
    return "crm-cache 1 " + format + " " + CRM_VERSION + " " + sum + "\n";
}

FileCache::FileCache(const Store& store, std::string name, std::string format)
    : store_(store), name_(std::move(name)), header_(cache_header(format)), enabled_(!bypassed) {
    using namespace std::chrono;
    racy_after_ns_ = duration_cast<nanoseconds>(system_clock::now().time_since_epoch()).count() - 1000000000;
    if (!enabled_) return;
    const fs::path path = store_.path(".crm/cache/" + name_);
    std::error_code ec;
    if (!fs::exists(path, ec)) return;
    try {
        loaded_ = read_file(path.string());
    } catch (const Failure&) {
        return;
    }
    // The header line, the entries, and a checksum of the entries.
    if (loaded_.size() < header_.size() + 8 || loaded_.compare(0, header_.size(), header_) != 0) return;
    const std::string_view file(loaded_);
    const std::string_view body = file.substr(header_.size(), file.size() - header_.size() - 8);
    if (checksum_bytes(body) != file.substr(file.size() - 8)) return;
    Unpacker in(body);
    std::vector<Entry> entries;
    while (in.ok() && in.left() > 0) {
        Entry e;
        e.rel = in.view();
        in(e.stamp.size);
        in(e.stamp.inode);
        in(e.stamp.mtime_ns);
        e.payload = in.view();
        e.end = file.size() - 8 - in.left();
        entries.push_back(e);
    }
    if (!in.done()) return;
    entries_ = std::move(entries);
    valid_ = true;
}

std::optional<std::string_view> FileCache::find(const std::string& rel, const FileStamp& stamp) {
    // Callers go in sorted order, as the cache was written: try the next entry first.
    if (cursor_ >= entries_.size() || entries_[cursor_].rel != rel) {
        auto it = std::lower_bound(entries_.begin(), entries_.end(), rel,
                                   [](const Entry& e, const std::string& r) { return e.rel < r; });
        cursor_ = size_t(it - entries_.begin());
    }
    if (cursor_ >= entries_.size() || entries_[cursor_].rel != rel) return std::nullopt;
    const Entry& e = entries_[cursor_++];
    if (!(e.stamp == stamp)) return std::nullopt;
    return e.payload;
}

// From here on the kept entries differ from the loaded ones: copy the header
// and the common prefix, and append from there.
void FileCache::diverge() {
    if (!same_) return;
    same_ = false;
    next_ = header_;
    if (next_count_ > 0) next_.append(loaded_, header_.size(), entries_[next_count_ - 1].end - header_.size());
}

void FileCache::keep(const std::string& rel, const FileStamp& stamp, std::string_view payload) {
    if (!enabled_ || stamp.mtime_ns >= racy_after_ns_) return;
    if (same_ && next_count_ < entries_.size()) {
        const Entry& e = entries_[next_count_];
        bool same_bytes = e.payload.data() == payload.data() ? e.payload.size() == payload.size() : e.payload == payload;
        if (same_bytes && e.stamp == stamp && e.rel == rel) {
            ++next_count_;
            return;
        }
    }
    diverge();
    Packer out;
    out(rel);
    out(stamp.size);
    out(stamp.inode);
    out(stamp.mtime_ns);
    out.number(payload.size());
    next_ += out.bytes();
    next_.append(payload);
    ++next_count_;
}

void FileCache::save() {
    if (!enabled_) return;
    if (valid_ && same_ && next_count_ == entries_.size()) return;  // unchanged
    diverge();
    next_ += checksum_bytes(std::string_view(next_).substr(header_.size()));
    if (next_ == loaded_) return;
    try {
        write_file_atomic(store_.path(".crm/cache/" + name_), next_, store_.path(".crm/tmp"), false);
    } catch (const std::exception&) {
        // A cache that cannot be written only makes the next run slower.
    }
}

}  // namespace crm
