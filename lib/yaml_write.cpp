#include "yaml_write.h"

#include <cctype>

namespace crm {

// A character other YAML readers take for a line break (U+0085, U+2028,
// U+2029) or refuse unescaped (the other C1 controls, U+FEFF, U+FFFE/F), at
// the UTF-8 sequence starting at s[i]: its code point, else 0.
static unsigned escaped_code_point(std::string_view s, size_t i) {
    auto b = [&](size_t k) { return i + k < s.size() ? static_cast<unsigned char>(s[i + k]) : 0u; };
    if (b(0) == 0xC2 && b(1) >= 0x80 && b(1) <= 0x9F) return b(1);
    if (b(0) == 0xE2 && b(1) == 0x80 && (b(2) == 0xA8 || b(2) == 0xA9)) return 0x2000 | (b(2) - 0x80);
    if (b(0) == 0xEF && b(1) == 0xBB && b(2) == 0xBF) return 0xFEFF;
    if (b(0) == 0xEF && b(1) == 0xBF && (b(2) == 0xBE || b(2) == 0xBF)) return 0xFFC0 | (b(2) & 0x3F);
    return 0;
}

static bool hex_integer(std::string_view s) {  // YAML 1.1 and 1.2 read 0x1F as 31
    if (!s.empty() && (s[0] == '+' || s[0] == '-')) s.remove_prefix(1);
    if (s.size() < 3 || s[0] != '0' || (s[1] != 'x' && s[1] != 'X')) return false;
    for (char c : s.substr(2))
        if (!std::isxdigit(static_cast<unsigned char>(c)) && c != '_') return false;
    return true;
}

static bool resolves_to_non_string(std::string_view s) {
    if (hex_integer(s)) return true;
    static constexpr std::string_view words[] = {"null", "Null", "NULL", "~", "true", "True", "TRUE", "false", "False", "FALSE",
                                  "yes", "Yes", "YES", "no", "No", "NO", "on", "On", "ON", "off", "Off", "OFF",
                                  "y", "Y", "n", "N", ".nan", ".NaN", ".inf", ".Inf", "-.inf", "+.inf"};
    if (s.size() <= 5)  // the longest word: longer strings need no search
        for (std::string_view w : words)
            if (s == w) return true;
    // Anything made of number-ish characters with a digit might be an int,
    // float, sexagesimal or timestamp to some YAML reader: quote it.
    bool digit = false;
    for (char c : s) {
        if (c >= '0' && c <= '9') digit = true;
        else if (!(c == '+' || c == '-' || c == '.' || c == '_' || c == ':' || c == 'e' || c == 'E' || c == 'x' ||
                   c == 'o' || c == 'b' || c == 'T' || c == 't' || c == 'Z' || c == ' '))
            return false;
    }
    return digit;
}

static bool plain_safe(std::string_view s) {
    if (s.empty()) return false;
    if (s.front() == ' ' || s.back() == ' ' || s.back() == ':') return false;
    static const std::string_view bad_first = "-?:,[]{}#&*!|>'\"%@`";
    if (bad_first.find(s.front()) != std::string_view::npos) return false;
    for (size_t i = 0; i < s.size(); ++i) {
        auto c = static_cast<unsigned char>(s[i]);
        if (c < 0x20 || c == 0x7F) return false;
        if (c == ':' && i + 1 < s.size() && s[i + 1] == ' ') return false;
        if (c == '#' && i > 0 && s[i - 1] == ' ') return false;
        if (c == ',' || c == '[' || c == ']' || c == '{' || c == '}') return false;  // flow context safety
    }
    // U+FEFF and other invisible starts are rare; the byte check above covers controls.
    return true;
}

static void append_double_quoted(std::string& out, std::string_view s) {
    out += '"';
    for (size_t i = 0; i < s.size(); ++i) {
        const char ch = s[i];
        auto c = static_cast<unsigned char>(ch);
        if (const unsigned cp = c >= 0x80 ? escaped_code_point(s, i) : 0) {
            static const char* hex = "0123456789ABCDEF";
            out += "\\u";
            for (int shift = 12; shift >= 0; shift -= 4) out += hex[(cp >> shift) & 15];
            i += cp < 0x800 ? 1 : 2;
            continue;
        }
        switch (c) {
            case '"': out += "\\\""; break;
            case '\\': out += "\\\\"; break;
            case '\n': out += "\\n"; break;
            case '\t': out += "\\t"; break;
            case '\r': out += "\\r"; break;
            default:
                if (c < 0x20 || c == 0x7F) {
                    static const char* hex = "0123456789abcdef";
                    out += "\\x";
                    out += hex[c >> 4];
                    out += hex[c & 15];
                } else {
                    out += ch;
                }
        }
    }
    out += '"';
}

// Strings stay plain only with characters no YAML reader treats specially
// anywhere (yaml-cpp, for one, rejects '?' inside flow keys): letters, digits,
// UTF-8 beyond ASCII, and " _-./+@()".
static bool plain_string_chars(std::string_view s, std::string_view punctuation = " _-./+@()") {
    for (size_t i = 0; i < s.size(); ++i) {
        const char ch = s[i];
        auto c = static_cast<unsigned char>(ch);
        if (c >= 0x80 && escaped_code_point(s, i)) return false;
        bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c >= 0x80 ||
                  punctuation.find(ch) != std::string_view::npos;
        if (!ok) return false;
    }
    return true;
}

void append_yaml_string(std::string& out, std::string_view s) {
    if (plain_safe(s) && plain_string_chars(s) && !resolves_to_non_string(s)) out += s;
    else append_double_quoted(out, s);
}

std::string yaml_string(std::string_view s) {
    std::string out;
    append_yaml_string(out, s);
    return out;
}

// Typed scalars (numbers, dates, times, and unknown keys' plain values) keep the
// string characters plus ':' (times); anything else is quoted, so every reader,
// yaml-cpp's flow parser included, reads back what was written.
void append_yaml_plain(std::string& out, std::string_view s) {
    // A negative number: "-" before a digit starts no sequence entry.
    const bool negative = s.size() > 1 && s[0] == '-' && s[1] >= '0' && s[1] <= '9';
    if (plain_safe(negative ? s.substr(1) : s) && plain_string_chars(s, " _-./+@():")) out += s;
    else append_double_quoted(out, s);
}

std::string yaml_plain(std::string_view s) {
    std::string out;
    append_yaml_plain(out, s);
    return out;
}


void YamlWriter::key_line(std::string_view key) {
    out_.append(size_t(depth_) * 2, ' ');
    append_yaml_string(out_, key);
    out_ += ':';
}

void YamlWriter::str(std::string_view key, std::string_view value) {
    if (value.empty()) return;
    key_line(key);
    out_ += ' ';
    append_yaml_string(out_, value);
    out_ += '\n';
}

void YamlWriter::plain(std::string_view key, std::string_view value) {
    if (value.empty()) return;
    key_line(key);
    out_ += ' ';
    append_yaml_plain(out_, value);
    out_ += '\n';
}

void YamlWriter::flow_list(std::string_view key, const std::vector<std::string>& items) {
    if (items.empty()) return;
    key_line(key);
    out_ += " [";
    for (size_t i = 0; i < items.size(); ++i) out_ += (i ? ", " : "") + yaml_string(items[i]);
    out_ += "]\n";
}

void YamlWriter::flow_items(std::string_view key,
                            const std::vector<std::vector<std::pair<std::string, std::string>>>& items) {
    if (items.empty()) return;
    key_line(key);
    out_ += '\n';
    for (const auto& item : items) {
        out_.append(size_t(depth_ + 1) * 2, ' ');
        out_ += "- " + yaml_flow_map(item) + "\n";
    }
}

void YamlWriter::begin_map(std::string_view key) {
    key_line(key);
    out_ += '\n';
    ++depth_;
}

void YamlWriter::end_map() { --depth_; }

static std::string scalar_text(const YAML::Node& n) {
    // Quoted in the source ("!" tag) means the user wanted a string.
    return n.Tag() == "!" ? yaml_string(n.Scalar()) : yaml_plain(n.Scalar());
}

static bool all_scalars(const YAML::Node& seq) {
    for (const auto& item : seq)
        if (!item.IsScalar()) return false;
    return true;
}

void YamlWriter::write_node(const YAML::Node& n, int indent) {
    // Called after "key:" or "-"; writes the rest of the value and its newline.
    if (n.IsNull()) { out_ += '\n'; return; }
    if (n.IsScalar()) { out_ += ' ' + scalar_text(n) + '\n'; return; }
    if (n.IsSequence()) {
        if (n.size() == 0) { out_ += " []\n"; return; }
        if (all_scalars(n)) {
            out_ += " [";
            bool first = true;
            for (const auto& item : n) { out_ += (first ? "" : ", ") + scalar_text(item); first = false; }
            out_ += "]\n";
            return;
        }
        out_ += '\n';
        for (const auto& item : n) {
            out_.append(size_t(indent) * 2, ' ');
            out_ += '-';
            if (item.IsMap() && item.size() > 0) write_map(item, indent + 1, true);
            else write_node(item, indent + 1);
        }
        return;
    }
    if (n.size() == 0) { out_ += " {}\n"; return; }
    out_ += '\n';
    write_map(n, indent, false);
}

void YamlWriter::write_map(const YAML::Node& n, int indent, bool after_dash) {
    // After "-" the first key shares the dash's line: "- at: x".
    bool first = true;
    for (const auto& kv : n) {
        if (first && after_dash) out_ += ' ';
        else out_.append(size_t(indent) * 2, ' ');
        out_ += yaml_string(kv.first.Scalar()) + ':';
        write_node(kv.second, indent + 1);
        first = false;
    }
}

void YamlWriter::node(std::string_view key, const YAML::Node& value) {
    key_line(key);
    write_node(value, depth_ + 1);
}

void YamlWriter::extra(const YAML::Node& map) {
    if (!map || !map.IsMap()) return;
    for (const auto& kv : map) node(kv.first.Scalar(), kv.second);
}

std::string yaml_flow_map(const std::vector<std::pair<std::string, std::string>>& pairs) {
    std::string out = "{";
    bool first = true;
    for (const auto& [k, v] : pairs) {
        if (v.empty()) continue;
        if (!first) out += ", ";
        out += yaml_string(k) + ": " + v;
        first = false;
    }
    return out + "}";
}

}  // namespace crm
