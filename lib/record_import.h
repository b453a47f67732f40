// `import FILE` for any one-file-per-record kind: each CSV row names its record
// by id (which must exist) or ref (an unknown ref makes a new record), sets the
// input fields its cells give (an empty cell leaves a field as it is), and is
// checked by the fields' own rules; then the records that changed are saved.
#pragma once
#include <map>
#include <set>
#include <string>
#include <unordered_map>
#include <vector>

#include "import.h"
#include "record_io.h"
#include "unique.h"

namespace crm {

struct ImportCounts {
    int created = 0, updated = 0, unchanged = 0;
    std::vector<std::string> ids;  // created or changed, in row order
};

// The columns an import of R reads: id and the input fields.
template <Record R>
std::vector<std::string> import_columns() {
    std::vector<std::string> cols = input_fields<R>();
    cols.insert(cols.begin(), "id");
    return cols;
}

// Saves each (before, after) that differs, minting IDs for new records.
template <Record R>
ImportCounts save_imported(Writer& writer, const Store& store, std::vector<std::pair<R, R>>& changes) {
    ImportCounts out;
    std::set<std::string> minted;
    const std::string now = format_time(writer.now(), store.config().zone);
    for (auto& [before, after] : changes) {
        const std::vector<std::string> fields = changed_fields(before.id.empty() ? R() : before, after);
        if (!before.id.empty() && fields.empty()) {
            ++out.unchanged;
            continue;
        }
        if (before.id.empty()) {
            after.id = mint_id<R>(store, writer.now(), &minted);
            after.created = now;
            ++out.created;
        } else {
            ++out.updated;
        }
        after.updated = now;
        save_record(writer, after);
        writer.audit(after.id, fields);
        out.ids.push_back(after.id);
    }
    return out;
}

// A value held once (ref, a customer's phone) must stay so: each changed
// record against the store and the earlier rows, refused with the row's line
// (--skip-bad cannot tell which of two rows is the one to keep).
template <Record R>
void refuse_taken_rows(const std::vector<R>& stored, const std::vector<std::pair<R, R>>& changes,
                       const std::vector<int>& lines, const std::string& file) {
    std::vector<Written<R>> written;
    for (size_t i = 0; i < changes.size(); ++i) written.push_back({&changes[i].second, "line " + std::to_string(lines[i])});
    Problems taken;
    find_taken<R>(stored, written, [&](size_t i, const std::string& field, const std::string& why) {
        taken.add(file, lines[i], field, why);
    });
    taken.raise(kDataErr);
}

// A record's content key: its input fields' values. A row without id or ref
// is the stored record with the same key when there is one, so a file
// imported twice adds nothing the second time.
template <Record R>
std::string content_key(const R& r) {
    const auto& k = kind_of<R>();
    std::string key;
    for (size_t i = 0; i < k.fields.size(); ++i)
        if (k.fields[i].input()) key += k.slots[i]->text(r) + '\x1f';
    return key;
}

// Reads every row of src (validate_rows: all good, or --skip-bad) and saves
// the records that change through writer, stamped at now.
template <Record R>
ImportCounts import_records(Writer& writer, const Store& store, ImportSource& src, bool skip_bad) {
    const auto& k = kind_of<R>();
    std::vector<std::string> needed = {"id", "ref"};
    for (const auto& f : k.fields)
        if (f.input() && f.required) needed.push_back(f.column);
    bool any = false;
    for (const auto& c : needed) any = any || src.col(c) >= 0;
    if (!any)
        throw Failure(kDataErr, src.table.name + ":1: a " + k.name + " import needs one of the columns " + join(needed, ", "));

    const std::vector<R> records = load_records<R>(store);
    std::unordered_map<std::string, size_t> by_id, by_ref;
    for (size_t i = 0; i < records.size(); ++i) {
        by_id[records[i].id] = i;
        if (!records[i].ref.empty()) by_ref[records[i].ref] = i;
    }
    std::map<std::string, int> seen_ref;  // ref -> first line in this file
    std::unordered_map<std::string, size_t> by_content;  // built at the first row without id or ref
    auto stored_as = [&](const R& row_record) -> const R* {
        if (by_content.empty())
            for (size_t i = 0; i < records.size(); ++i) by_content.emplace(content_key(records[i]), i);
        auto it = by_content.find(content_key(row_record));
        return it == by_content.end() ? nullptr : &records[it->second];
    };
    std::vector<std::pair<R, R>> changes;  // (before, after); before.id empty = new
    std::vector<int> lines;                // each change's row
    validate_rows(src, skip_bad, [&](const CsvRow& row, Problems& p) {
        const std::string id = trim(src.get(row, "id")), ref = trim(src.get(row, "ref"));
        R before = new_record<R>();
        if (!id.empty()) {
            auto it = by_id.find(id);
            if (it == by_id.end()) return p.add(src.table.name, row.line, "id", quote_value(id) + ": no such " + k.name);
            before = records[it->second];
        } else if (!ref.empty()) {
            if (auto it = by_ref.find(ref); it != by_ref.end()) before = records[it->second];
            if (auto [pos, fresh] = seen_ref.emplace(ref, row.line); !fresh)
                p.add(src.table.name, row.line, "ref",
                      quote_value(ref) + " appears twice (also line " + std::to_string(pos->second) + ")");
        }
        R after = before;
        for (size_t c = 0; c < src.table.header.size(); ++c) {
            const std::string& field = src.table.header[c];
            if (field == "id" || row.fields[c].empty()) continue;
            if (std::string why = set_field(after, field, row.fields[c], store.config()); !why.empty())
                p.add(src.table.name, row.line, field, why);
        }
        for (size_t i = 0; i < k.fields.size() && p.empty(); ++i)
            if (k.fields[i].input() && k.fields[i].required && k.slots[i]->text(after).empty())
                p.add(src.table.name, row.line, k.fields[i].column, "is required for a new " + k.name);
        if (id.empty() && ref.empty() && p.empty())
            if (const R* same = stored_as(after)) before = after = *same;  // imported before: unchanged
        if (p.empty()) {
            changes.push_back({std::move(before), std::move(after)});
            lines.push_back(row.line);
        }
    });
    refuse_taken_rows(records, changes, lines, src.table.name);
    return save_imported(writer, store, changes);
}

}  // namespace crm
