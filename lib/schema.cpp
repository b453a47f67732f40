#include "schema.h"

#include <algorithm>
#include <map>
#include <mutex>
#include <regex>

#include "calendar.h"
#include "clock.h"
#include "error.h"
#include "money.h"
#include "text.h"
#include "yaml_read.h"

namespace crm {

using namespace std::literals;  // "..."sv: a comparison that knows its length

extern const std::map<std::string, std::string> kSchemaTexts;  // schemas/*.schema.yaml, by kind

const std::map<std::string, std::string>& schema_texts() { return kSchemaTexts; }

const std::string& schema_text(const std::string& kind) {
    auto it = kSchemaTexts.find(kind);
    if (it == kSchemaTexts.end()) throw std::logic_error("no schemas/" + kind + ".schema.yaml");
    return it->second;
}

static Schema compile(const YAML::Node& node) {
    Schema s;
    s.rule = compile_rule(node);
    if (const auto req = node["required"])
        for (const auto& r : req) s.required.push_back(r.Scalar());
    if (const auto props = node["properties"])
        for (const auto& kv : props) {
            s.properties.emplace(kv.first.Scalar(), compile(kv.second));
            s.order.push_back(kv.first.Scalar());
        }
    if (const auto d = node["default"]; d && d.IsScalar()) s.default_value = d.Scalar();
    for (const auto& kv : node)
        if (kv.first.Scalar().rfind("x-", 0) == 0 && kv.second.IsScalar()) s.ext[kv.first.Scalar()] = kv.second.Scalar();
    if (const auto add = node["additionalProperties"]) {
        if (add.IsMap()) s.additional = std::make_unique<Schema>(compile(add));
        else s.closed = add.Scalar() == "false";
    }
    if (const auto items = node["items"]) s.items = std::make_unique<Schema>(compile(items));
    return s;
}

bool valid_record(const YAML::Node& root, const std::string& kind, const std::string& file, Problems& problems) {
    if (!root.IsMap()) {
        problems.add(file, line_of(root), "", "a " + kind + " file must hold a mapping");
        return false;
    }
    size_t before = problems.size();
    validate(root, schema_for(kind), file, problems);
    return problems.size() == before;
}

const Schema& schema_for(const std::string& kind) {
    static std::map<std::string, Schema> cache;
    auto it = cache.find(kind);
    if (it == cache.end()) it = cache.emplace(kind, compile(YAML::Load(schema_text(kind)))).first;
    return it->second;
}

const std::vector<std::string>& enum_at(const std::string& kind, const std::string& path) {
    const Schema* s = &schema_for(kind);
    for (const auto& step : split(path, '.')) {
        if (s->items) s = s->items.get();
        s = &s->properties.at(step);
    }
    return s->rule.enums;
}

// Scalars are judged by their text and whether they were quoted: a quoted
// scalar is always a string; a plain one may also be null, a number or a bool.
struct Scalar {
    const std::string& text;
    bool quoted;
    bool null() const {
        return !quoted && (text.empty() || (text.size() <= 4 && (text == "~"sv || text == "null"sv || text == "Null"sv || text == "NULL"sv)));
    }
};

static const std::regex& cached_regex(const std::string& pattern) {
    static std::mutex mutex;  // shards are checked on several threads (write_sharded)
    static std::map<std::string, std::regex> cache;
    std::lock_guard<std::mutex> lock(mutex);
    auto it = cache.find(pattern);
    if (it == cache.end()) it = cache.emplace(pattern, std::regex(pattern)).first;
    return it->second;
}

// Whether text matches pattern. The generated-ID pattern of every kind
// ("^C-[0-9A-HJKMNP-TV-Z]{8,18}$") is matched by hand: shards hold a million
// of them, and std::regex takes microseconds each.
static bool matches(const std::string& pattern, const std::string& text) {
    static const std::string id_tail = "-[0-9A-HJKMNP-TV-Z]{8,18}$";
    if (pattern.size() == 2 + id_tail.size() && pattern[0] == '^' && pattern.compare(2, std::string::npos, id_tail) == 0) {
        if (text.size() < 10 || text.size() > 20 || text[0] != pattern[1] || text[1] != '-') return false;
        for (size_t i = 2; i < text.size(); ++i) {
            const char c = text[i];
            if (!((c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z' && c != 'I' && c != 'L' && c != 'O' && c != 'U')))
                return false;
        }
        return true;
    }
    return std::regex_search(text, cached_regex(pattern));
}

static bool is_integer(const Scalar& s) {
    if (s.quoted || s.text.empty() || s.text.size() > 18) return false;
    for (size_t i = 0; i < s.text.size(); ++i)
        if (!(s.text[i] >= '0' && s.text[i] <= '9') && !(i == 0 && s.text[i] == '-' && s.text.size() > 1)) return false;
    return true;
}

// -?[0-9]+(\.[0-9]+)?([eE][-+]?[0-9]+)?, by hand: every points entry has a number.
static bool is_number(const Scalar& s) {
    if (s.quoted) return false;
    const std::string& t = s.text;
    size_t i = t.size() > 0 && t[0] == '-' ? 1 : 0;
    auto digits = [&] {
        const size_t start = i;
        while (i < t.size() && t[i] >= '0' && t[i] <= '9') ++i;
        return i > start;
    };
    if (!digits()) return false;
    if (i < t.size() && t[i] == '.' && (++i, !digits())) return false;
    if (i < t.size() && (t[i] == 'e' || t[i] == 'E')) {
        ++i;
        if (i < t.size() && (t[i] == '-' || t[i] == '+')) ++i;
        if (!digits()) return false;
    }
    return i == t.size();
}

static bool scalar_has_type(const Scalar& s, const std::string& type) {
    if (type == "null"sv) return s.null();
    if (type == "boolean"sv) return !s.quoted && (s.text == "true"sv || s.text == "false"sv);
    if (type == "integer"sv) return is_integer(s);
    if (type == "number"sv) return is_number(s);
    if (type == "string"sv) return !s.null();
    return false;
}

static std::vector<std::string> type_names(const YAML::Node& t) {
    std::vector<std::string> names;
    if (t.IsSequence()) for (const auto& x : t) names.push_back(x.Scalar());
    else names.push_back(t.Scalar());
    return names;
}

static std::string type_error(const std::string& what, const std::vector<std::string>& names) {
    if (names.size() > 1) return what + " is not one of " + join(names, "|");
    return what + " is not " + (names[0] == "integer"sv || names[0] == "object" || names[0] == "array" ? "an " : "a ") +
           names[0];
}

// The reason is set only on a failure: a million valid times a night make no message.
static bool format_ok(const std::string& format, const std::string& s, std::string& why) {
    if (format == "date"sv) {
        if (parse_date(s)) return true;
        why = "is not a date (YYYY-MM-DD)";
        return false;
    }
    if (format == "date-time"sv) {  // stored times name their offset: read elsewhere, they mean the same instant
        const bool offset = !s.empty() && (s.back() == 'Z' || s.back() == 'z' ||
                                           (s.size() > 16 && (s[s.size() - 6] == '+' || s[s.size() - 6] == '-') &&
                                            s[s.size() - 3] == ':'));
        if (s.size() > 16 && offset && parse_time(s, Zone())) return true;
        why = "is not an RFC 3339 time with its offset (2026-11-23T10:00:00+08:00)";
        return false;
    }
    if (format == "decimal"sv) return bool(parse_money(s, &why));
    if (format == "duration"sv) {  // the rule the SLA clock reads them by
        try {
            parse_duration_minutes(s);
            return true;
        } catch (const Failure&) {
            why = "is not a duration of at most 6 digits and m, h or d (30m, 4h, 2d)";
            return false;
        }
    }
    if (format == "clock-range"sv) {
        static const std::regex re("([01][0-9]|2[0-3]):[0-5][0-9]-(([01][0-9]|2[0-3]):[0-5][0-9]|24:00)");
        if (std::regex_match(s, re) && s.substr(0, 5) < s.substr(6)) return true;
        why = "is not a time range such as 09:00-18:00";
        return false;
    }
    return true;
}

ScalarRule compile_rule(const YAML::Node& schema) {
    ScalarRule r;
    if (const auto t = schema["type"]) r.types = type_names(t);
    if (const auto e = schema["enum"])
        for (const auto& x : e) r.enums.push_back(x.Scalar());
    if (const auto p = schema["pattern"]) r.pattern = p.Scalar();
    if (const auto f = schema["format"]) r.format = f.Scalar();
    r.text = std::find(r.types.begin(), r.types.end(), "string"sv) != r.types.end();
    r.written_plain = r.format == "date" || r.format == "date-time" || !r.text;
    if (const auto m = schema["minimum"]) r.minimum = m.as<double>();
    if (const auto m = schema["maximum"]) r.maximum = m.as<double>();
    if (const auto m = schema["minLength"]) r.min_length = m.as<size_t>();
    if (const auto m = schema["maxLength"]) r.max_length = m.as<size_t>();
    if (const auto m = schema["x-multiline"]) r.multiline = m.as<bool>();
    return r;
}

static std::string number_text(double d) {
    std::string s = std::to_string(d);
    while (s.find('.') != std::string::npos && (s.back() == '0' || s.back() == '.')) {
        bool dot = s.back() == '.';
        s.pop_back();
        if (dot) break;
    }
    return s;
}

void validate_scalar(const std::string& text, bool quoted, const ScalarRule& rule, const std::string& file, int line,
                     const std::string& field, Problems& out) {
    const Scalar s{text, quoted};
    if (!rule.types.empty()) {
        bool ok = false;
        for (const auto& name : rule.types) ok = ok || scalar_has_type(s, name);
        if (!ok) {
            out.add(file, line, field, type_error(s.null() ? "empty" : quote_value(text), rule.types));
            return;
        }
    }
    if (!rule.enums.empty() && std::find(rule.enums.begin(), rule.enums.end(), text) == rule.enums.end())
        out.add(file, line, field,
                (s.null() ? std::string("empty") : quote_value(text)) + " is not one of " + join(rule.enums, ", "));
    if (s.null()) return;
    for (unsigned char c : text) {  // the one rule for control characters, at every door
        const bool line_break = c == '\n' || c == '\r' || c == '\t';
        if ((c < 0x20 && !(rule.multiline && line_break)) || c == 0x7F) {
            static const char* hex = "0123456789ABCDEF";
            out.add(file, line, field,
                    std::string("holds a control character (U+00") + hex[c >> 4] + hex[c & 15] + ")" +
                        (line_break ? ": only notes and descriptions may hold line breaks or tabs" : ""));
            return;
        }
    }
    // Every door trims input, so a stored text with surrounding spaces was typed into the file.
    if (!rule.multiline && !text.empty() && (text.front() == ' ' || text.back() == ' ') &&
        rule.text)
        out.add(file, line, field, quote_value(text) + " has a leading or trailing space (crm trims what it is given)");
    if (!rule.pattern.empty() && !matches(rule.pattern, text))
        out.add(file, line, field, quote_value(text) + " does not match " + rule.pattern);
    if (!rule.format.empty()) {
        std::string why;
        if (!format_ok(rule.format, text, why)) out.add(file, line, field, quote_value(text) + " " + why);
    }
    if (rule.max_length && text.size() > *rule.max_length)
        out.add(file, line, field, "is longer than " + std::to_string(*rule.max_length) + " bytes");
    if (rule.min_length && text.size() < *rule.min_length)
        out.add(file, line, field, "is shorter than " + std::to_string(*rule.min_length) + " bytes");
    // crm reads integers as int: one past its range would fail later, not here (crm.yaml's
    // followup_hours: 99999999999 stopped every command with an internal error).
    const bool integer = std::find(rule.types.begin(), rule.types.end(), "integer"sv) != rule.types.end();
    if (integer && is_integer(s) && (std::stod(text) > 2147483647.0 || std::stod(text) < -2147483648.0))
        out.add(file, line, field, text + " is out of range (-2147483648 to 2147483647)");
    if ((rule.minimum || rule.maximum) && is_number(s)) {
        double d = std::stod(text);
        if (rule.minimum && d < *rule.minimum) out.add(file, line, field, text + " is less than " + number_text(*rule.minimum));
        if (rule.maximum && d > *rule.maximum) out.add(file, line, field, text + " is more than " + number_text(*rule.maximum));
    }
}

std::string scalar_problem(const std::string& text, bool quoted, const ScalarRule& rule) {
    Problems p;
    validate_scalar(text, quoted, rule, "", 0, "", p);
    return p.empty() ? "" : p.list()[0];
}

void validate(const YAML::Node& v, const Schema& schema, const std::string& file, Problems& out,
              const std::string& path) {
    const int line = line_of(v);
    if (v.IsNull() || v.IsScalar()) {
        validate_scalar(v.IsNull() ? std::string() : v.Scalar(), !v.IsNull() && v.Tag() == "!", schema.rule, file, line,
                        path, out);
        return;
    }
    const auto& names = schema.rule.types;
    if (!names.empty()) {
        bool ok = false;
        for (const auto& name : names) ok = ok || (name == "object" && v.IsMap()) || (name == "array" && v.IsSequence());
        if (!ok) {
            out.add(file, line, path, type_error(v.IsMap() ? "a mapping" : "a list", names));
            return;
        }
    }
    if (v.IsSequence()) {
        if (schema.items) {
            int i = 0;
            for (const auto& item : v) validate(item, *schema.items, file, out, path + "[" + std::to_string(i++) + "]");
        }
        return;
    }
    for (const auto& r : schema.required)
        if (!v[r]) out.add(file, line, path.empty() ? r : path + "." + r, "is required");
    for (const auto& kv : v) {
        const std::string key = kv.first.Scalar();
        const std::string sub = path.empty() ? key : path + "." + key;
        if (auto p = schema.properties.find(key); p != schema.properties.end()) validate(kv.second, p->second, file, out, sub);
        else if (schema.additional) validate(kv.second, *schema.additional, file, out, sub);
        else if (schema.closed) out.add(file, line_of(kv.first), sub, "unknown key");
    }
}

}  // namespace crm
