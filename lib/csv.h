// RFC 4180 CSV: quoted fields with commas, quotes and line breaks; CRLF or LF;
// a leading UTF-8 BOM is skipped. Rows remember the line they start on.
#pragma once
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace crm {

struct CsvRow {
    int line = 0;  // 1-based physical line where the record starts
    std::vector<std::string> fields;
};

// Bounds on what one import reads: a row of a million columns or a field of
// a gigabyte is an error naming its line, not a hang.
inline constexpr size_t kMaxCsvColumns = 1000;
inline constexpr size_t kMaxCsvFieldBytes = size_t(1) << 20;  // above every field's own limit

class CsvReader {
public:
    // name is used in messages ("orders.csv:12: ...").
    CsvReader(std::string text, std::string name, char sep = ',');
    // Next record; false at end. Throws Failure(65) on an unterminated quote
    // or a row beyond the bounds above.
    bool next(CsvRow& row);
    const std::string& name() const { return name_; }

private:
    std::string text_;
    std::string name_;
    char sep_;
    size_t pos_ = 0;
    int line_ = 1;
};

// A CSV file with a header row, addressed by column name.
struct CsvTable {
    std::string name;
    std::vector<std::string> header;
    std::vector<CsvRow> rows;
    int column(const std::string& col) const;  // -1 when absent
    // The value of col in row, "" when the column is absent or the row is short.
    std::string get(const CsvRow& row, int col) const;
};

// Reads the whole table; ragged rows are kept and reported by the importer.
CsvTable read_csv_table(std::string text, std::string name);
// The same a row at a time: the header (trimmed) into a table without rows,
// then each row that is not blank. Throws Failure(65) for a file without a header.
CsvTable read_csv_header(CsvReader& reader);
bool next_csv_row(CsvReader& reader, CsvRow& row);

// One field, quoted when it holds the separator, a quote, CR or LF
// (or leading/trailing space, which spreadsheets would trim).
std::string csv_field(std::string_view value, char sep = ',');

// Reads a file, or standard input for "-". Throws Failure(66) when missing.
std::string read_input(const std::string& path);

}  // namespace crm
