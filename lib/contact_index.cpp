#include "contact_index.h"

#include <sys/stat.h>

#include <array>
#include <optional>
#include <sstream>
#include <tuple>

#include "atomic_file.h"
#include "customer.h"
#include "lead_view.h"
#include "yaml_read.h"

namespace crm {

static const char* const kIndexDir = ".crm/cache/contact-index";
static const char* const kSignatureFile = ".crm/cache/contact-index.sig";
constexpr int kShards = 256;

struct Signature {
    std::string folders;                    // "crm-contacts 2 leads <sec>.<nsec> customers <sec>.<nsec>"
    std::array<long long, kShards> sizes{};  // each shard's size when signed
};

// The folders' modification times, or "" when one is missing.
static std::string folder_times(const Store& store) {
    std::string out = "crm-contacts 2";
    for (const char* dir : {"leads", "customers"}) {
        struct stat st {};
        if (::stat(store.path(dir).c_str(), &st) != 0) return "";
        out += std::string(" ") + dir + " " + std::to_string(st.st_mtim.tv_sec) + "." + std::to_string(st.st_mtim.tv_nsec);
    }
    return out;
}

static int shard_of(char kind, const std::string& value) {
    uint32_t h = 2166136261u ^ uint8_t(kind);  // FNV-1a
    for (char c : value) h = (h ^ uint8_t(c)) * 16777619u;
    return int(h % kShards);
}

static fs::path shard_path(const Store& store, int shard) {
    char name[8];
    std::snprintf(name, sizeof name, "%02x", shard);
    return store.path(kIndexDir) / name;
}

static long long size_of(const fs::path& p) {
    struct stat st {};
    return ::stat(p.c_str(), &st) == 0 ? st.st_size : -1;
}

static std::optional<Signature> read_signature(const Store& store) {
    std::error_code ec;
    if (!fs::exists(store.path(kSignatureFile), ec)) return std::nullopt;
    std::istringstream in;
    try {
        in.str(read_file(store.path(kSignatureFile).string()));
    } catch (const Failure&) {
        return std::nullopt;  // unreadable: rebuilt (or read from the files) like a missing one
    }
    Signature sig;
    if (!std::getline(in, sig.folders)) return std::nullopt;
    for (auto& size : sig.sizes)
        if (!(in >> size)) return std::nullopt;
    return sig;
}

static void write_signature(const Store& store, const Signature& sig) {
    std::string text = sig.folders + "\n";
    for (int i = 0; i < kShards; ++i) text += std::to_string(sig.sizes[i]) + (i + 1 < kShards ? " " : "\n");
    write_file_atomic(store.path(kSignatureFile), text, store.path(".crm/tmp"), false);
}

// The id on the line "<kind>\t<value>\t<id>" of text, or "".
static std::string lookup(std::string_view text, char kind, const std::string& value) {
    const std::string key = std::string(1, kind) + "\t" + value + "\t";
    size_t at = text.substr(0, key.size()) == key ? 0 : text.find("\n" + key);
    if (at == std::string_view::npos) return "";
    size_t start = at + key.size() + (at == 0 ? 0 : 1), end = text.find('\n', start);
    return std::string(text.substr(start, end == std::string_view::npos ? std::string_view::npos : end - start));
}

// Writes the index from ContactIndex::serialise() lines, signed with folders.
// The old signature goes first, so an interrupted rebuild is never taken as valid.
static void write_index(const Store& store, const std::string& folders, const std::string& lines) {
    std::error_code ec;
    fs::remove(store.path(kSignatureFile), ec);
    fs::remove(store.path(".crm/cache/contacts"), ec);  // the unsharded index of earlier versions
    fs::remove(store.path(".crm/cache/contacts.sig"), ec);
    std::array<std::string, kShards> shards;
    std::istringstream in(lines);
    for (std::string line; std::getline(in, line);) {
        size_t tab = line.find('\t', 2);
        if (line.size() < 3 || tab == std::string::npos) continue;
        shards[shard_of(line[0], line.substr(2, tab - 2))] += line + "\n";
    }
    Signature sig{folders, {}};
    for (int i = 0; i < kShards; ++i) {
        write_file_atomic(shard_path(store, i), shards[i], store.path(".crm/tmp"), false);
        sig.sizes[i] = (long long)shards[i].size();
    }
    write_signature(store, sig);
}

std::string find_duplicate_contact(const Store& store, const Lead& l) {
    // Taken before reading, so a change made meanwhile leaves the index stale.
    const std::string folders = folder_times(store);
    if (auto sig = read_signature(store); sig && !folders.empty() && sig->folders == folders) {
        bool intact = true;
        for (auto [kind, value, label] : {std::tuple{'p', &l.phone, "phone"}, std::tuple{'e', &l.email, "email"}}) {
            if (value->empty()) continue;
            const int s = shard_of(kind, *value);
            const fs::path shard = shard_path(store, s);
            std::string text;
            try {
                if (size_of(shard) == sig->sizes[s]) text = read_file(shard.string());
            } catch (const Failure&) {
                // unreadable: treated as torn
            }
            if ((long long)text.size() != sig->sizes[s]) {
                intact = false;
                break;
            }
            if (std::string id = lookup(text, kind, *value); !id.empty() && id != l.id)
                return id + " (same " + label + ")";  // no value: the reader may not see contact data
        }
        if (intact) return "";
    }
    Problems ignore;
    ContactIndex index(load_records<Lead>(store, &ignore), load_records<Customer>(store, &ignore));
    if (!folders.empty()) {
        try {
            write_index(store, folders, index.serialise());
        } catch (const Failure&) {
            // A cache that cannot be written is only slower next time.
        }
    }
    return index.find(l);
}

void drop_contact_index(const Store& store) {
    std::error_code ec;
    fs::remove(store.path(kSignatureFile), ec);
    for (int i = 0; i < kShards; ++i) fs::remove(shard_path(store, i), ec);
}

bool contact_index_current(const Store& store) {
    auto sig = read_signature(store);
    return sig && sig->folders == folder_times(store);
}

void record_contacts(const Store& store, bool was_current, const std::string& id, const std::string& phone,
                     const std::string& email) {
    if (!was_current) return;  // the next check rebuilds it
    auto sig = read_signature(store);
    if (!sig) return;
    std::error_code ec;
    try {
        for (auto [kind, value] : {std::pair{'p', &phone}, std::pair{'e', &email}}) {
            if (value->empty()) continue;
            const int s = shard_of(kind, *value);
            const fs::path shard = shard_path(store, s);
            if (size_of(shard) != sig->sizes[s]) throw Failure(kIoErr, "torn shard");
            append_file(shard, std::string(1, kind) + "\t" + *value + "\t" + id + "\n", false);
            sig->sizes[s] = size_of(shard);
        }
        sig->folders = folder_times(store);
        write_signature(store, *sig);
    } catch (const Failure&) {
        fs::remove(store.path(kSignatureFile), ec);  // unsure: make the next reader rebuild
    }
}

}  // namespace crm
