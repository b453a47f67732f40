// Tabular output for list, show and report commands:
// table (CJK-aligned), csv (RFC 4180), tsv, json, jsonl, yaml.
#pragma once
#include <ostream>
#include <string>
#include <vector>

namespace crm {

enum class Kind { Text, Number, Bool };

struct Column {
    std::string name;
    Kind kind = Kind::Text;
};

struct Table {
    std::vector<Column> columns;
    std::vector<std::vector<std::string>> rows;
    // Adds a row; its cells follow columns' order.
    void add(std::vector<std::string> row) { rows.push_back(std::move(row)); }
    int index(const std::string& name) const;
};

struct OutputOptions {
    std::string format = "table";  // table|csv|tsv|json|jsonl|yaml
    std::string fields;            // "a,b,c"; empty = the command's defaults
    bool no_header = false;
    bool bom = false;
};

// Names of the columns whose value differs between two one-row tables of the
// same columns (a record before and after a change), leaving out those in ignore.
std::vector<std::string> changed_columns(const Table& before, const Table& after, const std::vector<std::string>& ignore);

// Keeps the columns named in fields (in that order), or defaults when fields is
// empty. Throws Failure(64) naming an unknown field and listing the valid ones.
Table select_fields(const Table& all, const std::string& fields, const std::vector<std::string>& defaults);

// Orders the rows by one column, "-name" for descending: numbers by value,
// text bytewise, empty cells last either way; rows that tie keep their order.
// Throws Failure(64) for an unknown column.
void sort_rows(Table& t, const std::string& spec);

// Throws Failure(64) for an unknown format.
void check_format(const std::string& format);

void render(const Table& table, const OutputOptions& options, std::ostream& out);

// Writes value as a JSON string literal.
std::string json_string(const std::string& value);

}  // namespace crm
