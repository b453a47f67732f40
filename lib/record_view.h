// A kind's rows for list, show and export, from its declaration: every
// declared field (histories aside) is a column, in the schema's order, its
// kind (text, number, flag) from the field's type; a view adds only what it
// computes (a ticket's SLA states, a lead's follow-up due time), each column
// after the one it names. So a field added to a schema is a --fields column
// without an edit here.
#pragma once
#include <algorithm>
#include <functional>
#include <string>
#include <vector>

#include "output.h"
#include "record_io.h"

namespace crm {

template <class R>
struct Computed {
    std::string name;
    Kind kind = Kind::Text;
    std::string after;  // the column it follows: a declared field or another computed one
    std::function<std::string(const R& r, size_t row)> value;
};

inline Kind column_kind(const FieldInfo& f) {
    const auto& types = f.rule().types;
    auto has = [&](const char* t) { return std::find(types.begin(), types.end(), t) != types.end(); };
    if (f.is_list() || has("string")) return Kind::Text;
    if (has("integer") || has("number")) return Kind::Number;
    return has("boolean") ? Kind::Bool : Kind::Text;
}

template <Record R>
Table declared_table(const std::vector<R>& records, const std::vector<Computed<R>>& computed = {}) {
    const auto& k = kind_of<R>();
    Table t;
    std::vector<std::function<std::string(const R&, size_t)>> cells;
    std::function<void(const std::string&)> add_after = [&](const std::string& column) {
        for (const auto& c : computed)
            if (c.after == column) {
                t.columns.push_back({c.name, c.kind});
                cells.push_back(c.value);
                add_after(c.name);
            }
    };
    for (size_t i = 0; i < k.slots.size(); ++i) {
        if (!k.slots[i]->item_names().empty()) continue;  // a history is shown by show, not as a column
        const FieldInfo& f = k.fields[i];
        const Slot<R>* slot = k.slots[i].get();
        // A number's declared default stands for its absence (a ticket's level 0).
        const std::string absent = column_kind(f) == Kind::Number ? f.schema->default_value : "";
        t.columns.push_back({f.column, column_kind(f)});
        cells.push_back([slot, absent](const R& r, size_t) {
            std::string v = slot->column(r);
            return v.empty() ? absent : v;
        });
        add_after(f.column);
    }
    t.rows.reserve(records.size());
    for (size_t row = 0; row < records.size(); ++row) {
        std::vector<std::string> cells_of_row;
        cells_of_row.reserve(cells.size());
        for (const auto& cell : cells) cells_of_row.push_back(cell(records[row], row));
        t.rows.push_back(std::move(cells_of_row));
    }
    return t;
}

}  // namespace crm
