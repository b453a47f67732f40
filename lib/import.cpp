#include "import.h"

#include <algorithm>
#include <iostream>

#include "text.h"

namespace crm {

ImportSource open_import(const Store& store, const std::string& path, const std::vector<std::string>& known,
                         const std::vector<std::string>& required) {
    std::string shown = path == "-" ? "<stdin>" : path;
    std::string text = store.read_input(path);
    if (!valid_utf8(text)) throw Failure(kDataErr, shown + ": not UTF-8 text (save the CSV as UTF-8)");
    ImportSource src;
    src.reader.emplace(std::move(text), shown);
    src.table = read_csv_header(*src.reader);
    Problems problems;
    for (const auto& h : src.table.header)
        if (std::any_of(h.begin(), h.end(), [](char c) { return static_cast<unsigned char>(c) < 0x20; }))
            problems.add(shown, 1, "", "column " + quote_value(h) + " holds a control character");
        else if (!known.empty() && std::find(known.begin(), known.end(), h) == known.end())
            problems.add(shown, 1, h, "unknown column; known columns: " + join(known, ","));
    for (const auto& r : required)
        if (src.col(r) < 0) problems.add(shown, 1, r, "required column is missing");
    for (size_t i = 0; i < src.table.header.size(); ++i)
        for (size_t j = 0; j < i; ++j)
            if (src.table.header[i] == src.table.header[j])
                problems.add(shown, 1, src.table.header[i], "column appears twice");
    problems.raise(kDataErr);
    return src;
}

static void warn_formulas(const ImportSource& src, const CsvRow& row, size_t& warned) {
    for (size_t c = 0; c < row.fields.size(); ++c)
        if (formula_like(row.fields[c]) && warned++ < 10)
            std::cerr << located(src.table.name, row.line, src.table.header[c],
                                 quote_value(row.fields[c]) + " starts like a spreadsheet formula; imported as text")
                      << '\n';
}

size_t validate_rows(ImportSource& src, bool skip_bad, const std::function<void(const CsvRow&, Problems&)>& check) {
    size_t warned = 0;
    size_t good = 0;
    Problems bad;
    size_t bad_rows = 0;
    const size_t width = src.table.header.size();
    for (CsvRow row; next_csv_row(*src.reader, row);) {
        Problems p;
        if (row.fields.size() != width)
            p.add(src.table.name, row.line, "",
                  "has " + std::to_string(row.fields.size()) + " fields, the header has " + std::to_string(width));
        else
            check(row, p);
        if (p.empty()) {
            ++good;
            warn_formulas(src, row, warned);
        } else {
            bad.append(p);
            ++bad_rows;
        }
    }
    if (!bad.empty() && !skip_bad) {
        bad.add(std::to_string(bad_rows) + " bad row(s); nothing imported (use --skip-bad to import the good rows)");
        bad.raise(kDataErr);
    }
    for (const auto& line : bad.list()) std::cerr << line << '\n';
    if (warned > 10) std::cerr << src.table.name << ": " << warned << " cells start like a spreadsheet formula\n";
    return good;
}

}  // namespace crm
