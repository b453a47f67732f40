// crm: git-style entry point. Global options live on the root app and fall
// through, so they may stand before the noun or after the verb.
#include <algorithm>
#include <iostream>
#include <malloc.h>
#include <sstream>

#include "../lib/customer.h"
#include "../lib/privacy.h"
#include "../lib/commands.h"
#include "../lib/error.h"
#include "../lib/text.h"
#include "context.h"

#ifndef CRM_VERSION
#define CRM_VERSION "unknown"
#endif

namespace crm {

std::string Context::actor_name() const {
    if (!actor.empty()) return actor;
    if (const char* a = std::getenv("CRM_ACTOR"); a && *a) return a;
    if (const char* u = std::getenv("USER"); u && *u) return u;
    return "unknown";
}

Store Context::open_store() {
    Store store = Store::open(store_dir);
    access.emplace(store.config(), actor_name(), command);
    return store;
}

Writer Context::writer(const Store& store, Time now, const std::string& audit_as) const {
    return Writer(store, actor_name(), audit_as.empty() ? command : audit_as, now, dry_run, quiet ? nullptr : &std::cerr,
                  access && !access->sees_pii() ? mask_field : nullptr);
}

CLI::App* add_noun(CLI::App& app, const std::string& noun) {
    auto* cmd = app.add_subcommand(noun, std::string(command_named(noun).summary));
    cmd->require_subcommand(1);
    return cmd;
}

CLI::App* add_command(CLI::App* parent, Context& ctx, const std::string& verb, void (*fn)(Context&)) {
    const bool top = !parent->get_parent();
    const std::string name = top ? verb : parent->get_name() + " " + verb;
    const CommandSpec& spec = command_named(name);
    auto* cmd = parent->add_subcommand(verb, std::string(spec.summary));
    if (spec.writes) cmd->add_flag("--dry-run", ctx.dry_run, "show what would change, write nothing");
    cmd->callback([&ctx, fn, name] {
        ctx.command = name;
        ctx.run = [&ctx, fn] { fn(ctx); };
    });
    return cmd;
}

void require_choice(const std::string& flag, const std::string& value, const std::vector<std::string>& allowed,
                    int code) {
    if (value.empty() || std::find(allowed.begin(), allowed.end(), value) != allowed.end()) return;
    throw Failure(code, flag + ": " + quote_value(value) + " is not one of " + join(allowed, ", "));
}

CLI::Option* add_choice(CLI::App* app, const std::string& name, std::string& target,
                        const std::vector<std::string>& allowed, const std::string& help, int code) {
    return app
        ->add_option_function<std::string>(
            name,
            [&target, allowed, name, code](const std::string& v) {
                require_choice(name, v, allowed, code);
                target = v;
            },
            help)
        ->type_name(join(allowed, "|"));
}

void require_person(const Store& store, const std::string& flag, const std::string& value) {
    std::vector<std::string> names;
    for (const auto& p : store.config().people) names.push_back(p.name);
    require_choice(flag, value, names);
}

void show_record(const Context& ctx, const Table& one_row) {
    Table row = select_fields(one_row, ctx.fields, {});
    if (ctx.format != "table") {
        render(row, ctx.output(), std::cout);
        return;
    }
    Table vertical;
    vertical.columns = {{"field", Kind::Text}, {"value", Kind::Text}};
    for (size_t i = 0; i < row.columns.size(); ++i)
        if (!row.rows[0][i].empty()) vertical.add({row.columns[i].name, row.rows[0][i]});
    OutputOptions o = ctx.output();
    o.no_header = true;
    render(vertical, o, std::cout);
}

std::optional<std::set<std::string>> visible_customers(const Context& ctx, const Store& store) {
    if (ctx.access->may_see("")) return std::nullopt;
    std::set<std::string> out;
    for (const auto& c : load_records<Customer>(store, &skipped_files()))
        if (ctx.access->may_see(c.owner)) out.insert(c.id);
    return out;
}

std::optional<Date> date_flag(const std::string& text, const char* flag) {
    if (text.empty()) return std::nullopt;
    if (auto d = parse_date(text)) return d;
    throw Failure(kUsage, std::string(flag) + ": " + quote_value(text) + " is not a date (YYYY-MM-DD)");
}

std::optional<Time> time_flag(const std::string& text, Time now, const Zone& zone, std::string& why) {
    if (text.empty()) return now;
    const auto t = parse_time(text, zone);
    if (!t) why = quote_value(text) + " is not a time (YYYY-MM-DDTHH:MM[:SS][+08:00])";
    else if (*t > now) why = text + " is later than this command's time " + format_time(now, zone);
    else return t;
    return std::nullopt;
}

void mask_unless_pii(const Context& ctx, Table& table) {
    if (ctx.access && !ctx.access->sees_pii()) mask_personal(table);
}

void Context::note(const std::string& text) const {
    if (!quiet) std::cerr << text << '\n';
}

}  // namespace crm

namespace crm {
// Each noun's file (cmd/<noun>.cpp) adds its subcommands; callbacks store the work in ctx.run.
void add_init_commands(CLI::App& app, Context& ctx);
void add_check_commands(CLI::App& app, Context& ctx);
void add_customer_commands(CLI::App& app, Context& ctx);
void add_order_commands(CLI::App& app, Context& ctx);
void add_lead_commands(CLI::App& app, Context& ctx);
void add_followup_commands(CLI::App& app, Context& ctx);
void add_ticket_commands(CLI::App& app, Context& ctx);
void add_audit_commands(CLI::App& app, Context& ctx);
void add_completion_commands(CLI::App& app, Context& ctx);
void add_rfm_commands(CLI::App& app, Context& ctx);
void add_report_commands(CLI::App& app, Context& ctx);
void add_interaction_commands(CLI::App& app, Context& ctx);
void add_automation_commands(CLI::App& app, Context& ctx);
void add_outbox_commands(CLI::App& app, Context& ctx);
void add_points_commands(CLI::App& app, Context& ctx);
void add_value_commands(CLI::App& app, Context& ctx);
// In the order crm --help lists them.
constexpr void (*kNouns[])(CLI::App&, Context&) = {
    add_init_commands,     add_check_commands,      add_customer_commands,    add_order_commands,
    add_lead_commands,     add_followup_commands,   add_ticket_commands,      add_interaction_commands,
    add_automation_commands, add_outbox_commands,   add_points_commands,      add_audit_commands,       add_completion_commands,
    add_rfm_commands,      add_value_commands,      add_report_commands,
};
}  // namespace crm

static void add_help_command(CLI::App& app, crm::Context& ctx) {
    auto* help = app.add_subcommand("help", "Show help for a command: crm help customer add");
    static std::vector<std::string> words;
    help->add_option("command", words, "noun and verb");
    help->callback([&app, &ctx] {
        ctx.run = [&app] {
            CLI::App* target = &app;
            for (const auto& w : words) {
                CLI::App* sub = nullptr;
                try {
                    sub = target->get_subcommand(w);
                } catch (const CLI::OptionNotFound&) {
                }
                if (!sub) throw crm::Failure(crm::kUsage, "help: no command " + crm::quote_value(w));
                target = sub;
            }
            std::cout << target->help();
        };
    });
}

// The global options (SPEC 3): on the root app, falling through to every command.
static void add_global_options(CLI::App& app, crm::Context& ctx) {
    // An empty value here is a mistake (an unset shell variable), never "the default".
    static const CLI::Validator not_empty(
        [](std::string& v) { return v.empty() ? std::string("must not be empty") : std::string(); }, "", "NOT EMPTY");
    app.fallthrough();
    app.require_subcommand(1);
    app.set_version_flag("--version", std::string("crm ") + CRM_VERSION);
    app.add_option("-C,--store", ctx.store_dir, "store directory (else $CRM_STORE, else nearest crm.yaml)")->check(not_empty);
    app.add_option("--format", ctx.format, "table|csv|tsv|json|jsonl|yaml");
    app.add_option("--fields", ctx.fields, "columns to show, comma-separated")->check(not_empty);
    app.add_option("--as-of", ctx.as_of, "the time to act at (RFC 3339 or YYYY-MM-DD); else $CRM_NOW")->check(not_empty);
    app.add_option("--actor", ctx.actor, "who acts (default $CRM_ACTOR, else $USER)")->check(not_empty);
    app.add_flag("-q,--quiet", ctx.quiet, "print only data, no notes");
    app.add_flag("-v,--verbose", ctx.verbose, "print more notes");
    app.add_flag("--bom", ctx.bom, "start CSV with a UTF-8 byte-order mark (for spreadsheets)");
    app.add_flag("--no-header", ctx.no_header, "leave out the header row (csv, tsv, table)");
}

// Runs the command with its standard output held in memory and printed when it
// returns, after its store (and the store's apply lock) is closed: a reader
// piped into a pager never keeps a writer from committing. Printed on failure too.
static void run_buffered(crm::Context& ctx) {
    if (!ctx.run) return;
    std::ostringstream held;
    std::streambuf* const out = std::cout.rdbuf(held.rdbuf());
    try {
        ctx.run();
    } catch (...) {
        std::cout.rdbuf(out);
        std::cout << held.view();
        throw;
    }
    std::cout.rdbuf(out);
    std::cout << held.view();
}

int main(int argc, char** argv) {
    // Large buffers (a shard's records, its text) straight from mmap: glibc's
    // default raises the threshold after the first large free, and every later
    // large free from the heap then walks millions of small freed chunks
    // (malloc_consolidate was a quarter of writing a million points entries).
    mallopt(M_MMAP_THRESHOLD, 256 * 1024);
    std::ios::sync_with_stdio(false);
    crm::Context ctx;
    CLI::App app{"crm: customers, leads, tickets and orders as YAML files, versioned with git.", "crm"};
    add_global_options(app, ctx);
    for (auto add : crm::kNouns) add(app, ctx);
    add_help_command(app, ctx);

    try {
        app.parse(argc, argv);
    } catch (const CLI::CallForHelp& e) {
        return app.exit(e);
    } catch (const CLI::CallForAllHelp& e) {
        return app.exit(e);
    } catch (const CLI::CallForVersion& e) {
        return app.exit(e);
    } catch (const CLI::ParseError& e) {
        std::cerr << "crm: " << e.what() << "\n" << "Run 'crm --help' or 'crm help <noun> <verb>' for usage.\n";
        return crm::kUsage;
    } catch (const crm::Failure& f) {  // a choice flag's value (cmd/context.h, add_choice)
        std::cerr << "crm: " << f.what() << '\n';
        return f.code();
    }
    try {
        crm::check_format(ctx.format);
        if (!ctx.as_of.empty()) crm::now_from(ctx.as_of, crm::Zone());  // reject a bad --as-of before any work
        run_buffered(ctx);
        std::cout.flush();
        if (!std::cout) {
            std::cerr << "crm: cannot write to standard output\n";
            return crm::kIoErr;
        }
        if (const auto& skipped = crm::skipped_files(); !skipped.empty()) {
            for (const auto& m : skipped.list()) std::cerr << "crm: left out: " << m << '\n';
            std::cerr << "crm: the output leaves out what could not be read (above); 'crm check' lists every problem\n";
            return crm::kDataErr;
        }
    } catch (const crm::Failure& f) {
        std::cout.flush();
        std::cerr << "crm: " << f.what() << '\n';
        return f.code();
    } catch (const std::exception& e) {
        std::cout.flush();
        std::cerr << "crm: internal error: " << e.what() << '\n';
        return crm::kIoErr;
    }
    return crm::kOk;
}
