// Record fields as command-line flags: --credit-code sets credit_code.
#pragma once
#include <CLI/CLI.hpp>

#include <map>
#include <string>
#include <vector>

#include "../lib/record_io.h"

namespace crm {

// Adds one --field option per field; a given value lands in out[field].
void add_field_flags(CLI::App* cmd, const std::vector<std::string>& fields, std::map<std::string, std::string>& out,
                     const std::string& what);
// "credit_code" -> "--credit-code", for messages.
std::string flag_name(const std::string& field);

// Flag values into a record's members, each normalised and checked by its
// field's own rule (the one imports and check apply); a problem reads
// "--channel: ...".
struct FlagValue {
    const char* column;
    const std::string& given;
    std::string& member;
};
template <class R>
void take_flag_values(const std::vector<FlagValue>& values, const Config& config, Problems& problems) {
    for (const auto& v : values) {
        v.member = v.given;
        if (std::string why = check_input(kind_of<R>().field(v.column), v.member, config); !why.empty())
            problems.add(flag_name(v.column) + ": " + why);
    }
}

}  // namespace crm
