// The command registry: every command of crm, declared once with its help
// line, the roles that may run it and whether it writes. The CLI builds its
// subcommands from it (cmd/), access control reads its roles, and every
// command that writes gets --dry-run from it.
#pragma once
#include <string>
#include <string_view>
#include <vector>

namespace crm {

// Roles of crm.yaml's people: (SPEC 6). admin may run every command.
enum Role : unsigned { kSales = 1, kService = 2, kManager = 4, kAdmin = 8 };
// "sales" -> kSales; 0 for anything else.
unsigned role_named(std::string_view name);
// kSales -> "sales".
std::string role_name(unsigned role);

struct CommandSpec {
    std::string_view name;     // "customer add"; a noun alone names its group
    std::string_view summary;  // the help line
    unsigned roles = 0;        // who may run it besides admin (kAnyone: needs no store)
    bool writes = false;       // changes the store: takes the lock, has --dry-run
};
inline constexpr unsigned kAnyone = ~0u;

const std::vector<CommandSpec>& commands();
// The command named so; throws std::logic_error for a name not in the registry.
const CommandSpec& command_named(std::string_view name);

}  // namespace crm
