// crm check: validate the whole store; every problem as file:line: field: message.
#include <iostream>

#include "../lib/check.h"
#include "context.h"

namespace crm {

static void run_check(Context& ctx) {
    Store store = ctx.open_store();  // a bad crm.yaml fails here with exit 78
    CheckSummary n;
    const Problems problems = check_store(store, n);
    // Warnings, not problems: crm keeps such values as text, a spreadsheet might run them.
    for (size_t i = 0; i < n.formulas.size() && i < 10; ++i) std::cerr << "warning: " << n.formulas[i] << '\n';
    if (n.formulas.size() > 10)
        std::cerr << "warning: " << n.formulas.size() << " values start like a spreadsheet formula\n";
    for (const auto& p : problems.list()) std::cout << p << '\n';
    if (!problems.empty()) {
        std::cout.flush();
        throw Failure(kCheckFailed, "check: " + std::to_string(problems.size()) + " problem(s)");
    }
    // The kinds the store holds (a kind added to crm changes no store's summary).
    std::string counts;
    n.records.emplace_back("orders", n.orders);
    for (const auto& [dir, count] : n.records)
        if (count) counts += (counts.empty() ? "" : ", ") + std::to_string(count) + " " + dir;
    ctx.note("check: " + (counts.empty() ? std::string("no records") : counts) + ": ok");
}

void add_check_commands(CLI::App& app, Context& ctx) { add_command(&app, ctx, "check", run_check); }

}  // namespace crm
