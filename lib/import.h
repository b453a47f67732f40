// The shared shape of every `import FILE|-`: read a CSV with a header, check
// the columns, validate every row, then either fail listing all bad rows
// (exit 65, nothing written) or, with --skip-bad, go on with the good ones.
#pragma once
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "csv.h"
#include "error.h"
#include "store.h"

namespace crm {

// The header is read by open_import; the rows stream through validate_rows, so
// a million-row file is never held as rows.
struct ImportSource {
    CsvTable table;  // name and header; no rows
    std::optional<CsvReader> reader;
    // header name -> column index, after --map FIELD=COLUMN renames.
    int col(const std::string& field) const { return table.column(field); }
    std::string get(const CsvRow& row, const std::string& field) const { return table.get(row, col(field)); }
};

// Reads path ("-" = stdin) and checks that every header is in known (an empty
// known takes any column) and every name in required is present. Throws Failure(65) otherwise.
// The store's read lock is let go while it reads: stdin may wait on a pipe or a terminal.
ImportSource open_import(const Store& store, const std::string& path, const std::vector<std::string>& known,
                         const std::vector<std::string>& required);

// Runs check on every row, once; rows that add problems are bad (the caller
// keeps what it needs of the good ones). Without skip_bad any bad row throws
// Failure(65) listing all of them; with it, bad rows are printed to stderr as
// "file:line: ..." and left out. Returns the number of good rows.
size_t validate_rows(ImportSource& src, bool skip_bad, const std::function<void(const CsvRow&, Problems&)>& check);

}  // namespace crm
