// crm automation run: the nightly decisions, written to the outbox (crm-automation(1))
#include <iostream>
#include <map>

#include "../lib/automation.h"
#include "context.h"

namespace crm {

namespace {

void run_automations(Context& ctx) {
    Store store = ctx.open_store();
    const Time now = ctx.now(store);
    Writer writer = ctx.writer(store, now);
    const AutomationPlan plan = plan_automations(store, now);
    write_sharded(writer, store, plan.messages);
    std::map<std::string, std::pair<size_t, size_t>> per;  // automation -> (due, suppressed)
    for (const auto& m : plan.messages) {
        writer.audit(m.id, {"automation", "status"});
        (m.status == "due" ? per[m.automation].first : per[m.automation].second)++;
    }
    writer.commit();
    size_t due = 0, suppressed = 0;
    for (const auto& [name, n] : per) {
        due += n.first, suppressed += n.second;
        if (!ctx.quiet) std::cout << name << ": " << n.first << " due, " << n.second << " suppressed\n";
    }
    ctx.note(std::string(ctx.dry_run ? "would write " : "wrote ") + std::to_string(due) + " message(s) due, " +
             std::to_string(suppressed) + " suppressed, as of " + format_time(now, store.config().zone));
}

}  // namespace

void add_automation_commands(CLI::App& app, Context& ctx) {
    auto* noun = add_noun(app, "automation");
    add_command(noun, ctx, "run", run_automations);
}

}  // namespace crm
