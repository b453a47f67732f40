// crm value fit|recompute: predicted customer value (crm-value(1)).
#include <future>
#include <iostream>

#include "../lib/customer_view.h"
#include "../lib/health_view.h"
#include "../lib/value.h"
#include "context.h"

namespace crm {

namespace {

struct Args {
    std::string calibration_end, holdout_end;
};
Args args;

// A day flag no later than the as-of day (exit 64 otherwise).
Date day_flag(const std::string& text, const char* flag, Date otherwise, Date as_of) {
    const Date day = date_flag(text, flag).value_or(otherwise);
    if (day > as_of) throw Failure(kUsage, std::string(flag) + ": " + format_date(day) + " is after the as-of day " + format_date(as_of));
    return day;
}

void run_fit(Context& ctx) {
    Store store = ctx.open_store();
    const Time now = ctx.now(store);
    const Date as_of = local_date(now, store.config().zone);
    const Date end = day_flag(args.calibration_end, "--calibration-end", as_of, as_of);
    const auto customers = customers_at(store, now);
    const auto facts = order_facts(customers, store, &skipped_files());
    const auto purchases = purchases_to(facts, customers.size(), end);
    const ValueFit fit = fit_value(purchases, end);
    // The holdout: to --holdout-end, else to the last order up to the as-of day.
    Date last = end;
    for (const auto& o : facts)
        if (o.date <= as_of) last = std::max(last, o.date);
    const Date holdout_end = day_flag(args.holdout_end, "--holdout-end", last, as_of);
    if (holdout_end < end) throw Failure(kUsage, "--holdout-end: " + format_date(holdout_end) + " is before the calibration end " + format_date(end));
    const auto holdout = holdout_end > end ? std::optional(check_holdout(fit, purchases, facts, holdout_end)) : std::nullopt;
    render(select_fields(value_table(fit, holdout ? &*holdout : nullptr), ctx.fields, {"name", "value"}), ctx.output(), std::cout);
}

void run_recompute(Context& ctx) {
    Store store = ctx.open_store();
    const Time now = ctx.now(store);
    const Date as_of = local_date(now, store.config().zone);
    Writer writer = ctx.writer(store, now);
    auto customers = customers_at(store, now);
    const auto facts = order_facts(customers, store, &skipped_files());
    // A young store's orders may not determine the models yet: the night still
    // keeps the health bands (without p_alive) and says why there is no fit.
    // The fit (two cores' work) while the health facts are read.
    std::string no_fit;
    auto fitting = std::async(std::launch::async, [&]() -> std::optional<ValueFit> {
        try {
            return fit_value(purchases_to(facts, customers.size(), as_of), as_of);
        } catch (const Failure& f) {
            if (f.code() != kDataErr) throw;
            no_fit = f.what();
            return std::nullopt;
        }
    });
    HealthInputs health = health_inputs(store, customers, facts, now);
    const std::optional<ValueFit> fit = fitting.get();
    // The file changes only when the fit does: a night without orders leaves git clean.
    const bool changed = fit && writer.put(kValueFile, value_yaml(*fit));
    // So do the customers: only a band that moves is written.
    const auto transitions =
        keep_risk_bands(writer, customers, health_scores(std::move(health), fit ? &*fit : nullptr, store.config().health), as_of);
    if (!transitions.empty()) {
        const std::string rel = transitions_path(as_of);
        writer.append(rel, transitions_text(transitions, !fs::exists(store.path(rel))));
    }
    writer.commit();
    if (fit) render(select_fields(value_table(*fit, nullptr), ctx.fields, {"name", "value"}), ctx.output(), std::cout);
    const std::string would = ctx.dry_run ? "would " : "";
    ctx.note((fit ? (changed ? would + (ctx.dry_run ? "write " : "wrote ") : std::string("unchanged: ")) + kValueFile + " (" +
                        std::to_string(fit->customers) + " customers, " + std::to_string(fit->repeat_customers) +
                        " bought again, to " + format_date(as_of) + ")"
                  : "no fit: " + no_fit + "; " + kValueFile + " left as it was") +
             "; " + (ctx.dry_run ? "would move " : "moved ") + std::to_string(transitions.size()) + " customers' risk band");
}

}  // namespace

void add_value_commands(CLI::App& app, Context& ctx) {
    auto* noun = add_noun(app, "value");
    auto* fit = add_command(noun, ctx, "fit", run_fit);
    fit->add_option("--calibration-end", args.calibration_end, "fit to the orders up to this day (default: the as-of day)");
    fit->add_option("--holdout-end", args.holdout_end,
                    "compare the fit with the purchases after it, to this day (default: the last order's)");
    add_command(noun, ctx, "recompute", run_recompute);
}

}  // namespace crm
