#include "customer.h"

#include <algorithm>
#include <map>

#include "clock.h"
#include "contact.h"
#include "ids.h"
#include "records.h"
#include "schema.h"
#include "text.h"
#include "yaml_read.h"
#include "yaml_write.h"

namespace crm {

const std::vector<std::string>& customer_input_fields() {
    static const std::vector<std::string> f = {"ref",    "kind",  "name",        "phone",    "email",
                                               "wechat", "region", "industry",   "source",   "owner",
                                               "credit_code", "birthday", "tags"};
    return f;
}

static std::string* text_field(Customer& c, const std::string& f) {
    if (f == "ref") return &c.ref;
    if (f == "kind") return &c.kind;
    if (f == "name") return &c.name;
    if (f == "phone") return &c.phone;
    if (f == "email") return &c.email;
    if (f == "wechat") return &c.wechat;
    if (f == "region") return &c.region;
    if (f == "industry") return &c.industry;
    if (f == "source") return &c.source;
    if (f == "owner") return &c.owner;
    if (f == "credit_code") return &c.credit_code;
    if (f == "birthday") return &c.birthday;
    if (f == "lead") return &c.lead;
    return nullptr;
}

std::string set_customer_field(Customer& c, const std::string& field, const std::string& raw, const Config& config) {
    if (!valid_utf8(raw)) return "is not valid UTF-8";
    if (raw.size() > 10000) return "is longer than 10000 bytes";
    std::string value = trim(raw);
    std::string why;
    if (field == "tags") {
        c.tags.clear();
        for (auto& t : split(value, ',')) {
            t = trim(t);
            if (!t.empty() && std::find(c.tags.begin(), c.tags.end(), t) == c.tags.end()) c.tags.push_back(t);
        }
        return "";
    }
    std::string* slot = text_field(c, field);
    if (!slot) return "is not a customer field";
    if (value.empty()) {
        if (field == "name") return "must not be empty";
        slot->clear();
        return "";
    }
    for (char ch : value)
        if (static_cast<unsigned char>(ch) < 0x20) return "holds a control character";
    if (field == "phone") {
        auto p = normalise_phone(value, config.default_country, &why);
        if (!p) return quote_value(value) + " " + why;
        value = *p;
    } else if (field == "email") {
        auto e = normalise_email(value, &why);
        if (!e) return quote_value(value) + " " + why;
        value = *e;
    } else if (field == "kind") {
        if (value != "company" && value != "person") return quote_value(value) + " is not one of company, person";
    } else if (field == "birthday") {
        if (!parse_date(value)) return quote_value(value) + " is not a date (YYYY-MM-DD)";
    } else if (field == "credit_code") {
        value = lower(value);
        for (auto& ch : value) if (ch >= 'a' && ch <= 'z') ch = char(ch - 'a' + 'A');
        if (value.size() != 18) return quote_value(value) + " is not an 18-character unified social credit code";
    } else if (field == "owner") {
        if (!config.person(value)) return quote_value(value) + " is not in people: of crm.yaml";
    }
    *slot = value;
    return "";
}

std::string customer_yaml(const Customer& c) {
    YamlWriter w;
    w.str("id", c.id);
    w.str("ref", c.ref);
    w.str("kind", c.kind);
    w.str("name", c.name);
    w.str("phone", c.phone);
    w.str("email", c.email);
    w.str("wechat", c.wechat);
    w.str("region", c.region);
    w.str("industry", c.industry);
    w.str("source", c.source);
    w.str("owner", c.owner);
    w.str("credit_code", c.credit_code);
    w.plain("birthday", c.birthday);
    w.flow_list("tags", c.tags);
    w.str("lead", c.lead);
    w.plain("created", c.created);
    w.plain("updated", c.updated);
    if (!c.segment.empty() || !c.lifecycle.empty() || !c.tier.empty() || c.high_value) {
        w.begin_map("rfm");
        w.str("segment", c.segment);
        w.str("lifecycle", c.lifecycle);
        w.str("tier", c.tier);
        if (c.high_value) w.plain("high_value", "true");
        w.end_map();
    }
    w.extra(c.extra);
    return w.text();
}

static const std::vector<std::string>& known_keys() {
    static const std::vector<std::string> k = {"id",     "ref",    "kind",     "name",        "phone",
                                               "email",  "wechat", "region",   "industry",    "source",
                                               "owner",  "credit_code", "birthday", "tags", "lead", "created",
                                               "updated", "rfm"};
    return k;
}

Customer customer_from_yaml(const YAML::Node& root, const std::string& file, Problems& problems) {
    Customer c;
    c.file = file;
    if (!valid_record(root, "customer", file, problems)) return c;
    c.extra = YAML::Node(YAML::NodeType::Map);
    for (const auto& kv : root) {
        const std::string key = kv.first.Scalar();
        if (std::find(known_keys().begin(), known_keys().end(), key) == known_keys().end()) {
            c.extra[key] = kv.second;
            continue;
        }
        if (key == "tags") {
            for (const auto& t : kv.second) c.tags.push_back(t.Scalar());
        } else if (key == "rfm") {
            const auto& r = kv.second;
            if (r["segment"]) c.segment = r["segment"].Scalar();
            if (r["lifecycle"]) c.lifecycle = r["lifecycle"].Scalar();
            if (r["tier"]) c.tier = r["tier"].Scalar();
            c.high_value = r["high_value"] && r["high_value"].Scalar() == "true";
        } else if (key == "created") {
            c.created = kv.second.Scalar();
        } else if (key == "updated") {
            c.updated = kv.second.Scalar();
        } else if (key == "id") {
            c.id = kv.second.Scalar();
        } else {
            *text_field(c, key) = kv.second.Scalar();
        }
    }
    std::string expected = "customers/" + c.id + ".yaml";
    if (!c.id.empty() && file != expected && file.find("customers/") == 0)
        problems.add(file, line_of(root["id"]), "id", quote_value(c.id) + " does not match the file name");
    return c;
}

// Stores one checked field read by the fast reader.
static void assign(Customer& c, const std::string& key, const std::string& value) {
    if (key == "id") c.id = value;
    else if (key == "created") c.created = value;
    else if (key == "updated") c.updated = value;
    else if (key == "segment") c.segment = value;
    else if (key == "lifecycle") c.lifecycle = value;
    else if (key == "tier") c.tier = value;
    else if (key == "high_value") c.high_value = value == "true";
    else *text_field(c, key) = value;
}

// The strict reader for the form customer_yaml() writes: "key: scalar" lines in
// known keys, "tags: [a, b]", and an "rfm:" block. It checks each value with the
// same schema as validate(). Anything else returns false: the caller falls back
// to yaml-cpp, which reads any YAML. This makes reading 100,000 customers cheap.
static bool read_canonical(std::string_view text, const std::string& file, Customer& c, Problems& problems) {
    // The schema's rules per key ("rfm.tier" for nested ones), compiled once.
    // The schema's rules per key ("rfm.tier" for nested ones).
    static const std::map<std::string, const ScalarRule*> rules = [] {
        std::map<std::string, const ScalarRule*> m;
        const Schema& schema = schema_for("customer");
        for (const auto& [key, sub] : schema.properties)
            if (key != "rfm" && key != "tags") m[key] = &sub.rule;
        for (const auto& [key, sub] : schema.properties.at("rfm").properties) m["rfm." + key] = &sub.rule;
        return m;
    }();
    static const ScalarRule& tag_rule = schema_for("customer").properties.at("tags").items->rule;
    Problems local;
    std::vector<std::string> seen;
    bool in_rfm = false;
    int line_no = 0;
    c = Customer();
    c.file = file;
    for (size_t start = 0; start < text.size();) {
        size_t end = text.find('\n', start);
        if (end == std::string_view::npos) end = text.size();
        std::string_view line = text.substr(start, end - start);
        start = end + 1;
        ++line_no;
        const bool nested = line.substr(0, 2) == "  ";
        if (nested) {
            if (!in_rfm) return false;
            line.remove_prefix(2);
        } else {
            in_rfm = false;
        }
        size_t colon = line.find(':');
        if (colon == std::string_view::npos || colon == 0) return false;
        std::string key(line.substr(0, colon));
        // Keys crm writes are [a-z0-9_]; anything else ("rfm.tier", "tags[]" written
        // by hand) is an unknown key for yaml-cpp to keep, never a known one.
        for (char ch : key)
            if (!((ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9') || ch == '_')) return false;
        std::string scoped = nested ? "rfm." + key : key;
        auto rule = rules.find(scoped);
        if (rule == rules.end() && scoped != "rfm" && scoped != "tags") return false;  // unknown: yaml-cpp keeps it
        if (std::find(seen.begin(), seen.end(), scoped) != seen.end()) return false;
        seen.push_back(scoped);
        if (key == "rfm" && !nested) {
            if (colon + 1 != line.size()) return false;
            in_rfm = true;
            continue;
        }
        if (line.substr(colon, 2) != ": ") return false;
        size_t i = colon + 2;
        std::string value;
        bool quoted;
        if (key == "tags") {
            if (line.back() != ']' || line[i] != '[') return false;
            std::string_view items = line.substr(i + 1, line.size() - i - 2);
            for (size_t k = 0; k < items.size();) {
                if (!read_simple_scalar(items, k, ", ", value, quoted)) return false;
                validate_scalar(value, quoted, tag_rule, file, line_no,
                                "tags[" + std::to_string(c.tags.size()) + "]", local);
                c.tags.push_back(value);
                if (k < items.size()) {
                    if (items.substr(k, 2) != ", ") return false;
                    k += 2;
                }
            }
            continue;
        }
        if (!read_simple_scalar(line, i, "", value, quoted) || i != line.size()) return false;
        validate_scalar(value, quoted, *rule->second, file, line_no, scoped, local);
        assign(c, key, value);
    }
    for (const char* required : {"id", "name", "created", "updated"})
        if (std::find(seen.begin(), seen.end(), required) == seen.end()) local.add(file, 1, required, "is required");
    if (local.empty() && file != customer_path(c.id) && file.find("customers/") == 0) {
        int id_line = int(std::find(seen.begin(), seen.end(), "id") - seen.begin()) + 1;
        local.add(file, id_line, "id", quote_value(c.id) + " does not match the file name");
    }
    problems.append(local);
    return true;
}

Customer read_customer_text(const std::string& text, const std::string& rel, Problems& problems, bool* fast) {
    Customer c;
    bool ok = valid_utf8(text) && text.find('\0') == std::string::npos && read_canonical(text, rel, c, problems);
    if (fast) *fast = ok;
    if (ok) return c;
    return customer_from_yaml(parse_yaml(text, rel, kDataErr), rel, problems);
}

static Customer read_customer_file(const Store& store, const std::string& rel, Problems& problems) {
    return read_customer_text(read_file(store.path(rel).string()), rel, problems, nullptr);
}

std::string customer_path(const std::string& id) { return "customers/" + id + ".yaml"; }

Customer load_customer(const Store& store, const std::string& id) {
    const std::string rel = customer_path(id);
    Problems problems;
    Customer c = read_customer_file(store, rel, problems);
    problems.raise(kDataErr);
    return c;
}

// The cached form (lib/pack.h); change the format name with the fields.
template <class Io>
void visit(Io& io, Customer& c) {
    for (auto* s : {&c.id, &c.ref, &c.kind, &c.name, &c.phone, &c.email, &c.wechat, &c.region, &c.industry, &c.source,
                    &c.owner, &c.credit_code, &c.birthday, &c.lead, &c.created, &c.updated, &c.segment, &c.lifecycle,
                    &c.tier})
        io(*s);
    io.list(c.tags);
    io(c.high_value);
}

std::vector<Customer> load_customers(const Store& store, Problems* problems) {
    return load_folder<Customer>(store, "customers", [&](const std::string& rel, Problems& p) {
        return read_customer_file(store, rel, p);
    }, problems, "customer 1");
}

std::string resolve_customer_id(const Store& store, const std::string& arg) {
    return resolve_record_id(store, arg, 'C', "customers", "customer", [&] {
        return id_refs([&](Problems* p) { return load_customers(store, p); });
    });
}

bool save_customer(Writer& writer, const Customer& c) { return writer.put(customer_path(c.id), customer_yaml(c)); }

}  // namespace crm
