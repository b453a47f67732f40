// A record kind: its schema in schemas/<kind>.schema.yaml, the one declaration
// of every field (name, type, limits, and in "x-" keys whether it is input,
// personal, masked, normalised), bound to the C++ struct that holds it.
// The binding names each schema key once with its member; it is checked
// against the schema when the kind is first used, so the two cannot disagree.
// Writing, reading, validation, cache packing, input fields and erasure of
// personal data all come from here (lib/record_io.h).
#pragma once
#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <climits>
#include <memory>
#include <stdexcept>
#include <string>
#include <vector>

#include "enums.h"
#include "pack.h"
#include "schema.h"
#include "text.h"
#include "yaml_write.h"

namespace crm {

// What the schema says of one field. x- keys, all optional:
//   x-input: true        a CLI flag (--credit-code) and an import column
//   x-personal: true     erased by `customer forget`; x-erased: the text left instead
//   x-mask: phone|email|initial   hidden so from roles without the pii right
//   x-normalise: phone|email|upper|person|channel   applied to input before the rule
//                        (person and channel: a value crm.yaml lists)
//   x-keep-empty: true   an event field written even when empty
//   x-not-before: FIELD  a time that cannot be earlier than FIELD's ("solved" and "created")
//   x-not-after: FIELD   a date that cannot be later than FIELD's date (a birthday and "created")
// Whether a value under rule is text (quoted when YAML would misread it), and
// whether it is written plain: numbers, flags, dates and times.
inline bool is_text(const ScalarRule& rule) { return rule.text; }
inline bool written_plain(const ScalarRule& rule) { return rule.written_plain; }

// A list field's input "a, b,,a": its items trimmed, empty ones and repeats left out.
inline std::vector<std::string> list_items(const std::string& value) {
    std::vector<std::string> out;
    for (auto& item : split(value, ',')) {
        item = trim(item);
        if (!item.empty() && std::find(out.begin(), out.end(), item) == out.end()) out.push_back(item);
    }
    return out;
}

struct FieldInfo {
    std::string key;     // path in the file: "phone", "rfm.segment"
    std::string column;  // output column and import header: "segment"
    std::string parent;  // the mapping it sits in: "rfm", or "" at the top
    const Schema* schema = nullptr;
    bool required = false;
    std::string not_before, not_after;  // x-not-before, x-not-after and x-refers, looked up once: every read or check uses them
    std::string refers;
    std::string ext(const std::string& name) const {
        auto it = schema->ext.find("x-" + name);
        return it == schema->ext.end() ? "" : it->second;
    }
    bool input() const { return ext("input") == "true"; }
    bool personal() const { return ext("personal") == "true"; }
    // The rule for one value: the items' rule for lists.
    const ScalarRule& rule() const { return schema->items ? schema->items->rule : schema->rule; }
    bool is_list() const { return bool(schema->items); }
    bool plain() const { return written_plain(rule()); }
};

std::string render_scalar(const std::string& value, bool plain);

// Where one field lives in R. Each kind of member knows how to move its value
// between the struct and text, YAML and the cache.
template <class R>
class Slot {
public:
    explicit Slot(std::string key) : key_(std::move(key)) {}
    virtual ~Slot() = default;
    const std::string& key() const { return key_; }
    // The value as stored ("" when absent); lists comma-joined, events "".
    virtual std::string text(const R& r) const = 0;
    // The value as stored itself, when the record keeps it as a string (no
    // copy: a shard's sort keys); else null, and text() makes it.
    virtual const std::string* text_ref(const R&) const { return nullptr; }
    // text(r) appended to out.
    virtual void append_text(const R& r, std::string& out) const { out += text(r); }
    // The value as a column shows it (a false flag is "false").
    virtual std::string column(const R& r) const { return text(r); }
    // Sets the value from checked text ("" clears it).
    virtual void set(R& r, const std::string& value) const = 0;
    virtual void write(YamlWriter& w, const R& r, const FieldInfo& f) const {
        f.plain() ? w.plain(f.column, text(r)) : w.str(f.column, text(r));
    }
    // Reads a node the schema accepted.
    virtual void read(const YAML::Node& n, R& r) const { set(r, n.Scalar()); }
    virtual void pack(Packer& io, const R& r) const = 0;
    virtual void unpack(Unpacker& io, R& r) const = 0;
    // Clears the personal fields inside items (event notes); items is the items' schema.
    virtual void erase_items(R&, const Schema& items) const {}
    // The names of the item fields, for a history; empty for anything else.
    virtual std::vector<std::string> item_names() const { return {}; }
    // The values an enum member can hold, checked against the schema's enum; empty for anything else.
    virtual std::vector<std::string> enum_values() const { return {}; }
    // A history's event times ("at"), in the file's order; empty for anything else.
    virtual std::vector<std::string> event_times(const R&) const { return {}; }

private:
    std::string key_;
};

template <class R>
class TextSlot : public Slot<R> {
public:
    TextSlot(std::string key, std::string R::*m) : Slot<R>(std::move(key)), m_(m) {}
    std::string text(const R& r) const override { return r.*m_; }
    const std::string* text_ref(const R& r) const override { return &(r.*m_); }
    void append_text(const R& r, std::string& out) const override { out += r.*m_; }
    void set(R& r, const std::string& v) const override { r.*m_ = v; }
    void pack(Packer& io, const R& r) const override { io(r.*m_); }
    void unpack(Unpacker& io, R& r) const override { io(r.*m_); }

private:
    std::string R::*m_;
};

// An integer; `none` is the value that means absent (written as no line).
template <class R>
class IntSlot : public Slot<R> {
public:
    IntSlot(std::string key, int R::*m, int none) : Slot<R>(std::move(key)), m_(m), none_(none) {}
    std::string text(const R& r) const override { return r.*m_ == none_ ? "" : std::to_string(r.*m_); }
    void set(R& r, const std::string& v) const override { r.*m_ = v.empty() ? none_ : std::stoi(v); }
    void pack(Packer& io, const R& r) const override { io(r.*m_); }
    void unpack(Unpacker& io, R& r) const override { io(r.*m_); }

private:
    int R::*m_;
    int none_;
};

// An enum of lib/enums.h, written as its name.
template <class R, class E>
class EnumSlot : public Slot<R> {
public:
    EnumSlot(std::string key, E R::*m) : Slot<R>(std::move(key)), m_(m) {}
    std::string text(const R& r) const override { return name_of(r.*m_); }
    void set(R& r, const std::string& v) const override { r.*m_ = enum_named<E>(v).value_or(E{}); }
    std::vector<std::string> enum_values() const override { return enum_names<E>(); }
    void pack(Packer& io, const R& r) const override {
        int v = int(r.*m_);
        io(v);
    }
    void unpack(Unpacker& io, R& r) const override {
        int v = 0;
        io(v);
        r.*m_ = E(v);
    }

private:
    E R::*m_;
};

// A flag, written only when true.
template <class R>
class BoolSlot : public Slot<R> {
public:
    BoolSlot(std::string key, bool R::*m) : Slot<R>(std::move(key)), m_(m) {}
    std::string text(const R& r) const override { return r.*m_ ? "true" : ""; }
    std::string column(const R& r) const override { return r.*m_ ? "true" : "false"; }
    void set(R& r, const std::string& v) const override { r.*m_ = v == "true"; }
    void pack(Packer& io, const R& r) const override { io(r.*m_); }
    void unpack(Unpacker& io, R& r) const override { io(r.*m_); }

private:
    bool R::*m_;
};

// A list of strings, written as a flow list; set from "a, b" (duplicates dropped).
template <class R>
class ListSlot : public Slot<R> {
public:
    ListSlot(std::string key, std::vector<std::string> R::*m) : Slot<R>(std::move(key)), m_(m) {}
    std::string text(const R& r) const override { return join(r.*m_, ","); }
    void set(R& r, const std::string& v) const override { r.*m_ = list_items(v); }
    void write(YamlWriter& w, const R& r, const FieldInfo& f) const override { w.flow_list(f.column, r.*m_); }
    void read(const YAML::Node& n, R& r) const override {
        for (const auto& item : n) (r.*m_).push_back(item.Scalar());
    }
    void pack(Packer& io, const R& r) const override { io.list(const_cast<std::vector<std::string>&>(r.*m_)); }
    void unpack(Unpacker& io, R& r) const override { io.list(r.*m_); }

private:
    std::vector<std::string> R::*m_;
};

// A history: a list of events of type E, each a flow map of string members,
// one per line. The item fields are bound by name like the record's.
template <class R, class E>
class EventsSlot : public Slot<R> {
public:
    using Member = std::pair<std::string, std::string E::*>;
    EventsSlot(std::string key, std::vector<E> R::*m, std::vector<Member> fields)
        : Slot<R>(std::move(key)), m_(m), fields_(std::move(fields)) {}
    std::vector<std::string> item_names() const override {
        std::vector<std::string> out;
        for (const auto& f : fields_) out.push_back(f.first);
        return out;
    }
    std::string text(const R&) const override { return ""; }
    void set(R&, const std::string&) const override { throw std::logic_error(this->key() + " is not set from text"); }
    std::vector<std::string> event_times(const R& r) const override {
        std::vector<std::string> out;
        for (const auto& [name, member] : fields_)
            if (name == "at")
                for (const E& e : r.*m_) out.push_back(e.*member);
        return out;
    }
    void write(YamlWriter& w, const R& r, const FieldInfo& f) const override {
        std::vector<std::vector<std::pair<std::string, std::string>>> items;
        for (const E& e : r.*m_) {
            auto& item = items.emplace_back();
            for (const auto& [name, member] : fields_) {
                const Schema& sub = f.schema->items->properties.at(name);
                const std::string& v = e.*member;
                const bool keep = sub.ext.count("x-keep-empty");
                item.push_back({name, v.empty() && !keep ? "" : render_scalar(v, written_plain(sub.rule))});
            }
        }
        w.flow_items(f.column, items);
    }
    void read(const YAML::Node& n, R& r) const override {
        for (const auto& item : n) {
            E& e = (r.*m_).emplace_back();
            for (const auto& kv : item)
                for (const auto& [name, member] : fields_)
                    if (kv.first.Scalar() == name && kv.second.IsScalar()) e.*member = kv.second.Scalar();
        }
    }
    void pack(Packer& io, const R& r) const override { visit_items(io, const_cast<R&>(r)); }
    void unpack(Unpacker& io, R& r) const override { visit_items(io, r); }
    void erase_items(R& r, const Schema& items) const override {
        for (E& e : r.*m_)
            for (const auto& [name, member] : fields_)
                if (items.properties.at(name).ext.count("x-personal")) (e.*member).clear();
    }

private:
    template <class Io>
    void visit_items(Io& io, R& r) const {
        io.list(r.*m_, [&](E& e) {
            for (const auto& f : fields_) io(e.*f.second);
        });
    }
    std::vector<E> R::*m_;
    std::vector<Member> fields_;
};

template <class R>
using Slots = std::vector<std::unique_ptr<Slot<R>>>;

template <class R>
std::unique_ptr<Slot<R>> text_slot(std::string key, std::string R::*m) {
    return std::make_unique<TextSlot<R>>(std::move(key), m);
}
template <class R>
std::unique_ptr<Slot<R>> int_slot(std::string key, int R::*m, int none = INT_MIN) {
    return std::make_unique<IntSlot<R>>(std::move(key), m, none);
}
template <class R>
std::unique_ptr<Slot<R>> flag_slot(std::string key, bool R::*m) {
    return std::make_unique<BoolSlot<R>>(std::move(key), m);
}
template <class R>
std::unique_ptr<Slot<R>> list_slot(std::string key, std::vector<std::string> R::*m) {
    return std::make_unique<ListSlot<R>>(std::move(key), m);
}
template <class R, class E>
std::unique_ptr<Slot<R>> enum_slot(std::string key, E R::*m) {
    return std::make_unique<EnumSlot<R, E>>(std::move(key), m);
}
template <class R, class E>
std::unique_ptr<Slot<R>> events_slot(std::string key, std::vector<E> R::*m,
                                std::vector<std::pair<std::string, std::string E::*>> fields) {
    return std::make_unique<EventsSlot<R, E>>(std::move(key), m, std::move(fields));
}

// Throws std::logic_error naming what differs between a schema and its binding.
// bound_items: each slot's item names; bound_enums: each slot's enum values (empty: not an enum).
void check_binding(const std::string& kind, const Schema& schema, const std::vector<std::string>& bound_keys,
                   const std::vector<std::vector<std::string>>& bound_items,
                   const std::vector<std::vector<std::string>>& bound_enums);

template <class R>
struct RecordKind {
    std::string name;    // "customer": the schema's name and messages'
    std::string dir;     // "customers"
    char prefix;         // 'C' in C-<id>
    Slots<R> slots;      // in the file's key order
    std::vector<FieldInfo> fields;  // slots[i]'s declaration
    std::string shard_by;  // kept in DIR/YYYY/MM.yaml by this field's month (lib/shard_io.h); "" = a file each

    RecordKind(std::string name_, std::string dir_, char prefix_, Slots<R> slots_, std::string shard_by_ = "")
        : name(std::move(name_)), dir(std::move(dir_)), prefix(prefix_), slots(std::move(slots_)),
          shard_by(std::move(shard_by_)) {
        const Schema& schema = schema_for(name);
        std::vector<std::string> keys;
        std::vector<std::vector<std::string>> items, enums;
        for (const auto& s : slots) {
            keys.push_back(s->key());
            items.push_back(s->item_names());
            enums.push_back(s->enum_values());
        }
        check_binding(name, schema, keys, items, enums);
        for (const auto& key : keys) fields.push_back(field_info(schema, key));
    }
    std::string path(const std::string& id) const { return dir + "/" + id + ".yaml"; }
    // The position of the field shown as column ("segment"), or -1.
    int index(const std::string& column) const {
        for (size_t i = 0; i < fields.size(); ++i)
            if (fields[i].column == column) return int(i);
        return -1;
    }
    // The declaration of a field the code names ("tags"); a name not declared is a
    // programming error, which the binding check would have caught first.
    const FieldInfo& field(const std::string& column) const {
        const int i = index(column);
        if (i < 0) throw std::logic_error(name + ": no field " + column);
        return fields[size_t(i)];
    }
    // The position of the slot at key ("rfm.segment"), or -1.
    int slot_at(const std::string& key) const {
        for (size_t i = 0; i < slots.size(); ++i)
            if (slots[i]->key() == key) return int(i);
        return -1;
    }
    bool is_parent(const std::string& key) const {
        if (key.empty()) return false;
        for (const auto& f : fields)
            if (f.parent == key) return true;
        return false;
    }

private:
    static FieldInfo field_info(const Schema& schema, const std::string& key) {
        FieldInfo f;
        f.key = key;
        const size_t dot = key.find('.');
        f.column = dot == std::string::npos ? key : key.substr(dot + 1);
        f.parent = dot == std::string::npos ? "" : key.substr(0, dot);
        const Schema& parent = dot == std::string::npos ? schema : schema.properties.at(key.substr(0, dot));
        f.schema = &parent.properties.at(f.column);
        f.required = std::find(parent.required.begin(), parent.required.end(), f.column) != parent.required.end();
        f.not_before = f.ext("not-before");
        f.not_after = f.ext("not-after");
        f.refers = f.ext("refers");
        return f;
    }
};

}  // namespace crm
