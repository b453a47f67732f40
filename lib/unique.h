// Values a kind holds once (its x-unique fields: an external ref; a customer's
// phone and email, for two customers with one phone are one customer entered
// twice), checked at every door that writes the kind, so a write never makes
// a store that `crm check` refuses.
#pragma once
#include <algorithm>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "record_io.h"

namespace crm {

// A record about to be written, and how messages name it while it has no ID
// ("line 3" of an import).
template <class R>
struct Written {
    const R* record;
    std::string label;
};

// The fields of R whose values are one record's (x-unique).
template <Record R>
std::vector<size_t> unique_fields() {
    const auto& k = kind_of<R>();
    std::vector<size_t> out;
    for (size_t i = 0; i < k.fields.size(); ++i)
        if (k.fields[i].ext("unique") == "true") out.push_back(i);
    return out;
}

// Calls taken(i, field, message) for each written[i] holding a value that a
// stored record (other than itself) or an earlier written one holds.
template <Record R, class Taken>
void find_taken(const std::vector<R>& stored, const std::vector<Written<R>>& written, Taken taken) {
    const auto& k = kind_of<R>();
    const std::vector<size_t> fields = unique_fields<R>();
    if (fields.empty()) return;
    std::unordered_set<std::string> rewritten;
    for (const auto& w : written)
        if (!w.record->id.empty()) rewritten.insert(w.record->id);
    std::unordered_map<std::string, std::string> holder;  // "field\tvalue" -> who holds it
    for (const R& r : stored) {
        if (rewritten.count(r.id)) continue;
        for (size_t f : fields)
            if (std::string v = k.slots[f]->text(r); !v.empty()) holder.emplace(k.fields[f].column + "\t" + v, k.name + " " + r.id);
    }
    for (size_t i = 0; i < written.size(); ++i) {
        const R& r = *written[i].record;
        const std::string me = r.id.empty() ? written[i].label : k.name + " " + r.id;
        for (size_t f : fields) {
            const std::string v = k.slots[f]->text(r);
            if (v.empty()) continue;
            auto [it, fresh] = holder.emplace(k.fields[f].column + "\t" + v, me);
            if (!fresh && it->second != me)  // a masked field's value is left out: the reader may not see it
                taken(i, k.fields[f].column,
                      (k.fields[f].ext("mask").empty() ? quote_value(v) : "this value") + " is already " + it->second + "'s");
        }
    }
}

// For one record written by add, or by set (before: as it was): throws
// Failure(65) naming the flag. Reads the kind's records only when r holds
// such a value, new or changed.
template <Record R>
void require_unique(const Store& store, const R& r, const R* before = nullptr) {
    const auto& k = kind_of<R>();
    bool any = false;
    for (size_t f : unique_fields<R>())
        any = any || (!k.slots[f]->text(r).empty() && (!before || k.slots[f]->text(*before) != k.slots[f]->text(r)));
    if (!any) return;
    Problems problems;
    find_taken<R>(load_records<R>(store), {{&r, "the new " + k.name}},
                  [&](size_t, std::string field, const std::string& why) {
                      std::replace(field.begin(), field.end(), '_', '-');
                      problems.add("--" + field + ": " + why);
                  });
    problems.raise(kDataErr);
}

}  // namespace crm
