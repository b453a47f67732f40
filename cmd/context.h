// What every command gets: the global options, parsed once, and helpers to
// open the store, read the clock and render output with them.
#pragma once
#include <CLI/CLI.hpp>

#include <functional>
#include <optional>
#include <set>
#include <string>

#include "../lib/access.h"
#include "../lib/clock.h"
#include "../lib/enums.h"
#include "../lib/error.h"
#include "../lib/text.h"
#include "../lib/output.h"
#include "../lib/store.h"

namespace crm {

struct Context {
    std::string store_dir, format = "table", fields, as_of, actor;
    bool quiet = false, verbose = false, bom = false, no_header = false;
    bool dry_run = false;       // --dry-run, which every command that writes has
    std::function<void()> run;  // set by the chosen subcommand's callback
    std::string command;        // "customer add": the noun and verb chosen
    std::optional<Access> access;

    // Opens the store and checks that the actor may run the command (exit 77).
    Store open_store();
    Time now(const Store& store) const { return now_from(as_of, store.config().zone); }
    OutputOptions output() const { return {format, fields, no_header, bom}; }
    // --actor, else $CRM_ACTOR, else $USER, else "unknown".
    std::string actor_name() const;
    // The command's Writer: under --dry-run it writes nothing and lists what would change.
    // Its audit lines name the command, or audit_as.
    Writer writer(const Store& store, Time now, const std::string& audit_as = "") const;
    // Prints a note on stderr unless --quiet.
    void note(const std::string& text) const;
};

// A noun's group of commands, its help line from the registry (lib/commands.cpp).
CLI::App* add_noun(CLI::App& app, const std::string& noun);
// The registered command "noun verb" (or a top-level verb under app): its help
// line, --dry-run when it writes, and fn to run with ctx.command set.
CLI::App* add_command(CLI::App* parent, Context& ctx, const std::string& verb, void (*fn)(Context&));
// Prints one record's row: in table format vertically, one "field  value" line
// per non-empty field (a record reads best that way); else as the format says.
void show_record(const Context& ctx, const Table& one_row);
// Hides contact data (phone, email, wechat columns) unless the actor has the pii right.
void mask_unless_pii(const Context& ctx, Table& table);
// The customers the actor may see the records of (a sales person: their own),
// or nullopt when the actor sees every customer's.
std::optional<std::set<std::string>> visible_customers(const Context& ctx, const Store& store);
// A day flag (--from, --to): nullopt when not given; exit 64 naming the flag otherwise.
std::optional<Date> date_flag(const std::string& text, const char* flag);
// A time flag (--at): now when not given, the text read in zone (an offset
// wins) when it is a time no later than now; else nullopt and why.
std::optional<Time> time_flag(const std::string& text, Time now, const Zone& zone, std::string& why);

// A flag or argument whose value must be one of allowed (an enum's names, a
// schema's enum). Any other value exits naming them all, with the code of the
// rule in crm(1): kUsage (64) for a filter or other choice of what to show,
// kDataErr (65) for a value that would be written (a status to move to).
void require_choice(const std::string& flag, const std::string& value, const std::vector<std::string>& allowed,
                    int code = kUsage);
CLI::Option* add_choice(CLI::App* app, const std::string& name, std::string& target,
                        const std::vector<std::string>& allowed, const std::string& help, int code = kUsage);
// A filter on a person (--owner, --assignee): one of people: in crm.yaml.
void require_person(const Store& store, const std::string& flag, const std::string& value);
// The same for an enum of lib/enums.h, stored as the enumerator; *set is set when given.
template <class E>
CLI::Option* add_enum(CLI::App* app, const std::string& name, E& target, const std::string& help,
                      bool* set = nullptr, int code = kUsage) {
    return app
        ->add_option_function<std::string>(
            name,
            [&target, set, name, code](const std::string& v) {
                require_choice(name, v, enum_names<E>(), code);
                target = *enum_named<E>(v);
                if (set) *set = true;
            },
            help)
        ->type_name(join(enum_names<E>(), "|"));
}
}  // namespace crm
