// A JSON Schema subset, written in YAML (schemas/*.yaml, built into the binary):
// type, required, properties, additionalProperties, enum, pattern, format,
// minimum/maximum, minLength/maxLength, items. Problems name file:line: field.
#pragma once
#include <yaml-cpp/yaml.h>

#include <string>

#include "error.h"

namespace crm {

// The schema text shipped for a record kind: "config", "customer", "order".
const std::string& schema_text(const std::string& kind);
const YAML::Node& schema_for(const std::string& kind);

// Validates value against schema; every problem is added to problems.
// Plain scalars count as strings too (a hand-typed `ref: 00001` is text);
// formats: date, date-time, decimal (money), duration (30m, 4h), clock-range (09:00-18:00).
void validate(const YAML::Node& value, const YAML::Node& schema, const std::string& file, Problems& problems,
              const std::string& path = "");

}  // namespace crm
