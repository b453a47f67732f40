// What every command gets: the global options, parsed once, and helpers to
// open the store, read the clock and render output with them.
#pragma once
#include <CLI/CLI.hpp>

#include <functional>
#include <string>

#include "../lib/clock.h"
#include "../lib/output.h"
#include "../lib/store.h"

namespace crm {

struct Context {
    std::string store_dir, format = "table", fields, as_of, actor;
    bool quiet = false, verbose = false, bom = false, no_header = false;
    std::function<void()> run;  // set by the chosen subcommand's callback

    Store open_store() const { return Store::open(store_dir); }
    Time now(const Store& store) const { return now_from(as_of, store.config().zone); }
    OutputOptions output() const { return {format, fields, no_header, bom}; }
    // --actor, else $CRM_ACTOR, else $USER, else "unknown".
    std::string actor_name() const;
    // Prints a note on stderr unless --quiet.
    void note(const std::string& text) const;
};

// Each noun adds its subcommands; callbacks store the work in ctx.run.
void add_init_commands(CLI::App& app, Context& ctx);
void add_check_commands(CLI::App& app, Context& ctx);
void add_customer_commands(CLI::App& app, Context& ctx);
void add_order_commands(CLI::App& app, Context& ctx);
void add_rfm_commands(CLI::App& app, Context& ctx);
void add_lead_commands(CLI::App& app, Context& ctx);
void add_followup_commands(CLI::App& app, Context& ctx);
void add_ticket_commands(CLI::App& app, Context& ctx);
void add_report_commands(CLI::App& app, Context& ctx);

}  // namespace crm
