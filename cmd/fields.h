// Record fields as command-line flags: --credit-code sets credit_code.
#pragma once
#include <CLI/CLI.hpp>

#include <map>
#include <string>
#include <vector>

namespace crm {

// Adds one --field option per field; a given value lands in out[field].
void add_field_flags(CLI::App* cmd, const std::vector<std::string>& fields, std::map<std::string, std::string>& out,
                     const std::string& what);
// "credit_code" -> "--credit-code", for messages.
std::string flag_name(const std::string& field);

}  // namespace crm
