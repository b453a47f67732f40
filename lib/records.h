// What every one-file-per-record kind (customers, leads, tickets) shares:
// loading a whole folder and resolving a user's ID argument.
#pragma once
#include <functional>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "error.h"
#include "file_cache.h"
#include "store.h"
#include "yaml_read.h"

namespace crm {

// Whether a record read from its file may be cached: one with keys crm does not
// know (extra) keeps them in the file only.
template <class T>
bool cacheable(const T& record) {
    if constexpr (requires { record.extra; }) return record.extra.size() == 0;
    return true;
}

// Reads every DIR/*.yaml with read(rel, problems). Files with problems go to
// problems, or, when it is null, the first failure throws Failure(65) with all of them.
// Records come from the derived cache .crm/cache/DIR when their file is
// unchanged (format names the layout of T's visit), and files read are cached;
// a record with keys crm does not know (extra) is always read from its file.
// T may also be a summary of each file's record, in a cache of its own (cache_name).
template <class T, class Read>
std::vector<T> load_folder(const Store& store, const std::string& dir, Read read, Problems* problems,
                           const std::string& format, const std::string& cache_name = "") {
    std::vector<T> out;
    Problems local;
    FileCache cache(store, cache_name.empty() ? dir : cache_name, format);
    FolderStamps stamp_in(store.path(dir));
    const std::vector<std::string> files = store.list(dir, ".yaml");
    out.reserve(files.size());
    for (const auto& rel : files) {
        // Without a cache (crm check) there is no use for the stamps.
        const std::optional<FileStamp> stamp = cache.enabled() ? stamp_in(rel.substr(dir.size() + 1)) : std::nullopt;
        if (T record; cache.take(rel, stamp, record)) {
            record.file = rel;
            out.push_back(std::move(record));
            continue;
        }
        try {
            size_t before = local.size();
            T record = read(rel, local);
            if (local.size() != before) continue;
            if (cacheable(record)) cache.put(rel, stamp, record);
            out.push_back(std::move(record));
        } catch (const Failure& f) {
            local.add(f.what());
        }
    }
    cache.save();
    if (problems) problems->append(local);
    else local.raise(kDataErr);
    return out;
}

// A full ID, an unambiguous prefix of one (with or without "P-"), or else an
// exact external ref -> the record's ID. refs() lists (id, ref) pairs and is
// called only when the argument is no ID. Throws Failure(66) when nothing
// matches, Failure(64) when several do. noun names the kind in messages.
std::string resolve_record_id(const Store& store, const std::string& arg, char prefix, const std::string& dir,
                              const std::string& noun,
                              const std::function<std::vector<std::pair<std::string, std::string>>()>& refs);

// The (id, ref) pairs resolve_record_id asks for, from records loaded by load(&problems);
// records with problems are left out.
template <class Load>
std::vector<std::pair<std::string, std::string>> id_refs(Load load) {
    Problems ignore;
    std::vector<std::pair<std::string, std::string>> out;
    for (const auto& r : load(&ignore)) out.push_back({r.id, r.ref});
    return out;
}

}  // namespace crm
