// Everything crm does with a one-file-per-record kind (customers, leads,
// tickets, and the kinds to come), written once over its RecordKind: the
// canonical YAML, the one strict reader, validation before every write, the
// cache form, input fields and erasure. A kind provides
//   const RecordKind<R>& record_kind(const R*);
// and an R with id, extra (YAML::Node) and file members.
#pragma once
#include <yaml-cpp/yaml.h>

#include <concepts>
#include <set>
#include <string>
#include <type_traits>
#include <vector>

#include "config.h"
#include "error.h"
#include "ids.h"
#include "record_kind.h"
#include "records.h"
#include "store.h"
#include "yaml_read.h"

namespace crm {

template <class R>
const RecordKind<R>& kind_of() {
    return record_kind(static_cast<const R*>(nullptr));
}

template <class R>
concept Record = requires(const R* r) { record_kind(r); };

// The cache form (lib/pack.h): every slot in order. The cache's header names the
// build and the schemas, which fix the slots, so the kind's name is its layout's.
template <class Io, Record R>
void visit(Io& io, R& r) {
    for (const auto& s : kind_of<R>().slots) {
        if constexpr (std::is_same_v<Io, Packer>) s->pack(io, r);
        else s->unpack(io, r);
    }
}

template <Record R>
std::string record_path(const std::string& id) {
    return kind_of<R>().path(id);
}

// A new ID for an R: no file of the store has it, nor any ID in minted (which it joins).
template <Record R, class Seen = std::set<std::string>>
std::string mint_id(const Store& store, Time now, Seen* minted = nullptr) {
    const auto& k = kind_of<R>();
    std::string id = new_unique_id(k.prefix, now, [&](const std::string& x) {
        return (minted && minted->count(x)) || fs::exists(store.path(k.path(x)));
    });
    if (minted) minted->insert(id);
    return id;
}

// The canonical bytes: keys in the schema's order, absent fields left out,
// a nested mapping ("rfm:") only when one of its fields has a value, then the
// keys crm does not know in the order they came.
template <Record R>
std::string record_yaml(const R& r) {
    const auto& k = kind_of<R>();
    YamlWriter w;
    for (size_t i = 0; i < k.slots.size();) {
        const std::string& parent = k.fields[i].parent;
        size_t end = i + 1;
        if (parent.empty()) {
            k.slots[i]->write(w, r, k.fields[i]);
            i = end;
            continue;
        }
        while (end < k.slots.size() && k.fields[end].parent == parent) ++end;
        bool any = false;
        for (size_t j = i; j < end; ++j) any = any || !k.slots[j]->text(r).empty();
        if (any) {
            w.begin_map(parent);
            for (size_t j = i; j < end; ++j) k.slots[j]->write(w, r, k.fields[j]);
            w.end_map();
        }
        i = end;
    }
    w.extra(r.extra);
    return w.text();
}

// Histories cannot run backwards: each history's events are in time order and
// none is before the record's creation; a time declared x-not-before another
// field ("solved" and "created") is not earlier than it.
template <Record R>
void check_time_order(const R& r, const YAML::Node& root, const std::string& file, Problems& problems) {
    const auto& k = kind_of<R>();
    auto time_of = [&](const std::string& column) -> std::optional<Time> {
        const int i = k.index(column);
        return i < 0 ? std::nullopt : parse_time(k.slots[size_t(i)]->text(r), Zone());
    };
    const auto created = time_of("created");
    for (size_t i = 0; i < k.slots.size(); ++i) {
        const FieldInfo& f = k.fields[i];
        if (const std::string& first = f.not_before; !first.empty()) {
            const auto t = time_of(f.column), t0 = time_of(first);
            if (t && t0 && *t < *t0)
                problems.add(file, line_of(root[f.column]), f.column,
                             k.slots[i]->text(r) + " is before " + first + " " + k.slots[size_t(k.index(first))]->text(r));
        }
        if (const std::string& bound = f.not_after; !bound.empty()) {  // dates: ISO text compares as the days do
            const std::string day = k.slots[i]->text(r), limit = k.slots[size_t(k.index(bound))]->text(r).substr(0, 10);
            if (parse_date(day) && parse_date(limit) && day > limit)
                problems.add(file, line_of(root[f.column]), f.column, day + " is after " + bound + " " + limit);
        }
        const auto times = k.slots[i]->event_times(r);
        std::optional<Time> prev;
        for (size_t j = 0; j < times.size(); ++j) {
            const auto t = parse_time(times[j], Zone());
            if (!t) continue;
            std::string why;
            if (created && *t < *created) why = " is before created " + r.created;
            else if (prev && *t < *prev) why = " is before the event before it, at " + times[j - 1];
            prev = t;
            if (why.empty()) continue;
            const YAML::Node items = root[f.column];  // looked up only for a problem: lines are for messages
            problems.add(file, items && items.IsSequence() ? line_of(items[j]) : 0, f.column,
                         "event " + std::to_string(j + 1) + " at " + times[j] + why);
        }
    }
}

// The latest event time in r's histories, or nullopt.
template <Record R>
std::optional<Time> latest_event(const R& r) {
    std::optional<Time> latest;
    for (const auto& s : kind_of<R>().slots)
        for (const auto& at : s->event_times(r))
            if (auto t = parse_time(at, Zone()); t && (!latest || *t > *latest)) latest = t;
    return latest;
}

// Builds a record from a parsed file; schema problems are added to problems
// (and then the record is left empty).
template <Record R>
R record_from_yaml(const YAML::Node& root, const std::string& file, Problems& problems) {
    const auto& k = kind_of<R>();
    R r;
    r.file = file;
    if (!valid_record(root, k.name, file, problems)) return r;
    constexpr bool flat = !std::is_same_v<decltype(r.extra), YAML::Node>;  // a shard's keys, rendered scalars
    if constexpr (!flat) r.extra = YAML::Node(YAML::NodeType::Map);
    for (const auto& kv : root) {
        const std::string key = kv.first.Scalar();
        // Top-level keys are plain: a hand-written "rfm.tier" is an unknown key, kept as it is.
        if (int i = key.find('.') == std::string::npos ? k.slot_at(key) : -1; i >= 0) {
            k.slots[i]->read(kv.second, r);
        } else if (k.is_parent(key)) {
            for (const auto& sub : kv.second)
                if (int j = k.slot_at(key + "." + sub.first.Scalar()); j >= 0) k.slots[j]->read(sub.second, r);
        } else if constexpr (flat) {
            r.extra.emplace_back(key, kv.second.Tag() == "!" ? yaml_string(kv.second.Scalar()) : yaml_plain(kv.second.Scalar()));
        } else {
            r.extra[key] = kv.second;
        }
    }
    if (k.shard_by.empty() && file != k.path(r.id) && file.rfind(k.dir + "/", 0) == 0)
        problems.add(file, line_of(root["id"]), "id", quote_value(r.id) + " does not match the file name");
    check_time_order(r, root, file, problems);
    return r;
}

// Reads a record file's text: the strict reader of the canonical form first;
// when the record has problems, yaml-cpp reads it again so the messages name
// their lines. Throws Failure(65) on a YAML syntax error.
template <Record R>
R read_record_text(const std::string& text, const std::string& file, Problems& problems) {
    bool fast = false;
    Problems local;
    R r = record_from_yaml<R>(parse_record(text, file, kDataErr, &fast), file, local);
    if (fast && !local.empty()) {
        local = Problems();
        r = record_from_yaml<R>(parse_yaml(text, file, kDataErr), file, local);
    }
    problems.append(local);
    return r;
}

template <Record R>
R read_record(const Store& store, const std::string& rel, Problems& problems) {
    return read_record_text<R>(read_file(store.path(rel).string()), rel, problems);
}

// A kind whose stored fields include values derived from crm.yaml (a lead's
// BANT score and grade) declares derive(r, config): it recomputes them and
// returns the fields whose stored value was stale. Records are loaded with
// their derived values fresh, so no view shows a stale one; crm check loads
// them as stored (Stored::kAsWritten) to report the stale ones.
template <class R>
concept Derived = requires(R& r, const Config& c) {
    { derive(r, c) } -> std::same_as<std::vector<std::string>>;
};
enum class Stored { kFresh, kAsWritten };

template <Record R>
void refresh(R& r, const Config& config) {
    if constexpr (Derived<R>) derive(r, config);
}

// As-of is a view of the past (SPEC 7.1). A kind whose fields follow from its
// history declares rewind(r, t): it drops the events after t and restores
// what they changed. visible_at(r, t) is r as it stood at t, or false when it
// was created after t. (A record's updated time bounds its events: one
// updated at or before t is already as it stood.)
template <class R>
concept Rewindable = requires(R& r, Time t) { rewind(r, t); };

template <Record R>
bool visible_at(R& r, Time t) {
    if (const auto created = parse_time(r.created, Zone()); created && *created > t) return false;
    if constexpr (Rewindable<R>) {
        const auto updated = parse_time(r.updated, Zone());
        if (!updated || *updated > t) rewind(r, t);
    }
    return true;
}

// One record by full ID; throws Failure(65) listing its problems.
template <Record R>
R load_record(const Store& store, const std::string& id, Stored how = Stored::kFresh) {
    Problems problems;
    R r = read_record<R>(store, kind_of<R>().path(id), problems);
    problems.raise(kDataErr);
    if (how == Stored::kFresh) refresh(r, store.config());
    return r;
}

// Every record of the kind. Files with problems go to problems (or throw 65 when null).
template <Record R>
std::vector<R> load_records(const Store& store, Problems* problems = nullptr, Stored how = Stored::kFresh) {
    const auto& k = kind_of<R>();
    auto out = load_folder<R>(
        store, k.dir, [&](const std::string& rel, Problems& p) { return read_record<R>(store, rel, p); }, problems,
        k.name);
    if (how == Stored::kFresh)
        for (auto& r : out) refresh(r, store.config());
    return out;
}

// Every record of the kind as the store stood at t: what a command that only
// reads sees. Unreadable files are left out (skipped_files()).
template <Record R>
std::vector<R> load_records_at(const Store& store, Time t, Problems* problems = &skipped_files()) {
    auto out = load_records<R>(store, problems);
    std::erase_if(out, [&](R& r) { return !visible_at(r, t); });
    return out;
}

// One record as it stood at t; throws Failure(66) when it was created after t.
template <Record R>
R load_record_at(const Store& store, const std::string& id, Time t) {
    R r = load_record<R>(store, id);
    if (!visible_at(r, t))
        throw Failure(kNoInput, kind_of<R>().name + " " + id + " was created at " + r.created + ", after " +
                                    format_time(t, store.config().zone));
    return r;
}

// A full ID, an unambiguous prefix or an exact ref -> the record's ID. Throws 66 / 64.
template <Record R>
std::string resolve_id(const Store& store, const std::string& arg) {
    const auto& k = kind_of<R>();
    return resolve_record_id(store, arg, k.prefix, k.dir, k.name,
                             [&] { return id_refs([&](Problems* p) { return load_records<R>(store, p); }); });
}

// What reading r's canonical bytes back would find wrong, as "field: message"
// lines without a file: the rules every save applies, for naming an input's line.
template <Record R>
std::vector<std::string> record_problems(const R& r) {
    Problems problems;
    read_record_text<R>(record_yaml(r), kind_of<R>().path(r.id), problems);
    std::vector<std::string> out;
    for (const auto& m : problems.list()) {
        size_t field = m.find(": ", m.find(".yaml"));  // past "dir/ID.yaml:LINE"
        out.push_back(field == std::string::npos ? m : m.substr(field + 2));
    }
    return out;
}

// Writes r when its bytes differ from what is stored; returns whether it did.
// The bytes are first read back exactly as `crm check` and every later read
// will read them: a record they would refuse is never written (Failure 65).
// A command runs at one moment (--as-of or now): it cannot write a record
// whose history already holds a later event, which would run backwards.
template <Record R>
bool save_record(Writer& writer, const R& r) {
    const std::string rel = kind_of<R>().path(r.id);
    if (const auto latest = latest_event(r); latest && *latest > writer.now())
        throw Failure(kDataErr, rel + ": " + kind_of<R>().name + " " + r.id + " has an event at " +
                                    format_time(*latest, writer.zone()) + ", later than this command's time " +
                                    format_time(writer.now(), writer.zone()) + ": a history cannot run backwards");
    const std::string text = record_yaml(r);
    Problems problems;
    read_record_text<R>(text, rel, problems);
    problems.raise(kDataErr);
    return writer.put(rel, text);
}

// Rewrites every record whose stored derived values are stale (after crm.yaml
// changed); returns the IDs rewritten, in ID order.
template <Record R>
    requires Derived<R>
std::vector<std::string> rewrite_stale(Writer& writer, const Store& store) {
    std::vector<std::string> out;
    for (auto& r : load_records<R>(store, nullptr, Stored::kAsWritten)) {
        const std::vector<std::string> stale = derive(r, store.config());
        if (stale.empty()) continue;
        save_record(writer, r);
        writer.audit(r.id, stale);
        out.push_back(r.id);
    }
    return out;
}

// The IDs r refers to (its x-refers fields), of kind ("customer"), or of any kind when empty.
template <Record R>
std::vector<std::string> references(const R& r, const std::string& kind = "") {
    const auto& k = kind_of<R>();
    std::vector<std::string> out;
    for (size_t i = 0; i < k.slots.size(); ++i)
        if (const std::string& to = k.fields[i].refers; !to.empty() && (kind.empty() || to == kind))
            if (std::string v = k.slots[i]->text(r); !v.empty()) out.push_back(std::move(v));
    return out;
}

// A new record: the fields whose schema gives a default hold it.
template <Record R>
R new_record() {
    const auto& k = kind_of<R>();
    R r;
    for (size_t i = 0; i < k.slots.size(); ++i)
        if (!k.fields[i].schema->default_value.empty()) k.slots[i]->set(r, k.fields[i].schema->default_value);
    return r;
}

// The fields (columns) whose stored form differs between two versions of a
// record, for the audit log; id, created and updated are left out.
template <Record R>
std::vector<std::string> changed_fields(const R& before, const R& after) {
    const auto& k = kind_of<R>();
    std::vector<std::string> out;
    for (size_t i = 0; i < k.slots.size(); ++i) {
        const FieldInfo& f = k.fields[i];
        if (f.column == "id" || f.column == "created" || f.column == "updated") continue;
        YamlWriter a, b;
        k.slots[i]->write(a, before, f);
        k.slots[i]->write(b, after, f);
        if (a.text() != b.text()) out.push_back(f.column);
    }
    return out;
}

// The fields a user gives on add/set/import, in the file's order.
template <Record R>
std::vector<std::string> input_fields() {
    std::vector<std::string> out;
    for (const auto& f : kind_of<R>().fields)
        if (f.input()) out.push_back(f.column);
    return out;
}

// Checks and normalises a user's value for field f by the field's own rule,
// the one reading and `crm check` apply. Returns the problem or "".
std::string check_input(const FieldInfo& f, std::string& value, const Config& config);
// For a field whose values crm.yaml lists (x-normalise: person, a person of
// people:; channel, one of tickets.channels): the problem with value, or "".
// Input (check_input) and `crm check` apply it alike.
std::string configured_value_problem(const FieldInfo& f, const std::string& value, const Config& config);

// Sets the input field shown as column from a user's text ("" clears it).
// Returns the problem ("is longer than 200 bytes") or "".
template <Record R>
std::string set_field(R& r, const std::string& column, const std::string& raw, const Config& config) {
    const auto& k = kind_of<R>();
    const int i = k.index(column);
    if (i < 0 || !k.fields[i].input()) return "is not a " + k.name + " field";
    std::string value = raw;
    std::string why = check_input(k.fields[i], value, config);
    if (why.empty()) k.slots[i]->set(r, value);
    return why;
}

// Erases the personal fields (x-personal; x-erased is the text left instead),
// personal fields inside histories, and unknown keys. Returns what it erased,
// for the audit log.
template <Record R>
std::vector<std::string> erase_personal(R& r) {
    const auto& k = kind_of<R>();
    std::vector<std::string> erased;
    for (size_t i = 0; i < k.slots.size(); ++i) {
        const FieldInfo& f = k.fields[i];
        if (f.personal()) {
            k.slots[i]->set(r, f.ext("erased"));
            erased.push_back(f.column);
        } else if (f.schema->items && !f.schema->items->properties.empty()) {
            k.slots[i]->erase_items(r, *f.schema->items);
            erased.push_back(f.column);
        }
    }
    r.extra = decltype(r.extra)();
    if constexpr (std::is_same_v<decltype(r.extra), YAML::Node>) r.extra = YAML::Node(YAML::NodeType::Map);
    erased.push_back("extra keys");
    return erased;
}

}  // namespace crm
