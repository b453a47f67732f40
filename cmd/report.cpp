// crm report rfm (more reports come with leads and tickets)
#include <iostream>
#include <map>

#include "../lib/customer.h"
#include "../lib/customer_view.h"
#include "../lib/order.h"
#include "../lib/report.h"
#include "../lib/text.h"
#include "context.h"

namespace crm {

namespace {

std::string by;

void run_rfm(Context& ctx) {
    Store store = ctx.open_store();
    const Date as_of = local_date(ctx.now(store), store.config().zone);
    auto customers = load_customers(store);
    auto results = rfm_for(customers, load_orders(store), as_of, store.config());
    if (!by.empty() && by != "segment" && by != "lifecycle" && by != "tier")
        throw Failure(kUsage, "--by: " + quote_value(by) + " is not one of segment, lifecycle, tier");

    struct Acc {
        long long customers = 0, buyers = 0, r = 0, f = 0;
        Cents m = 0;
    };
    std::map<std::string, Acc> groups;
    for (const auto& r : results) {
        std::string key = by.empty() ? "all" : by == "segment" ? r.segment : by == "lifecycle" ? r.lifecycle : r.tier;
        if (key.empty()) key = "none";
        Acc& a = groups[key];
        ++a.customers;
        if (!r.has_orders) continue;
        ++a.buyers;
        a.r += r.r;
        a.f += r.f;
        a.m += r.m;
    }
    Table t;
    t.columns = {{"group", Kind::Text},    {"customers", Kind::Number}, {"share", Kind::Number},
                 {"monetary", Kind::Number}, {"avg_r", Kind::Number},   {"avg_f", Kind::Number},
                 {"avg_m", Kind::Number}};
    const long long total = (long long)customers.size();
    for (const auto& [key, a] : groups)
        t.add({key, std::to_string(a.customers), ratio(a.customers, total, 3), format_money(a.m),
               ratio(a.r, a.buyers, 1), ratio(a.f, a.buyers, 2), money_average(a.m, a.buyers)});
    render(select_fields(t, ctx.fields, {}), ctx.output(), std::cout);
}

}  // namespace

void add_report_commands(CLI::App& app, Context& ctx) {
    auto* noun = app.add_subcommand("report", "Reports for analysts (CSV-friendly)");
    noun->require_subcommand(1);
    auto* rfm = noun->add_subcommand("rfm", "Customers per segment, lifecycle or tier: count, share, R/F/M averages");
    rfm->add_option("--by", by, "segment|lifecycle|tier (default: one row, group all)");
    rfm->callback([&ctx] { ctx.run = [&ctx] { run_rfm(ctx); }; });
}

}  // namespace crm
