// The derived record cache, .crm/cache/<name>, like git's index: for each
// record file its size, modification time and inode beside the record it held,
// packed. A file whose stamp still matches is not opened or parsed again; any
// other file is read as usual. It is rebuilt from the files whenever they
// differ, so it is safe to delete, and it is never written with a file changed
// in the last second (a second edit within the file system's time resolution
// could keep the same stamp). It is written without fsync: a torn or stale
// cache fails its checksum and is ignored.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "pack.h"
#include "store.h"

namespace crm {

struct FileStamp {
    uint64_t size = 0, inode = 0;
    int64_t mtime_ns = 0;
    bool operator==(const FileStamp&) const = default;
};

// The stamp of path, or nullopt when it cannot be read.
std::optional<FileStamp> stamp_of(const fs::path& path);
// The stamp of an open file.
std::optional<FileStamp> stamp_of_fd(int fd);

// Stamps the files of one folder by name, without resolving the folder's path
// for each of a hundred thousand files.
class FolderStamps {
public:
    explicit FolderStamps(const fs::path& dir);
    ~FolderStamps();
    FolderStamps(const FolderStamps&) = delete;
    FolderStamps& operator=(const FolderStamps&) = delete;
    std::optional<FileStamp> operator()(const std::string& name) const;

private:
    int fd_;
};

// For `crm check`, which must read every file itself.
void bypass_caches();
bool caches_bypassed();

class FileCache {
public:
    // Loads .crm/cache/<name> when present, whole, and written by this build
    // under these schemas for this format (a string naming the payload's
    // layout); anything else is ignored and will be replaced. After
    // bypass_caches() it finds and keeps nothing.
    FileCache(const Store& store, std::string name, std::string format);
    // The payload stored for rel, if rel's file still has this stamp.
    std::optional<std::string_view> find(const std::string& rel, const FileStamp& stamp);
    // Records rel's payload for the next run. Call in sorted rel order.
    void keep(const std::string& rel, const FileStamp& stamp, std::string_view payload);

    // The two uses together, for a record type with a visit() (lib/pack.h):
    // take() fills record from the cache when rel is unchanged (and keeps it);
    // put() keeps a record just read from its file.
    template <class T>
    bool take(const std::string& rel, const std::optional<FileStamp>& stamp, T& record) {
        if (!stamp) return false;
        auto bytes = find(rel, *stamp);
        if (!bytes || !Unpacker::unpack(*bytes, record)) return false;
        keep(rel, *stamp, *bytes);
        return true;
    }
    template <class T>
    void put(const std::string& rel, const std::optional<FileStamp>& stamp, const T& record) {
        if (stamp) keep(rel, *stamp, Packer::pack(record));
    }
    const std::string& name() const { return name_; }
    bool enabled() const { return enabled_; }
    // Writes the cache when what was kept differs from what was loaded.
    // Failures (a read-only store) are ignored: the next run is only slower.
    void save();

private:
    struct Entry {
        std::string_view rel;
        FileStamp stamp;
        std::string_view payload;
        size_t end;  // where the entry's bytes end in loaded_
    };
    void diverge();
    const Store& store_;
    std::string name_, header_;
    bool enabled_, valid_ = false;
    std::string loaded_;  // the file's bytes; entries_ point into it
    std::vector<Entry> entries_;
    size_t cursor_ = 0;
    // The next cache file: the header and the entries kept, packed. While they
    // are exactly the first next_count_ loaded entries (same_), it stays empty:
    // an unchanged cache costs no copy.
    std::string next_;
    uint64_t next_count_ = 0;
    bool same_ = true;
    int64_t racy_after_ns_;
};

}  // namespace crm
