#include "output.h"

#include <algorithm>

#include "csv.h"
#include "error.h"
#include "text.h"
#include "yaml_write.h"

namespace crm {

int Table::index(const std::string& name) const {
    for (size_t i = 0; i < columns.size(); ++i)
        if (columns[i].name == name) return int(i);
    return -1;
}

std::vector<std::string> changed_columns(const Table& a, const Table& b, const std::vector<std::string>& ignore) {
    std::vector<std::string> out;
    for (size_t i = 0; i < a.columns.size(); ++i) {
        const std::string& name = a.columns[i].name;
        if (a.rows[0][i] != b.rows[0][i] && std::find(ignore.begin(), ignore.end(), name) == ignore.end())
            out.push_back(name);
    }
    return out;
}

static std::string valid_fields(const Table& t) {
    std::vector<std::string> valid;
    for (const auto& c : t.columns) valid.push_back(c.name);
    return join(valid, ",");
}

void sort_rows(Table& t, const std::string& spec) {
    const bool descending = !spec.empty() && spec[0] == '-';
    const std::string name = trim(descending ? spec.substr(1) : spec);
    const int i = t.index(name);
    if (i < 0) throw Failure(kUsage, "--sort: unknown field " + quote_value(name) + "; valid: " + valid_fields(t));
    const bool number = t.columns[size_t(i)].kind == Kind::Number;
    auto cell = [i](const std::vector<std::string>& row) -> const std::string& { return row[size_t(i)]; };
    std::stable_sort(t.rows.begin(), t.rows.end(), [&](const auto& a, const auto& b) {
        const std::string &x = cell(a), &y = cell(b);
        if (x.empty() || y.empty()) return !x.empty() && y.empty();  // empty cells last, either way
        if (number) {
            const double u = std::strtod(x.c_str(), nullptr), v = std::strtod(y.c_str(), nullptr);
            return descending ? v < u : u < v;
        }
        return descending ? y < x : x < y;
    });
}

Table select_fields(const Table& all, const std::string& fields, const std::vector<std::string>& defaults) {
    std::vector<std::string> names = defaults;
    if (!fields.empty()) names = split(fields, ',');
    if (names.empty()) for (const auto& c : all.columns) names.push_back(c.name);
    std::vector<int> picks;
    for (auto& n : names) {
        n = trim(n);
        int i = all.index(n);
        if (i < 0) throw Failure(kUsage, "--fields: unknown field " + quote_value(n) + "; valid: " + valid_fields(all));
        picks.push_back(i);
    }
    Table out;
    for (int i : picks) out.columns.push_back(all.columns[i]);
    for (const auto& row : all.rows) {
        std::vector<std::string> r;
        r.reserve(picks.size());
        for (int i : picks) r.push_back(size_t(i) < row.size() ? row[i] : "");
        out.rows.push_back(std::move(r));
    }
    return out;
}

void check_format(const std::string& f) {
    if (f != "table" && f != "csv" && f != "tsv" && f != "json" && f != "jsonl" && f != "yaml")
        throw Failure(kUsage, "--format: " + quote_value(f) + " is not one of table, csv, tsv, json, jsonl, yaml");
}

std::string json_string(const std::string& v) {
    std::string out = "\"";
    for (char ch : v) {
        auto c = static_cast<unsigned char>(ch);
        if (c == '"') out += "\\\"";
        else if (c == '\\') out += "\\\\";
        else if (c == '\n') out += "\\n";
        else if (c == '\r') out += "\\r";
        else if (c == '\t') out += "\\t";
        else if (c < 0x20) {
            char buf[8];
            std::snprintf(buf, sizeof buf, "\\u%04x", c);
            out += buf;
        } else out += ch;
    }
    return out + "\"";
}

static std::string json_value(const std::string& v, Kind kind) {
    if (v.empty()) return "null";
    if (kind == Kind::Number || kind == Kind::Bool) return v;
    return json_string(v);
}

static std::string json_object(const Table& t, const std::vector<std::string>& row) {
    std::string out = "{";
    for (size_t i = 0; i < t.columns.size(); ++i) {
        if (i) out += ",";
        out += json_string(t.columns[i].name) + ":" + json_value(row[i], t.columns[i].kind);
    }
    return out + "}";
}

static std::string tsv_field(const std::string& v) {
    std::string out;
    for (char c : v) {
        if (c == '\t') out += "\\t";
        else if (c == '\n') out += "\\n";
        else if (c == '\r') out += "\\r";
        else if (c == '\\') out += "\\\\";
        else out += c;
    }
    return out;
}

// Cells in a table stay on one line.
static std::string one_line(const std::string& v) {
    std::string out;
    for (char c : v) out += (c == '\n' || c == '\r' || c == '\t') ? ' ' : c;
    return out;
}

static void render_table(const Table& t, const OutputOptions& o, std::ostream& out) {
    const size_t n = t.columns.size();
    std::vector<int> width(n, 0);
    std::vector<std::vector<std::string>> cells;
    if (!o.no_header) {
        std::vector<std::string> header;
        for (const auto& c : t.columns) header.push_back(c.name);
        cells.push_back(header);
    }
    for (const auto& r : t.rows) {
        std::vector<std::string> line;
        for (const auto& v : r) line.push_back(one_line(v));
        cells.push_back(line);
    }
    for (const auto& r : cells)
        for (size_t i = 0; i < n; ++i) width[i] = std::max(width[i], display_width(r[i]));
    for (const auto& r : cells) {
        std::string line;
        for (size_t i = 0; i < n; ++i) {
            int pad = width[i] - display_width(r[i]);
            bool right = t.columns[i].kind == Kind::Number;
            if (right) line += std::string(size_t(pad), ' ') + r[i];
            else line += r[i] + (i + 1 < n ? std::string(size_t(pad), ' ') : "");
            if (i + 1 < n) line += "  ";
        }
        while (!line.empty() && line.back() == ' ') line.pop_back();
        out << line << '\n';
    }
}

void render(const Table& t, const OutputOptions& o, std::ostream& out) {
    check_format(o.format);
    if (o.format == "table") {
        render_table(t, o, out);
    } else if (o.format == "csv" || o.format == "tsv") {
        const bool csv = o.format == "csv";
        if (o.bom && csv) out << "\xEF\xBB\xBF";
        auto line = [&](const std::vector<std::string>& r) {
            std::string s;
            for (size_t i = 0; i < r.size(); ++i) {
                if (i) s += csv ? ',' : '\t';
                s += csv ? csv_field(r[i]) : tsv_field(r[i]);
            }
            // RFC 4180 ends records with CRLF; LF is what Unix tools expect and
            // every spreadsheet accepts, so LF it is (see crm(1)).
            out << s << '\n';
        };
        if (!o.no_header) {
            std::vector<std::string> header;
            for (const auto& c : t.columns) header.push_back(c.name);
            line(header);
        }
        for (const auto& r : t.rows) line(r);
    } else if (o.format == "json") {
        out << "[";
        for (size_t i = 0; i < t.rows.size(); ++i) out << (i ? ",\n " : "\n ") << json_object(t, t.rows[i]);
        out << (t.rows.empty() ? "]\n" : "\n]\n");
    } else if (o.format == "jsonl") {
        for (const auto& r : t.rows) out << json_object(t, r) << '\n';
    } else {  // yaml: a sequence of mappings
        if (t.rows.empty()) out << "[]\n";
        for (const auto& r : t.rows) {
            bool first = true;
            for (size_t i = 0; i < t.columns.size(); ++i) {
                if (r[i].empty()) continue;
                out << (first ? "- " : "  ") << yaml_string(t.columns[i].name) << ": "
                    << (t.columns[i].kind == Kind::Text ? yaml_string(r[i]) : yaml_plain(r[i])) << '\n';
                first = false;
            }
            if (first) out << "- {}\n";
        }
    }
}

}  // namespace crm
