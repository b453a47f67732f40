// crm interaction log|list
#include <algorithm>
#include <iostream>
#include <set>
#include <tuple>

#include "../lib/customer.h"
#include "../lib/interaction.h"
#include "../lib/lead.h"
#include "../lib/record_view.h"
#include "../lib/ticket.h"
#include "../lib/timeline.h"
#include "context.h"
#include "fields.h"

namespace crm {

namespace {

struct Args {
    std::string customer, channel, direction, note, at, by, lead, ticket, from, to;
};
Args args;

void run_log(Context& ctx) {
    Store store = ctx.open_store();
    const Config& config = store.config();
    const Time now = ctx.now(store);
    Interaction x;
    Problems problems;
    take_flag_values<Interaction>({{"channel", args.channel, x.channel}, {"direction", args.direction, x.direction},
                                   {"note", args.note, x.note}, {"by", args.by, x.by}},
                                  config, problems);
    // When it happened: --at (in the store's timezone unless it has an offset), else now.
    std::string why;
    const std::optional<Time> at = time_flag(args.at, now, config.zone, why);
    if (!at) problems.add("--at: " + why);
    problems.raise(kDataErr);
    Writer writer = ctx.writer(store, now);
    x.customer = resolve_id<Customer>(store, args.customer);
    ctx.access->require_owner(load_record<Customer>(store, x.customer).owner, "customer " + x.customer);
    if (!args.lead.empty()) x.lead = resolve_id<Lead>(store, args.lead);
    if (!args.ticket.empty()) x.ticket = resolve_id<Ticket>(store, args.ticket);
    if (x.by.empty()) x.by = ctx.actor_name();
    x.at = format_time(*at, config.zone);
    x.created = format_time(now, config.zone);
    std::set<std::string> minted;
    x.id = new_unique_id('I', now, [&](const std::string& id) { return minted.count(id) > 0; });
    write_sharded(writer, store, std::vector<Interaction>{x});
    writer.audit(x.id, {"customer", "channel", "direction", "note"});
    writer.commit();
    std::cout << x.id << '\n';
}

void run_list(Context& ctx) {
    Store store = ctx.open_store();
    const Config& config = store.config();
    const Time now = ctx.now(store);
    const std::string customer = args.customer.empty() ? "" : resolve_id<Customer>(store, args.customer);
    const auto from = date_flag(args.from, "--from"), to = date_flag(args.to, "--to");
    const auto visible = visible_customers(ctx, store);
    std::vector<Interaction> kept;
    // Lead contact logs and ticket replies are interactions too, listed with them.
    std::vector<Interaction> derived =
        derived_interactions(load_records_at<Lead>(store, now), load_records_at<Ticket>(store, now));
    auto each = [&](std::vector<Interaction>& shard) {
        for (auto& x : shard) {
            const auto at = parse_time(x.at, config.zone);
            const auto created = parse_time(x.created, config.zone);
            if (!at || *at > now || (created && *created > now)) continue;  // as of a past moment, not yet logged
            const Date day = local_date(*at, config.zone);
            if ((from && day < *from) || (to && day > *to)) continue;
            if (!customer.empty() && x.customer != customer) continue;
            if ((!args.channel.empty() && x.channel != args.channel) ||
                (!args.direction.empty() && x.direction != args.direction))
                continue;
            if (visible && !visible->count(x.customer)) continue;
            kept.push_back(std::move(x));
        }
    };
    for_each_shard_of<Interaction>(store, &skipped_files(), each);
    each(derived);
    if (!derived.empty()) {  // shards are in time order already; the derived ones go in theirs
        std::vector<std::pair<Time, size_t>> order;
        for (size_t i = 0; i < kept.size(); ++i) order.emplace_back(parse_time(kept[i].at, config.zone).value_or(0), i);
        std::stable_sort(order.begin(), order.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
        std::vector<Interaction> sorted;
        sorted.reserve(kept.size());
        for (const auto& [at, i] : order) sorted.push_back(std::move(kept[i]));
        kept = std::move(sorted);
    }
    Table t = declared_table(kept);
    mask_unless_pii(ctx, t);
    render(select_fields(t, ctx.fields, {"id", "customer", "at", "channel", "direction", "by", "note"}), ctx.output(),
           std::cout);
}

}  // namespace

void add_interaction_commands(CLI::App& app, Context& ctx) {
    auto* noun = add_noun(app, "interaction");

    auto* log = add_command(noun, ctx, "log", run_log);
    log->add_option("--customer", args.customer, "customer ID, prefix or ref")->required();
    add_choice(log, "--channel", args.channel, contact_channels(), "how: phone, wechat, email, sms, visit, app", kDataErr)
        ->required();
    add_choice(log, "--direction", args.direction, enum_at("interaction", "direction"), "in (from the customer) or out",
               kDataErr)
        ->required();
    log->add_option("--note", args.note, "what was said or done");
    log->add_option("--at", args.at, "when it happened (default: now); the store's timezone unless given");
    log->add_option("--by", args.by, "who had it (default: the actor)");
    log->add_option("--lead", args.lead, "the lead it was about (ID, prefix or ref)");
    log->add_option("--ticket", args.ticket, "the ticket it was about (ID, prefix or ref)");

    auto* list = add_command(noun, ctx, "list", run_list);
    list->add_option("--customer", args.customer, "only this customer's (ID, prefix or ref)");
    add_choice(list, "--channel", args.channel, contact_channels(), "only this channel");
    add_choice(list, "--direction", args.direction, enum_at("interaction", "direction"), "in or out");
    list->add_option("--from", args.from, "from this date (inclusive)");
    list->add_option("--to", args.to, "to this date (inclusive)");
}

}  // namespace crm
