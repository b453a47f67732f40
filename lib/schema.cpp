#include "schema.h"

#include <map>
#include <regex>

#include "clock.h"
#include "money.h"
#include "text.h"
#include "yaml_read.h"

namespace crm {

extern const char* const kSchemaConfig;
extern const char* const kSchemaCustomer;
extern const char* const kSchemaOrder;

const std::string& schema_text(const std::string& kind) {
    static const std::map<std::string, std::string> texts = {
        {"config", kSchemaConfig}, {"customer", kSchemaCustomer}, {"order", kSchemaOrder}};
    return texts.at(kind);
}

const YAML::Node& schema_for(const std::string& kind) {
    static std::map<std::string, YAML::Node> cache;
    auto it = cache.find(kind);
    if (it == cache.end()) it = cache.emplace(kind, parse_yaml(schema_text(kind), "schema:" + kind, kConfig)).first;
    return it->second;
}

static bool is_null(const YAML::Node& n) {
    return n.IsNull() || (n.IsScalar() && n.Tag() != "!" && (n.Scalar() == "~" || n.Scalar() == "null"));
}

static bool is_integer(const YAML::Node& n) {
    if (!n.IsScalar() || n.Tag() == "!") return false;
    static const std::regex re("-?[0-9]+");
    return std::regex_match(n.Scalar(), re) && n.Scalar().size() < 19;
}

static bool is_number(const YAML::Node& n) {
    if (!n.IsScalar() || n.Tag() == "!") return false;
    static const std::regex re("-?[0-9]+(\\.[0-9]+)?([eE][-+]?[0-9]+)?");
    return std::regex_match(n.Scalar(), re);
}

static bool is_bool(const YAML::Node& n) {
    return n.IsScalar() && n.Tag() != "!" && (n.Scalar() == "true" || n.Scalar() == "false");
}

static bool has_type(const YAML::Node& n, const std::string& type) {
    if (type == "null") return is_null(n);
    if (type == "object") return n.IsMap();
    if (type == "array") return n.IsSequence();
    if (type == "boolean") return is_bool(n);
    if (type == "integer") return is_integer(n);
    if (type == "number") return is_number(n);
    if (type == "string") return n.IsScalar() && !is_null(n);
    return false;
}

static std::string describe(const YAML::Node& n) {
    if (is_null(n)) return "empty";
    if (n.IsMap()) return "a mapping";
    if (n.IsSequence()) return "a list";
    return quote_value(n.Scalar());
}

static bool format_ok(const std::string& format, const std::string& s, std::string& why) {
    if (format == "date") { why = "is not a date (YYYY-MM-DD)"; return bool(parse_date(s)); }
    if (format == "date-time") {
        why = "is not an RFC 3339 time";
        return s.size() > 10 && bool(parse_time(s, Zone()));
    }
    if (format == "decimal") {
        std::string reason;
        bool ok = bool(parse_money(s, &reason));
        why = reason;
        return ok;
    }
    if (format == "duration") {
        static const std::regex re("[0-9]+(m|h|d)");
        why = "is not a duration such as 30m, 4h or 2d";
        return std::regex_match(s, re);
    }
    if (format == "clock-range") {
        static const std::regex re("([01][0-9]|2[0-3]):[0-5][0-9]-(([01][0-9]|2[0-3]):[0-5][0-9]|24:00)");
        why = "is not a time range such as 09:00-18:00";
        return std::regex_match(s, re) && s.substr(0, 5) < s.substr(6);
    }
    return true;
}

void validate(const YAML::Node& v, const YAML::Node& schema, const std::string& file, Problems& out,
              const std::string& path) {
    const int line = line_of(v);
    const std::string field = path.empty() ? "" : path;
    if (auto t = schema["type"]) {
        bool ok = false;
        std::vector<std::string> names;
        if (t.IsSequence()) for (const auto& x : t) names.push_back(x.as<std::string>());
        else names.push_back(t.as<std::string>());
        for (const auto& name : names) ok = ok || has_type(v, name);
        if (!ok) {
            out.add(file, line, field, describe(v) + " is not " + (names.size() == 1 ? "a" : "one of") + " " +
                                           join(names, "|"));
            return;
        }
    }
    if (auto e = schema["enum"]) {
        bool ok = false;
        std::vector<std::string> names;
        for (const auto& x : e) {
            names.push_back(x.Scalar());
            if (v.IsScalar() && v.Scalar() == x.Scalar()) ok = true;
        }
        if (!ok) out.add(file, line, field, describe(v) + " is not one of " + join(names, ", "));
    }
    if (v.IsScalar() && !is_null(v)) {
        const std::string& s = v.Scalar();
        if (auto p = schema["pattern"]) {
            if (!std::regex_search(s, std::regex(p.Scalar())))
                out.add(file, line, field, quote_value(s) + " does not match " + p.Scalar());
        }
        if (auto f = schema["format"]) {
            std::string why;
            if (!format_ok(f.Scalar(), s, why)) out.add(file, line, field, quote_value(s) + " " + why);
        }
        if (auto m = schema["maxLength"]; m && s.size() > m.as<size_t>())
            out.add(file, line, field, "is longer than " + m.Scalar() + " bytes");
        if (auto m = schema["minLength"]; m && s.size() < m.as<size_t>())
            out.add(file, line, field, "is shorter than " + m.Scalar() + " bytes");
        if (is_number(v)) {
            double d = std::stod(s);
            if (auto m = schema["minimum"]; m && d < m.as<double>())
                out.add(file, line, field, s + " is less than " + m.Scalar());
            if (auto m = schema["maximum"]; m && d > m.as<double>())
                out.add(file, line, field, s + " is more than " + m.Scalar());
        }
    }
    if (v.IsSequence()) {
        if (auto items = schema["items"]) {
            int i = 0;
            for (const auto& item : v) validate(item, items, file, out, path + "[" + std::to_string(i++) + "]");
        }
    }
    if (v.IsMap()) {
        const auto props = schema["properties"];
        if (auto req = schema["required"]) {
            for (const auto& r : req)
                if (!v[r.Scalar()]) out.add(file, line, path.empty() ? r.Scalar() : path + "." + r.Scalar(), "is required");
        }
        const auto additional = schema["additionalProperties"];
        for (const auto& kv : v) {
            const std::string key = kv.first.Scalar();
            const std::string sub = path.empty() ? key : path + "." + key;
            if (props && props[key]) {
                validate(kv.second, props[key], file, out, sub);
            } else if (additional && additional.IsMap()) {
                validate(kv.second, additional, file, out, sub);
            } else if (additional && additional.IsScalar() && additional.Scalar() == "false") {
                out.add(file, line_of(kv.first), sub, "unknown key");
            }
        }
    }
}

}  // namespace crm
