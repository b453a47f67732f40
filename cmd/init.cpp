// crm init [DIR]
#include "../lib/store.h"
#include "../lib/commands.h"
#include "context.h"

namespace crm {

void add_init_commands(CLI::App& app, Context& ctx) {
    auto* cmd = app.add_subcommand("init", std::string(command_named("init").summary));
    static std::string dir = ".";
    cmd->add_option("dir", dir, "directory to create the store in (default: here)");
    cmd->callback([&ctx] {
        ctx.run = [&ctx] {
            init_store(dir);
            ctx.note("initialised crm store in " + dir);
        };
    });
}

}  // namespace crm
