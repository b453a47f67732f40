#include "csv.h"

#include <filesystem>
#include <fstream>
#include <iostream>
#include <iterator>
#include <sstream>

#include "error.h"

namespace crm {

CsvReader::CsvReader(std::string text, std::string name, char sep)
    : text_(std::move(text)), name_(std::move(name)), sep_(sep) {
    if (text_.compare(0, 3, "\xEF\xBB\xBF") == 0) pos_ = 3;
}

bool CsvReader::next(CsvRow& row) {
    row.fields.clear();
    if (pos_ >= text_.size()) return false;
    row.line = line_;
    std::string field;
    const size_t n = text_.size();
    for (;;) {
        field.clear();
        if (pos_ < n && text_[pos_] == '"') {
            int start_line = line_;
            ++pos_;
            for (;;) {
                if (pos_ >= n) throw Failure(kDataErr, located(name_, start_line, "", "unterminated quoted field"));
                char c = text_[pos_++];
                if (c == '"') {
                    if (pos_ < n && text_[pos_] == '"') { field += '"'; ++pos_; }
                    else break;
                } else {
                    if (c == '\n') ++line_;
                    field += c;
                }
            }
            // Text after the closing quote is kept as is, as spreadsheets do.
            while (pos_ < n && text_[pos_] != sep_ && text_[pos_] != '\n' && text_[pos_] != '\r')
                field += text_[pos_++];
        } else {
            while (pos_ < n && text_[pos_] != sep_ && text_[pos_] != '\n' && text_[pos_] != '\r')
                field += text_[pos_++];
        }
        if (field.size() > kMaxCsvFieldBytes)
            throw Failure(kDataErr, located(name_, row.line, "column " + std::to_string(row.fields.size() + 1),
                                            "a field of " + std::to_string(field.size()) + " bytes, more than " +
                                                std::to_string(kMaxCsvFieldBytes) + " (crm's limit)"));
        row.fields.push_back(field);
        if (row.fields.size() > kMaxCsvColumns)
            throw Failure(kDataErr, located(name_, row.line, "", "more than " + std::to_string(kMaxCsvColumns) +
                                                                     " columns in one row (crm's limit)"));
        if (pos_ < n && text_[pos_] == sep_) { ++pos_; continue; }
        if (pos_ < n && text_[pos_] == '\r') ++pos_;
        if (pos_ < n && text_[pos_] == '\n') ++pos_;
        ++line_;
        return true;
    }
}

int CsvTable::column(const std::string& col) const {
    for (size_t i = 0; i < header.size(); ++i)
        if (header[i] == col) return int(i);
    return -1;
}

std::string CsvTable::get(const CsvRow& row, int col) const {
    if (col < 0 || size_t(col) >= row.fields.size()) return "";
    return row.fields[col];
}

CsvTable read_csv_header(CsvReader& reader) {
    CsvTable table;
    table.name = reader.name();
    CsvRow row;
    if (!reader.next(row)) throw Failure(kDataErr, located(table.name, 1, "", "empty file: a header row is needed"));
    for (auto& h : row.fields) {
        std::string t = h;
        while (!t.empty() && (t.back() == ' ')) t.pop_back();
        while (!t.empty() && t.front() == ' ') t.erase(0, 1);
        table.header.push_back(t);
    }
    return table;
}

bool next_csv_row(CsvReader& reader, CsvRow& row) {
    while (reader.next(row))
        if (!(row.fields.size() == 1 && row.fields[0].empty())) return true;  // blank lines are skipped
    return false;
}

CsvTable read_csv_table(std::string text, std::string name) {
    CsvReader reader(std::move(text), std::move(name));
    CsvTable table = read_csv_header(reader);
    for (CsvRow row; next_csv_row(reader, row);) table.rows.push_back(row);
    return table;
}

std::string csv_field(std::string_view v, char sep) {
    bool quote = !v.empty() && (v.front() == ' ' || v.back() == ' ');
    for (char c : v)
        if (c == sep || c == '"' || c == '\n' || c == '\r') quote = true;
    if (!quote) return std::string(v);
    std::string out = "\"";
    for (char c : v) {
        if (c == '"') out += '"';
        out += c;
    }
    return out + "\"";
}

std::string read_input(const std::string& path) {
    if (path == "-") {
        std::ostringstream ss;
        ss << std::cin.rdbuf();
        return ss.str();
    }
    std::error_code ec;
    if (std::filesystem::is_directory(path, ec)) throw Failure(kNoInput, path + ": is a directory, not a file");
    std::ifstream in(path, std::ios::binary);
    if (!in) throw Failure(kNoInput, path + ": cannot open: no such file or not readable");
    return std::string(std::istreambuf_iterator<char>(in), {});
}

}  // namespace crm
