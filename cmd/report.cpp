// crm report rfm|funnel|leads|sla
#include <iostream>
#include <limits>
#include <map>

#include "../lib/customer.h"
#include "../lib/lead.h"
#include "../lib/customer_view.h"
#include "../lib/lead_reports.h"
#include "../lib/ticket.h"
#include "../lib/ticket_view.h"
#include "../lib/order.h"
#include "../lib/report.h"
#include "../lib/engagement_report.h"
#include "../lib/health_view.h"
#include "../lib/kpi.h"
#include "../lib/points_view.h"
#include "../lib/retention.h"
#include "../lib/text.h"
#include "context.h"

namespace crm {

namespace {

std::string by, from, to;
bool leads_flag = false;

// --from/--to: a day, or a month (YYYY-MM): its first day as a start, its last as an end.
std::optional<Date> date_option(const std::string& text, const char* flag, bool end) {
    if (text.empty()) return std::nullopt;
    if (auto d = parse_date(text)) return d;
    if (text.size() == 7 && text[4] == '-') {
        if (auto first = parse_date(text + "-01")) {
            if (!end) return first;
            int y, m, d;
            civil(*first, y, m, d);
            return *make_date(m == 12 ? y + 1 : y, m == 12 ? 1 : m + 1, 1) - 1;
        }
    }
    throw Failure(kUsage, std::string(flag) + ": " + quote_value(text) + " is not a date (YYYY-MM-DD) or a month (YYYY-MM)");
}
std::optional<Date> from_option() { return date_option(from, "--from", false); }
std::optional<Date> to_option() { return date_option(to, "--to", true); }

// Built a member at a time: a bad --from thrown from inside a braced aggregate
// initialiser makes GCC 12 destroy the copied `by` out of its scope (ASan:
// stack-use-after-scope on `report sla --from 11/2026`).
LeadReportOptions lead_options() {
    LeadReportOptions o;
    o.from = from_option();
    o.to = to_option();
    o.by = by;
    return o;
}

void run_funnel(Context& ctx) {
    Store store = ctx.open_store();
    render(select_fields(funnel_report(load_records_at<Lead>(store, ctx.now(store)), store.config(), lead_options()),
                         ctx.fields, {}),
           ctx.output(),
           std::cout);
}

void run_leads(Context& ctx) {
    Store store = ctx.open_store();
    render(select_fields(leads_report(load_records_at<Lead>(store, ctx.now(store)), store.config(), lead_options()),
                         ctx.fields, {}),
           ctx.output(),
           std::cout);
}

bool detail = false;
std::string month;

void run_sla(Context& ctx) {
    Store store = ctx.open_store();
    const Time now = ctx.now(store);
    TicketReportOptions options;  // member by member, as lead_options() says why
    options.from = from_option();
    options.to = to_option();
    options.by = by;
    options.detail = detail;
    Table t = leads_flag ? lead_sla_report(load_records_at<Lead>(store, now), store.config(), now, lead_options())
                         : sla_report(load_records_at<Ticket>(store, now), store.config(), now, options);
    render(select_fields(t, ctx.fields, {}), ctx.output(), std::cout);
}

void run_retention(Context& ctx) {
    Store store = ctx.open_store();
    const Date as_of = local_date(ctx.now(store), store.config().zone);
    render(select_fields(retention_report(load_orders(store, &skipped_files()), from_option(), to_option(), as_of), ctx.fields, {}),
           ctx.output(), std::cout);
}

void run_engagement(Context& ctx) {
    Store store = ctx.open_store();
    EngagementOptions options;  // member by member, as lead_options() says why
    options.from = from_option();
    options.to = to_option();
    options.by = by;
    render(select_fields(engagement_report(store, ctx.now(store), options), ctx.fields, {}), ctx.output(), std::cout);
}

void run_interactions(Context& ctx) {
    Store store = ctx.open_store();
    render(select_fields(interactions_report(store, ctx.now(store), from_option(), to_option()), ctx.fields, {}),
           ctx.output(), std::cout);
}

void run_complaints(Context& ctx) {
    Store store = ctx.open_store();
    render(select_fields(complaints_report(load_records_at<Ticket>(store, ctx.now(store)), store.config(), ctx.now(store), month), ctx.fields, {}),
           ctx.output(), std::cout);
}

void run_points(Context& ctx) {
    Store store = ctx.open_store();
    const Time now = ctx.now(store);
    std::map<std::string, std::string> tier_of;
    for (const auto& c : load_records_at<Customer>(store, now)) tier_of[c.id] = c.tier;
    render(select_fields(points_report(load_ledger(store, now), tier_of, now, store.config(), by), ctx.fields, {}),
           ctx.output(), std::cout);
}

void run_kpi(Context& ctx) {
    Store store = ctx.open_store();
    render(select_fields(kpi_report(store, ctx.now(store), month), ctx.fields, {}), ctx.output(), std::cout);
}

void run_health(Context& ctx) {
    Store store = ctx.open_store();
    const Time now = ctx.now(store);
    const auto customers = customers_at(store, now);
    std::string note;
    const Worths worths = worths_for(store, customers, "health,potential_value", now, &note);
    if (!note.empty()) ctx.note(note);
    std::vector<std::optional<Health>> health;
    std::vector<double> potential;
    for (const auto& w : worths) {
        health.push_back(w.health);
        potential.push_back(w.value ? w.value->potential_value : 0);
    }
    render(select_fields(health_report(health, potential), ctx.fields, {}), ctx.output(), std::cout);
}

void run_rfm(Context& ctx) {
    Store store = ctx.open_store();
    const Date as_of = local_date(ctx.now(store), store.config().zone);
    auto customers = customers_at(store, ctx.now(store));
    auto results = rfm_for(customers, store, as_of, &skipped_files());
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
        if (__builtin_add_overflow(a.m, r.m, &a.m))
            throw Failure(kDataErr, "report rfm: the amounts of group " + quote_value(key) + " add up beyond " +
                                        format_money(std::numeric_limits<Cents>::max()) + ", the most crm can add up");
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
    auto* noun = add_noun(app, "report");
    auto* rfm = add_command(noun, ctx, "rfm", run_rfm);
    rfm->add_option("--by", by, "segment|lifecycle|tier (default: one row, group all)");

    auto window = [](CLI::App* cmd, const char* by_help) {
        cmd->add_option("--by", by, by_help);
        cmd->add_option("--from", from, "only records created on or after this day (YYYY-MM-DD) or month (YYYY-MM)");
        cmd->add_option("--to", to, "only records created on or before this day or month");
    };
    auto* funnel = add_command(noun, ctx, "funnel", run_funnel);
    window(funnel, "owner|source|region");
    auto* leads = add_command(noun, ctx, "leads", run_leads);
    window(leads, "source|grade|owner|region");
    auto* sla = add_command(noun, ctx, "sla", run_sla);
    window(sla, "priority|type|group|assignee|channel|month (tickets); owner|source|region (--leads)");
    sla->add_flag("--leads", leads_flag, "the lead follow-up SLA");
    sla->add_flag("--detail", detail, "one row per ticket with its due times and states");
    auto* complaints = add_command(noun, ctx, "complaints", run_complaints);
    complaints->add_option("--month", month, "YYYY-MM (tickets created in it)");
    auto* retention = add_command(noun, ctx, "retention", run_retention);
    retention->add_option("--from", from, "first month: YYYY-MM (or any day in it)");
    retention->add_option("--to", to, "last month: YYYY-MM (or any day in it)");
    auto* engagement = add_command(noun, ctx, "engagement", run_engagement);
    add_choice(engagement, "--by", by, {"automation", "channel", "reason"}, "automation (with channel), channel, or reason");
    engagement->add_option("--from", from, "messages due on or after this day (YYYY-MM-DD) or month (YYYY-MM)");
    engagement->add_option("--to", to, "messages due on or before this day or month");
    auto* points = add_command(noun, ctx, "points", run_points);
    add_choice(points, "--by", by, {"tier", "month"}, "tier (outstanding points and their value; default) or month (flows)");
    add_command(noun, ctx, "health", run_health);
    auto* kpi = add_command(noun, ctx, "kpi", run_kpi);
    kpi->add_option("--month", month, "YYYY-MM (default: the as-of month, to the as-of day)");
    auto* interactions = add_command(noun, ctx, "interactions", run_interactions);
    interactions->add_option("--from", from, "interactions on or after this day (YYYY-MM-DD) or month (YYYY-MM)");
    interactions->add_option("--to", to, "interactions on or before this day or month");
}

}  // namespace crm
