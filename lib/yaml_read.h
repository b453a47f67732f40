// Loading YAML files with errors that name the file and line.
#pragma once
#include <yaml-cpp/yaml.h>

#include <string>

namespace crm {

// Parses text (named file in messages) into a node. Throws Failure(code) with
// "file:line: message" on invalid UTF-8 or a YAML syntax error.
YAML::Node parse_yaml(const std::string& text, const std::string& file, int code);
YAML::Node load_yaml_file(const std::string& path, const std::string& shown_name, int code);

// 1-based line of a node, 0 when unknown.
int line_of(const YAML::Node& n);

// Reads a whole file; throws Failure(66) when it cannot.
std::string read_file(const std::string& path);

}  // namespace crm
