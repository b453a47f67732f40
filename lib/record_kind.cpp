#include "record_io.h"

#include "contact.h"

namespace crm {

std::string render_scalar(const std::string& value, bool plain) { return plain ? yaml_plain(value) : yaml_string(value); }

void check_binding(const std::string& kind, const Schema& schema, const std::vector<std::string>& bound_keys,
                   const std::vector<std::vector<std::string>>& bound_items,
                   const std::vector<std::vector<std::string>>& bound_enums) {
    std::vector<std::string> declared;
    for (const auto& name : schema.order) {
        const Schema& p = schema.properties.at(name);
        if (p.order.empty()) declared.push_back(name);
        for (const auto& sub : p.order) declared.push_back(name + "." + sub);
    }
    if (declared != bound_keys)
        throw std::logic_error(kind + ": schemas/" + kind + ".schema.yaml declares " + join(declared, ",") +
                               " but lib/ binds " + join(bound_keys, ","));
    for (size_t i = 0; i < bound_keys.size(); ++i) {
        const Schema& p = schema.properties.count(bound_keys[i]) ? schema.properties.at(bound_keys[i]) : schema;
        const std::vector<std::string> items = p.items ? p.items->order : std::vector<std::string>();
        if (&p != &schema && items != bound_items[i])
            throw std::logic_error(kind + ": " + bound_keys[i] + " items are declared as " + join(items, ",") +
                                   " but bound as " + join(bound_items[i], ","));
        if (!bound_enums[i].empty() && bound_enums[i] != p.rule.enums)
            throw std::logic_error(kind + ": " + bound_keys[i] + " is declared as one of " + join(p.rule.enums, ",") +
                                   " but lib/enums.h lists " + join(bound_enums[i], ","));
    }
}

static std::string normalise(const FieldInfo& f, std::string& value, const Config& config) {
    const std::string how = f.ext("normalise");
    std::string why;
    if (how == "phone") {
        auto p = normalise_phone(value, config.default_country, &why);
        if (!p) return quote_value(value) + " " + why;
        value = *p;
    } else if (how == "email") {
        auto e = normalise_email(value, &why);
        if (!e) return quote_value(value) + " " + why;
        value = *e;
    } else if (how == "upper") {
        for (auto& ch : value)
            if (ch >= 'a' && ch <= 'z') ch = char(ch - 'a' + 'A');
    }
    return configured_value_problem(f, value, config);
}

std::string configured_value_problem(const FieldInfo& f, const std::string& value, const Config& config) {
    const std::string how = f.ext("normalise");
    if (how == "person" && !config.person(value)) return quote_value(value) + " is not in people: of crm.yaml";
    if (how == "channel") {
        const auto& known = config.tickets.channels;
        if (std::find(known.begin(), known.end(), value) == known.end())
            return quote_value(value) + " is not one of tickets.channels in crm.yaml (" + join(known, ", ") + ")";
    }
    return "";
}

std::string check_input(const FieldInfo& f, std::string& value, const Config& config) {
    if (!valid_utf8(value)) return "is not valid UTF-8";
    value = trim(value);  // control characters: the schema's rule below (line breaks in notes only)
    if (value.empty()) return f.required ? "must not be empty" : "";
    if (f.is_list()) {
        for (const auto& item : list_items(value))
            if (std::string why = scalar_problem(item, true, f.rule()); !why.empty()) return why;
        return "";
    }
    if (std::string why = normalise(f, value, config); !why.empty()) return why;
    return scalar_problem(value, is_text(f.rule()), f.rule());
}

}  // namespace crm
