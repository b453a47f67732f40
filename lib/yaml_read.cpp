#include "yaml_read.h"

#include <fstream>
#include <iterator>

#include "error.h"
#include "text.h"

namespace crm {

static int line_of_offset(const std::string& text, size_t offset) {
    int line = 1;
    for (size_t i = 0; i < offset && i < text.size(); ++i)
        if (text[i] == '\n') ++line;
    return line;
}

YAML::Node parse_yaml(const std::string& text, const std::string& file, int code) {
    if (!valid_utf8(text)) {
        size_t bad = 0;
        // Find the first offending line for the message.
        for (size_t start = 0; start < text.size();) {
            size_t end = text.find('\n', start);
            if (end == std::string::npos) end = text.size();
            if (!valid_utf8(std::string_view(text).substr(start, end - start))) { bad = start; break; }
            start = end + 1;
        }
        throw Failure(code, located(file, line_of_offset(text, bad), "", "invalid UTF-8"));
    }
    if (text.find('\0') != std::string::npos)
        throw Failure(code, located(file, line_of_offset(text, text.find('\0')), "", "binary data (NUL byte)"));
    try {
        return YAML::Load(text);
    } catch (const YAML::Exception& e) {
        throw Failure(code, located(file, e.mark.line >= 0 ? e.mark.line + 1 : 0, "", "YAML syntax: " + e.msg));
    }
}

std::string read_file(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) throw Failure(kNoInput, path + ": cannot open");
    return std::string(std::istreambuf_iterator<char>(in), {});
}

YAML::Node load_yaml_file(const std::string& path, const std::string& shown, int code) {
    return parse_yaml(read_file(path), shown, code);
}

bool read_simple_scalar(std::string_view text, size_t& i, std::string_view end, std::string& value, bool& quoted) {
    value.clear();
    quoted = i < text.size() && text[i] == '"';
    if (quoted) {
        for (++i;;) {
            if (i >= text.size()) return false;
            char c = text[i++];
            if (c == '"') return true;
            if (static_cast<unsigned char>(c) < 0x20) return false;
            if (c != '\\') { value += c; continue; }
            if (i >= text.size()) return false;
            switch (text[i++]) {
                case 'n': value += '\n'; break;
                case 't': value += '\t'; break;
                case 'r': value += '\r'; break;
                case '"': value += '"'; break;
                case '\\': value += '\\'; break;
                default: return false;  // \x, \u and friends: leave to yaml-cpp
            }
        }
    }
    size_t stop = end.empty() ? text.size() : text.find(end, i);
    if (stop == std::string_view::npos) stop = text.size();
    std::string_view plain = text.substr(i, stop - i);
    if (plain.empty() || plain.back() == ' ' || plain.back() == ':') return false;
    static const std::string_view bad_first = "-?:,[]{}#&*!|>'\"%@`~ ";
    if (bad_first.find(plain.front()) != std::string_view::npos) return false;
    if (plain.find(": ") != std::string_view::npos || plain.find(" #") != std::string_view::npos) return false;
    for (char c : plain) {
        if (static_cast<unsigned char>(c) < 0x20 || c == 0x7F) return false;
        if (!end.empty() && (c == ',' || c == '[' || c == ']' || c == '{' || c == '}')) return false;
    }
    if (plain == "null" || plain == "Null" || plain == "NULL") return false;
    value.assign(plain);
    i = stop;
    return true;
}

int line_of(const YAML::Node& n) {
    if (!n) return 0;
    int line = n.Mark().line;
    return line >= 0 ? line + 1 : 0;
}

}  // namespace crm
