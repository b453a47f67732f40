#include "shard_index.h"

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cerrno>
#include <cstring>

#include "atomic_file.h"
#include "error.h"
#include "yaml_read.h"

namespace crm {

namespace {

// FNV-1a: stable across builds and machines, unlike std::hash.
uint64_t hash_of(std::string_view s) {
    uint64_t h = 0xcbf29ce484222325ull;
    for (unsigned char c : s) h = (h ^ c) * 0x100000001b3ull;
    return h;
}

struct Entry {
    uint64_t hash, offset, length;
};
// The header: a magic naming the layout, the shard's stamp, the entry count.
struct Header {
    char magic[16];
    uint64_t size, inode;
    int64_t mtime_ns;
    uint64_t count;
};
constexpr char kMagic[16] = "crm-lines-v1";

// A file open for reading, closed on every path out.
struct Fd {
    int fd;
    explicit Fd(const fs::path& path) : fd(::open(path.c_str(), O_RDONLY | O_CLOEXEC)) {}
    ~Fd() {
        if (fd >= 0) ::close(fd);
    }
    Fd(const Fd&) = delete;
    Fd& operator=(const Fd&) = delete;
};

bool read_at(int fd, char* to, size_t n, uint64_t at) {
    while (n > 0) {
        const ssize_t got = ::pread(fd, to, n, off_t(at));
        if (got <= 0) return false;
        to += got, n -= size_t(got), at += uint64_t(got);
    }
    return true;
}

// The index of text, or nullopt when a line is not one flow mapping with field.
std::optional<std::vector<Entry>> index_text(const std::string& text, const std::string& field) {
    std::vector<Entry> out;
    std::vector<FlowPair> pairs;
    for (size_t start = 0; start < text.size();) {
        size_t end = text.find('\n', start);
        if (end == std::string::npos) end = text.size();
        const std::string_view line(text.data() + start, end - start);
        const size_t at = start;
        start = end + 1;
        if (line.empty() || line[0] == '#') continue;
        if (!parse_flow_pairs(line, pairs)) return std::nullopt;
        const auto it = std::find_if(pairs.begin(), pairs.end(), [&](const FlowPair& p) { return p.key == field; });
        if (it == pairs.end()) return std::nullopt;
        out.push_back({hash_of(it->value), at, line.size()});
    }
    std::sort(out.begin(), out.end(), [](const Entry& a, const Entry& b) { return std::tie(a.hash, a.offset) < std::tie(b.hash, b.offset); });
    return out;
}

// The byte ranges of lines whose field hashes to h, from a saved index that
// matches stamp; nullopt when there is none.
std::optional<std::vector<Entry>> saved_ranges(const fs::path& path, const FileStamp& stamp, uint64_t h) {
    Fd index(path);
    struct stat st {};
    if (index.fd < 0 || ::fstat(index.fd, &st) != 0 || size_t(st.st_size) < sizeof(Header)) return std::nullopt;
    void* map = ::mmap(nullptr, size_t(st.st_size), PROT_READ, MAP_PRIVATE, index.fd, 0);
    if (map == MAP_FAILED) return std::nullopt;
    Header head;
    std::memcpy(&head, map, sizeof head);
    std::optional<std::vector<Entry>> out;
    if (std::memcmp(head.magic, kMagic, sizeof kMagic) == 0 && head.size == stamp.size && head.inode == stamp.inode &&
        head.mtime_ns == stamp.mtime_ns && sizeof(Header) + head.count * sizeof(Entry) == size_t(st.st_size)) {
        const auto* first = reinterpret_cast<const Entry*>(static_cast<const char*>(map) + sizeof(Header));
        const auto* last = first + head.count;
        const auto* at = std::lower_bound(first, last, h, [](const Entry& e, uint64_t v) { return e.hash < v; });
        out.emplace();
        for (; at != last && at->hash == h; ++at) out->push_back(*at);
    }
    ::munmap(map, size_t(st.st_size));
    return out;
}

void save_index(const Store& store, const fs::path& path, const FileStamp& stamp, const std::vector<Entry>& entries) {
    const int64_t racy_after = std::chrono::duration_cast<std::chrono::nanoseconds>(
                                   std::chrono::system_clock::now().time_since_epoch()).count() - 1000000000;
    if (stamp.mtime_ns >= racy_after) return;  // a second write this second could keep the stamp
    Header head{};
    std::memcpy(head.magic, kMagic, sizeof kMagic);
    head.size = stamp.size, head.inode = stamp.inode, head.mtime_ns = stamp.mtime_ns, head.count = entries.size();
    std::string bytes(reinterpret_cast<const char*>(&head), sizeof head);
    bytes.append(reinterpret_cast<const char*>(entries.data()), entries.size() * sizeof(Entry));
    try {
        write_file_atomic(path, bytes, store.path(".crm/tmp"));
    } catch (const std::exception&) {
        // A read-only store: the next run builds it again.
    }
}

}  // namespace

std::vector<std::pair<std::string, std::string>> lines_where(const Store& store, const std::string& dir,
                                                             const std::string& field, const std::string& value) {
    const uint64_t h = hash_of(value);
    std::vector<std::pair<std::string, std::string>> out;
    for (const auto& rel : list_shards(store, dir)) {
        // One open file for the stamp, the lines and a rebuild: a shard
        // replaced meanwhile (git, an editor) cannot pair one file's index
        // with another's bytes.
        const Fd file(store.path(rel));
        const auto stamp = stamp_of_fd(file.fd);
        if (!stamp) throw Failure(kDataErr, rel + ": cannot be read: " + std::strerror(errno));
        // rel is DIR/YYYY/MM.yaml: its index is DIR-by-FIELD/YYYY-MM.
        const fs::path index = store.path(".crm/cache/" + dir + "-by-" + field + "/" + rel.substr(dir.size() + 1, 4) +
                                          "-" + rel.substr(dir.size() + 6, 2));
        std::optional<std::vector<Entry>> ranges;
        if (!caches_bypassed()) ranges = saved_ranges(index, *stamp, h);
        std::string lines;
        if (ranges) {
            for (const Entry& e : *ranges) {
                std::string line(e.length + 1, '\0');
                if (!read_at(file.fd, line.data(), line.size(), e.offset) || line.back() != '\n') {
                    ranges.reset();  // not the lines it indexed: read it whole below
                    lines.clear();
                    break;
                }
                lines += line;
            }
        }
        if (!ranges) {
            std::string text(stamp->size, '\0');
            if (!read_at(file.fd, text.data(), text.size(), 0))
                throw Failure(kDataErr, rel + ": cannot be read: " + std::strerror(errno));
            const auto entries = index_text(text, field);
            if (!entries) {
                out.emplace_back(rel, std::move(text));  // not a line per item: the caller reads it all
                continue;
            }
            if (!caches_bypassed()) save_index(store, index, *stamp, *entries);
            for (auto at = std::lower_bound(entries->begin(), entries->end(), h, [](const Entry& e, uint64_t v) { return e.hash < v; });
                 at != entries->end() && at->hash == h; ++at)
                lines += text.substr(at->offset, at->length) + "\n";
        }
        if (!lines.empty()) out.emplace_back(rel, std::move(lines));
    }
    return out;
}

}  // namespace crm
