#include "customer.h"

#include <algorithm>

#include "clock.h"
#include "contact.h"
#include "ids.h"
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
                                               "owner",  "credit_code", "birthday", "tags", "created",
                                               "updated", "rfm"};
    return k;
}

Customer customer_from_yaml(const YAML::Node& root, const std::string& file, Problems& problems) {
    Customer c;
    c.file = file;
    if (!root.IsMap()) {
        problems.add(file, line_of(root), "", "a customer file must hold a mapping");
        return c;
    }
    size_t before = problems.size();
    validate(root, schema_for("customer"), file, problems);
    if (problems.size() != before) return c;
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

std::string customer_path(const std::string& id) { return "customers/" + id + ".yaml"; }

Customer load_customer(const Store& store, const std::string& id) {
    const std::string rel = customer_path(id);
    Problems problems;
    Customer c = customer_from_yaml(load_yaml_file(store.path(rel).string(), rel, kDataErr), rel, problems);
    problems.raise(kDataErr);
    return c;
}

std::vector<Customer> load_customers(const Store& store, Problems* problems) {
    std::vector<Customer> out;
    Problems local;
    for (const auto& rel : store.list("customers", ".yaml")) {
        try {
            size_t before = local.size();
            Customer c = customer_from_yaml(load_yaml_file(store.path(rel).string(), rel, kDataErr), rel, local);
            if (local.size() == before) out.push_back(std::move(c));
        } catch (const Failure& f) {
            local.add(f.what());
        }
    }
    if (problems) problems->append(local);
    else local.raise(kDataErr);
    return out;
}

std::string resolve_customer_id(const Store& store, const std::string& arg) {
    std::string id = normalise_id_arg(arg, 'C');
    std::vector<std::string> matches;
    std::error_code ec;
    if (id.size() > 2) {
        if (fs::is_regular_file(store.path(customer_path(id)), ec)) return id;
        for (const auto& rel : store.list("customers", ".yaml")) {
            std::string name = rel.substr(10, rel.size() - 15);
            if (starts_with(name, id)) matches.push_back(name);
        }
    }
    if (matches.size() > 1)
        throw Failure(kUsage, "customer " + quote_value(arg) + " is ambiguous: " + join(matches, ", "));
    if (matches.size() == 1) return matches[0];
    // Not an ID: an external reference (ERP number, CDNOW id) names a customer too.
    if (!arg.empty() && valid_utf8(arg)) {
        Problems ignore;
        for (const auto& c : load_customers(store, &ignore))
            if (c.ref == arg) matches.push_back(c.id);
    }
    if (matches.size() > 1)
        throw Failure(kUsage, "customer ref " + quote_value(arg) + " is ambiguous: " + join(matches, ", "));
    if (matches.empty()) throw Failure(kNoInput, "customer " + quote_value(arg) + ": no customer with this ID or ref");
    return matches[0];
}

bool save_customer(Writer& writer, const Customer& c) { return writer.put(customer_path(c.id), customer_yaml(c)); }

}  // namespace crm
