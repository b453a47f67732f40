// Kinds kept many records to a file, like orders: DIR/YYYY/MM.yaml by the
// month of the field the kind's shard_by names, one flow mapping per line,
// sorted by that field and ID. Everything else (fields, rules, validation,
// views, erasure) is the kind's declaration, as for one-file-per-record kinds
// (lib/record_io.h). Interactions and outbox messages are kept so: a million
// of them would be a million files.
#pragma once
#include <algorithm>
#include <cstdint>
#include <functional>
#include <future>
#include <map>
#include <memory>
#include <set>
#include <string>
#include <string_view>
#include <thread>
#include <unordered_map>
#include <vector>

#include "file_cache.h"
#include "record_io.h"

namespace crm {

// Every DIR/YYYY/MM.yaml of the store, sorted (orders' shards too).
std::vector<std::string> list_shards(const Store& store, const std::string& dir);
// "DIR/2026/11.yaml" for a value starting with the date 2026-11-..
std::string shard_path(const std::string& dir, const std::string& date_or_time);

// A kind kept in shards declares `static constexpr bool sharded = true;`, keeps
// the keys crm does not know as (key, rendered scalar) pairs in `extra`, and
// names its shard_by field in its RecordKind.
template <class R>
concept Sharded = Record<R> && requires { requires R::sharded; };

// A kind whose records obey rules across all of them (the points ledger:
// every lot taken from exists and is not overdrawn) declares
// `void check_whole(const Store&, const std::vector<R>&, Problems&)`; crm
// check calls it with every record.
template <class R>
concept CheckedWhole = requires(const Store& s, const std::vector<R>& all, Problems& p) { check_whole(s, all, p); };

// The shard r belongs in.
template <Record R>
std::string shard_of(const R& r) {
    const auto& k = kind_of<R>();
    return shard_path(k.dir, k.slots[size_t(k.index(k.shard_by))]->text(r));
}

// Whether file is the shard r belongs in: shard_of(r) == file, without
// building the path (every line of every shard read asks).
template <Record R>
bool in_shard(const R& r, std::string_view file) {
    const auto& k = kind_of<R>();
    const Slot<R>& by = *k.slots[size_t(k.index(k.shard_by))];
    const std::string* v = by.text_ref(r);
    if (!v) return shard_of(r) == file;
    // DIR/YYYY/MM.yaml from a value starting YYYY-MM (shard_path)
    std::string_view rest = file;
    if (v->size() < 7 || !rest.starts_with(k.dir) || rest.size() != k.dir.size() + 13) return shard_of(r) == file;
    rest.remove_prefix(k.dir.size());
    return rest[0] == '/' && rest.substr(1, 4) == std::string_view(*v).substr(0, 4) && rest[5] == '/' &&
           rest.substr(6, 2) == std::string_view(*v).substr(5, 2) && rest.substr(8) == ".yaml";
}

// One line of a shard, without "- ", appended to out: the declared fields in
// schema order, then the keys crm does not know. scratch is room to reuse.
template <Record R>
void append_shard_line(const R& r, std::string& out, std::string& scratch) {
    const auto& k = kind_of<R>();
    bool first = true;
    auto key = [&](std::string_view column) {
        out += first ? std::string_view("{") : std::string_view(", ");
        first = false;
        append_yaml_string(out, column);
        out += ": ";
    };
    for (size_t i = 0; i < k.slots.size(); ++i) {
        scratch.clear();
        k.slots[i]->append_text(r, scratch);
        if (scratch.empty()) continue;
        key(k.fields[i].column);
        k.fields[i].plain() ? append_yaml_plain(out, scratch) : append_yaml_string(out, scratch);
    }
    for (const auto& [column, rendered] : r.extra)
        if (!rendered.empty()) {
            key(column);
            out += rendered;
        }
    out += first ? "{}" : "}";
}

template <Record R>
std::string shard_line(const R& r) {
    std::string out, scratch;
    append_shard_line(r, out, scratch);
    return out;
}

// A whole shard's text, sorted by the shard_by field, then ID, then the line.
// stored[i], where given and not empty, is records[i]'s line as read (see
// stored_lines) or as just rendered: it is not rendered again.
template <Record R>
std::string shard_text(const std::vector<const R*>& records, const std::vector<std::string_view>& stored = {}) {
    const auto& k = kind_of<R>();
    const Slot<R>& by = *k.slots[size_t(k.index(k.shard_by))];
    const size_t n = records.size();
    std::vector<std::string> made;  // sort keys of a kind that keeps its shard_by field as no string
    std::vector<std::string_view> keys(n), lines(n);
    std::string rendered, scratch;  // the lines not given, one after another
    std::vector<size_t> ends(n, 0);
    made.reserve(n);
    for (size_t i = 0; i < n; ++i) {
        const std::string* key = by.text_ref(*records[i]);
        keys[i] = key ? std::string_view(*key) : std::string_view(made.emplace_back(by.text(*records[i])));
        if (i < stored.size() && !stored[i].empty()) {
            lines[i] = stored[i];
        } else {
            append_shard_line(*records[i], rendered, scratch);
            ends[i] = rendered.size();
        }
    }
    for (size_t i = 0, start = 0; i < n; ++i)
        if (ends[i]) {
            lines[i] = std::string_view(rendered).substr(start, ends[i] - start);
            start = ends[i];
        }
    std::vector<size_t> order(n);
    for (size_t i = 0; i < n; ++i) order[i] = i;
    std::sort(order.begin(), order.end(), [&](size_t a, size_t b) {
        if (int c = keys[a].compare(keys[b])) return c < 0;
        if (int c = records[a]->id.compare(records[b]->id)) return c < 0;
        return lines[a] < lines[b];
    });
    size_t size = 0;
    for (const auto& line : lines) size += line.size() + 3;
    std::string out;
    out.reserve(size);
    for (size_t i : order) {
        out += "- ";
        out += lines[i];
        out += '\n';
    }
    return out;
}

template <Record R>
std::string shard_text(const std::vector<R>& records, const std::vector<std::string_view>& stored = {}) {
    std::vector<const R*> rows;
    rows.reserve(records.size());
    for (const auto& r : records) rows.push_back(&r);
    return shard_text(rows, stored);
}

// Each record's line in text, the shard it was read from (without "- "), when
// text holds one item per line in the records' order, as crm writes shards and
// read_shard_of reads them; else none, and a rewrite renders every line.
template <Record R>
std::vector<std::string_view> stored_lines(std::string_view text, const std::vector<R>& records) {
    std::vector<std::string_view> lines;
    lines.reserve(records.size());
    for (size_t start = 0; start < text.size();) {
        size_t end = text.find('\n', start);
        if (end == std::string_view::npos) end = text.size();
        const std::string_view line = text.substr(start, end - start);
        start = end + 1;
        if (line.empty() || line[0] == '#') continue;
        if (lines.size() == records.size() || !line.starts_with("- {") || !line.ends_with('}') ||
            line.find(records[lines.size()].id) == std::string_view::npos)
            return {};
        lines.push_back(line.substr(2));
    }
    if (lines.size() != records.size()) return {};
    return lines;
}

// One item of a shard, validated as a record of R; problems name file:line.
template <Record R>
bool shard_item(const YAML::Node& item, const std::string& file, int line, std::vector<R>& out, Problems& problems) {
    const std::string at = line > 0 && line_of(item) == 0 ? file + ":" + std::to_string(line) : file;
    size_t before = problems.size();
    for (const auto& kv : item)
        if (!kv.second.IsScalar())
            problems.add(at, line_of(kv.second), kv.first.Scalar(), "must be a single value");
    if (problems.size() != before) return false;
    R r = record_from_yaml<R>(item, at, problems);
    r.file = file;
    if (problems.size() != before) return false;
    if (const std::string belongs = shard_of(r); belongs != file)
        problems.add(at, line_of(item), kind_of<R>().shard_by,
                     kind_of<R>().slots[size_t(kind_of<R>().index(kind_of<R>().shard_by))]->text(r) + " belongs in " + belongs);
    out.push_back(std::move(r));
    return problems.size() == before;
}

// The common case of a line, decided without a YAML node or the schema walk
// (a million lines a night): every key declared, every value one its field's
// rule accepts (the same scalar rule the schema applies), the required ones
// present, times in order, the line in its month's shard. Anything else goes
// the general way (shard_item), which names the problem.
template <Record R>
bool quick_item(const std::vector<FlowPair>& pairs, const std::string& file, R& r) {
    const auto& k = kind_of<R>();
    uint64_t seen = 0;  // a bit per slot; a sharded kind has fewer than 64
    size_t next = 0;     // crm writes the keys in slot order: try the one after the last first
    for (const auto& p : pairs) {
        const int i = next < k.slots.size() && k.slots[next]->key() == p.key ? int(next) : k.slot_at(p.key);
        next = size_t(i) + 1;
        if (i < 0 || i >= 64 || !k.fields[size_t(i)].parent.empty() || (seen >> i & 1) ||
            !scalar_problem(p.value, p.quoted, k.fields[size_t(i)].rule()).empty())
            return false;
        seen |= uint64_t(1) << i;
        k.slots[size_t(i)]->set(r, p.value);
    }
    for (size_t i = 0; i < k.fields.size(); ++i) {
        const FieldInfo& f = k.fields[i];
        if (f.required && !(seen >> i & 1)) return false;
        if (!f.not_before.empty() && (seen >> i & 1)) {
            const auto t = parse_time(k.slots[i]->text(r), Zone());
            const auto t0 = parse_time(k.slots[size_t(k.index(f.not_before))]->text(r), Zone());
            if (t && t0 && *t < *t0) return false;
        }
    }
    r.file = file;
    return in_shard(r, file);
}

// Reads one shard: the strict line reader first, yaml-cpp for anything else.
// A shard with anything crm cannot read exactly is a problem, never a prefix.
template <Record R>
std::vector<R> read_shard_of(const std::string& text, const std::string& file, Problems& problems) {
    std::vector<R> out;
    Problems local;
    bool fast = valid_utf8(text) && text.find('\0') == std::string::npos;
    int line_no = 0;
    std::vector<FlowPair> pairs;
    if (fast) out.reserve(size_t(std::count(text.begin(), text.end(), '\n')));
    for (size_t start = 0; fast && start < text.size();) {
        size_t end = text.find('\n', start);
        if (end == std::string::npos) end = text.size();
        std::string_view line(text.data() + start, end - start);
        ++line_no;
        start = end + 1;
        if (line.empty() || line[0] == '#') continue;
        if (!parse_flow_pairs(line, pairs)) {
            fast = false;
        } else if (R r; quick_item(pairs, file, r)) {
            out.push_back(std::move(r));
        } else {
            shard_item(flow_pairs_node(pairs), file, line_no, out, local);
        }
    }
    if (!fast) {
        out.clear();
        local = Problems();
        YAML::Node root;
        try {
            root = parse_yaml(text, file, kDataErr);
        } catch (const Failure& f) {
            problems.add(f.what());
            return out;
        }
        if (!root.IsNull() && !root.IsSequence())
            local.add(file, line_of(root), "", "a " + kind_of<R>().dir + " file must hold a list");
        else if (root.IsSequence())
            for (const auto& item : root) {
                if (item.IsMap()) shard_item(item, file, 0, out, local);
                else local.add(file, line_of(item), "", "an item must be a mapping");
            }
    }
    problems.append(local);
    return out;
}

template <class Io, Sharded R>
void visit(Io& io, std::vector<R>& shard) {
    io.list(shard, [&](R& r) { visit(io, r); });
}

// Every record of R, a shard at a time in shard order, from the derived cache
// (.crm/cache/DIR-YYYY) when a shard is unchanged. Shards with problems go to
// problems (or throw 65 when null, after every shard was read).
// The derived cache of the year shard rel is in: .crm/cache/DIR-YYYY.
template <Sharded R>
std::unique_ptr<FileCache> shard_cache(const Store& store, const std::string& rel) {
    const auto& k = kind_of<R>();
    return std::make_unique<FileCache>(store, k.dir + "-" + rel.substr(k.dir.size() + 1, 4), k.name + " shard");
}

// With from, only the shards of its month and later (their records are
// sharded by month, so an earlier shard holds nothing from then on).
template <Sharded R>
void for_each_shard_of(const Store& store, Problems* problems, const std::function<void(std::vector<R>&)>& each,
                       std::optional<Date> from = std::nullopt) {
    const auto& k = kind_of<R>();
    Problems local;
    std::unique_ptr<FileCache> cache;
    std::vector<R> part;
    const std::string first = from ? k.dir + "/" + format_date(*from).substr(0, 4) + "/" + format_date(*from).substr(5, 2) : "";
    for (const auto& rel : list_shards(store, k.dir)) {
        if (rel < first) continue;
        const std::string name = k.dir + "-" + rel.substr(k.dir.size() + 1, 4);
        if (!cache || cache->name() != name) {
            if (cache) cache->save();
            cache = shard_cache<R>(store, rel);
        }
        const std::optional<FileStamp> stamp = cache->enabled() ? stamp_of(store.path(rel)) : std::nullopt;
        if (cache->take(rel, stamp, part)) {
            for (auto& r : part) r.file = rel;
        } else {
            size_t before = local.size();
            try {
                part = read_shard_of<R>(read_file(store.path(rel).string()), rel, local);
            } catch (const Failure& f) {
                local.add(f.what());
                part.clear();
            }
            if (local.size() != before) continue;  // a shard is read whole or not at all
            if (std::all_of(part.begin(), part.end(), [](const R& r) { return r.extra.size() == 0; }))
                cache->put(rel, stamp, part);
        }
        each(part);
    }
    if (cache) cache->save();
    if (problems) problems->append(local);
    else local.raise(kDataErr);
}

template <Sharded R>
std::vector<R> load_sharded(const Store& store, Problems* problems = &skipped_files()) {
    std::vector<R> all;
    for_each_shard_of<R>(store, problems, [&](std::vector<R>& shard) {
        all.insert(all.end(), std::make_move_iterator(shard.begin()), std::make_move_iterator(shard.end()));
    });
    return all;
}

// One shard as stored, for a rewrite, and its text: any problem refuses the
// write (65), so no write drops a line crm did not understand.
template <Sharded R>
std::vector<R> shard_for_rewrite(const Store& store, const std::string& rel, std::string& text) {
    if (!fs::exists(store.path(rel))) return {};
    const std::optional<FileStamp> stamp = stamp_of(store.path(rel));
    text = read_file(store.path(rel).string());
    // From the derived cache when the file is unchanged since a read that found
    // nothing wrong in it (the run deciding these records has just read it).
    std::vector<R> out;
    if (auto cache = shard_cache<R>(store, rel); cache->enabled())
        if (cache->take(rel, stamp, out)) {
            for (auto& r : out) r.file = rel;
            return out;
        }
    Problems problems;
    out = read_shard_of<R>(text, rel, problems);
    problems.raise(kDataErr);
    return out;
}

// Writes a shard's records when its bytes change, after reading back what it
// writes as every later read will (a shard it would refuse is never written).
template <Sharded R>
bool save_shard(Writer& writer, const std::string& rel, const std::vector<R>& records) {
    const std::string text = shard_text(records);
    Problems problems;
    read_shard_of<R>(text, rel, problems);
    problems.raise(kDataErr);
    return writer.put(rel, text);
}

// Reads text back as every later read of a shard will, throwing 65 on any
// problem (a line it would refuse is never written). The common line goes
// through one record reused, so a million checked lines allocate little.
template <Sharded R>
void read_back(const std::string& text, const std::string& file) {
    const auto& k = kind_of<R>();
    bool quick = valid_utf8(text) && text.find('\0') == std::string::npos;
    R r;
    std::vector<FlowPair> pairs;
    const std::string none;
    for (size_t start = 0; quick && start < text.size();) {
        size_t end = text.find('\n', start);
        if (end == std::string::npos) end = text.size();
        const std::string_view line(text.data() + start, end - start);
        start = end + 1;
        if (line.empty() || line[0] == '#') continue;
        for (const auto& slot : k.slots) slot->set(r, none);  // as a new record, keeping the strings' room
        r.extra.clear();
        quick = parse_flow_pairs(line, pairs) && quick_item(pairs, file, r);
    }
    if (quick) return;
    Problems problems;  // the general reader, which names the problem
    read_shard_of<R>(text, file, problems);
    problems.raise(kDataErr);
}

enum class OnExisting { kReplace, kKeep };  // what write_sharded does with a record whose ID a shard holds

// The new text of shard rel with changed added or replacing their IDs' lines.
template <Sharded R>
std::string rewritten_shard(const Store& store, const std::string& rel, const std::vector<const R*>& changed,
                            OnExisting on_existing) {
    std::string text, scratch;
    const std::vector<R> shard = shard_for_rewrite<R>(store, rel, text);
    std::vector<std::string_view> stored = stored_lines(text, shard);
    std::vector<const R*> rows;  // the shard's records, then the added ones; all stay where they are
    rows.reserve(shard.size() + changed.size());
    std::unordered_map<std::string_view, size_t> at;
    at.reserve(shard.size() + changed.size());
    for (const auto& r : shard) {
        at.emplace(r.id, rows.size());
        rows.push_back(&r);
    }
    std::string check;  // the changed lines, "- " each, as the shard will hold them
    std::vector<std::pair<size_t, size_t>> row_ends;  // (row, end of its line in check)
    for (const R* r : changed) {
        auto [it, added] = at.emplace(r->id, rows.size());
        if (!added && on_existing == OnExisting::kKeep) continue;
        if (added) rows.push_back(r);
        else rows[it->second] = r;
        check += "- ";
        append_shard_line(*r, check, scratch);
        row_ends.emplace_back(it->second, check.size());
        check += '\n';
    }
    read_back<R>(check, rel);
    stored.resize(rows.size());
    size_t start = 0;
    for (const auto& [row, end] : row_ends) {
        stored[row] = std::string_view(check).substr(start + 2, end - start - 2);
        start = end + 1;
    }
    return shard_text(rows, stored);
}

// Adds records (new IDs) and replaces those whose ID a shard holds already
// (or, with OnExisting::kKeep, leaves those as they are).
// Every other line of the shard keeps its bytes (a night's few messages do
// not render the month's fifty thousand again); each changed line is rendered
// once and read back, all together, as every later read will read it.
// Many shards (a year of orders earning points) are made side by side, a
// shard a core, and handed to the writer in order.
template <Sharded R>
void write_sharded(Writer& writer, const Store& store, const std::vector<R>& records,
                   OnExisting on_existing = OnExisting::kReplace) {
    std::map<std::string, std::vector<const R*>> by_shard;
    std::vector<const R*>* last = nullptr;  // records come mostly in shard order: ask the map when it changes
    std::string_view last_rel;
    for (const auto& r : records) {
        if (!last || !in_shard(r, last_rel)) {
            auto it = by_shard.try_emplace(shard_of(r)).first;
            last = &it->second;
            last_rel = it->first;
        }
        last->push_back(&r);
    }
    const size_t cores = std::max(1u, std::thread::hardware_concurrency());
    const bool side_by_side = by_shard.size() > 1 && records.size() >= 10000 && cores > 1;
    for (auto wave = by_shard.begin(); wave != by_shard.end();) {
        std::vector<std::pair<const std::string*, std::future<std::string>>> texts;
        for (; wave != by_shard.end() && texts.size() < (side_by_side ? cores : 1); ++wave) {
            const std::string* rel = &wave->first;
            const std::vector<const R*>* changed = &wave->second;
            texts.emplace_back(rel, std::async(side_by_side ? std::launch::async : std::launch::deferred, [&store, rel, changed, on_existing] {
                                   return rewritten_shard(store, *rel, *changed, on_existing);
                               }));
        }
        for (auto& [rel, text] : texts) writer.put(*rel, text.get());
    }
}

}  // namespace crm
