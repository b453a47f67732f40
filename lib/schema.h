// A JSON Schema subset, written in YAML (schemas/*.yaml, built into the binary):
// type, required, properties, additionalProperties, enum, pattern, format,
// minimum/maximum, minLength/maxLength, items. Problems name file:line: field.
#pragma once
#include <yaml-cpp/yaml.h>

#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "error.h"

namespace crm {

// The text of schemas/<kind>.schema.yaml, built into the binary: "config", "customer", "order", ...
const std::string& schema_text(const std::string& kind);
// Every schema's text, by kind.
const std::map<std::string, std::string>& schema_texts();

// The checks a schema makes of one scalar, compiled once so the fast readers
// of canonical files can apply them without walking YAML nodes.
struct ScalarRule {
    std::vector<std::string> types, enums;
    std::string pattern, format;
    std::optional<double> minimum, maximum;
    std::optional<size_t> min_length, max_length;
    bool multiline = false;  // x-multiline: line breaks and tabs allowed (notes, descriptions)
    // Decided once from types and format (every value written or read asks):
    bool text = false;          // "string" among the types: quoted when YAML would misread it
    bool written_plain = true;  // numbers, flags, dates and times, written as they are
};
ScalarRule compile_rule(const YAML::Node& schema);

// A schema compiled once: its scalar rule, and the schemas of its properties and items.
struct Schema {
    ScalarRule rule;
    std::vector<std::string> required;
    std::map<std::string, Schema> properties;
    std::vector<std::string> order;             // property names in the file's order
    std::map<std::string, std::string> ext;     // "x-" keys with scalar values: what crm does with the field
    std::string default_value;                  // "default": a new record's value
    std::unique_ptr<Schema> additional, items;  // additionalProperties / items as schemas
    bool closed = false;                        // additionalProperties: false
};
const Schema& schema_for(const std::string& kind);
// The values allowed at a dotted path of a kind's schema ("status",
// "rfm.lifecycle", "log.channel": through a list to its items' field).
const std::vector<std::string>& enum_at(const std::string& kind, const std::string& path);

// The common start of reading a record file's node: it must be a mapping that
// kind's schema accepts. Returns false, with the problems added, when it is not.
bool valid_record(const YAML::Node& root, const std::string& kind, const std::string& file, Problems& problems);

// Validates value against schema; every problem is added to problems.
// Plain scalars count as strings too (a hand-typed `ref: 00001` is text);
// formats: date, date-time, decimal (money), duration (30m, 4h), clock-range (09:00-18:00).
void validate(const YAML::Node& value, const Schema& schema, const std::string& file, Problems& problems,
              const std::string& path = "");

// The first problem validate_scalar finds with text, without a location ("" when none).
std::string scalar_problem(const std::string& text, bool quoted, const ScalarRule& rule);

// Checks one scalar (its text, and whether it was quoted): shared by validate()
// and the fast readers, so both judge alike.
void validate_scalar(const std::string& text, bool quoted, const ScalarRule& rule, const std::string& file, int line,
                     const std::string& field, Problems& problems);

}  // namespace crm
