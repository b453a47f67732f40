// crm points earn|redeem|adjust|reverse|balance|history|expire: the loyalty ledger.
#include <iostream>

#include "../lib/customer.h"
#include "../lib/order_input.h"
#include "../lib/points.h"
#include "../lib/points_view.h"
#include "context.h"

namespace crm {

namespace {

struct Args {
    std::string customer, event, source, reward, reason, at, entry;
    long long points = 0;
    bool orders = false;
};
Args args;

// --points within what an entry holds (exit 64 past it), and --reward by its field's rule.
void check_points_flags(const Config& config) {
    if (std::llabs(args.points) > 1000000000) throw Failure(kUsage, "--points: " + std::to_string(args.points) + " is past 1000000000");
    std::string reward = args.reward;
    if (std::string why = check_input(kind_of<PointsEntry>().field("reward"), reward, config); !why.empty())
        throw Failure(kDataErr, "--reward: " + why);
}

// Who and when, from the flags: the customer resolved and the actor allowed to act on them.
Act act_from_flags(const Context& ctx, const Store& store, Time now) {
    check_points_flags(store.config());
    Act act;
    std::string why;
    const auto at = time_flag(args.at, now, store.config().zone, why);
    if (!at) throw Failure(kDataErr, "--at: " + why);
    act.at = *at;
    act.now = now;
    act.actor = ctx.actor_name();
    act.reason = args.reason;
    if (std::string bad = check_input(kind_of<PointsEntry>().field("reason"), act.reason, store.config()); !bad.empty())
        throw Failure(kDataErr, "--reason: " + bad);
    if (!args.customer.empty()) {
        act.customer = resolve_id<Customer>(store, args.customer);
        ctx.access->require_owner(load_record<Customer>(store, act.customer).owner, "customer " + act.customer);
    }
    return act;
}

void write_entries(Writer& writer, const Store& store, const std::vector<PointsEntry>& entries) {
    write_sharded(writer, store, entries);
    for (const auto& e : entries) writer.audit(e.id, {"customer", "type", "points"});
    writer.commit();
}

// One entry written: its ID on stdout, the balance it leaves on stderr.
void write_one(const Context& ctx, Writer& writer, const Store& store, const Ledger& ledger, const PointsEntry& e) {
    write_entries(writer, store, {e});
    std::cout << e.id << '\n';
    const Date day = local_date(ctx.now(store), store.config().zone);
    ctx.note(name_of(e.type) + " " + std::to_string(e.points) + " points; " + e.customer + " holds " +
             describe_balance(ledger.accounts.at(e.customer), day));
}

void run_earn(Context& ctx) {
    Store store = ctx.open_store();
    const Time now = ctx.now(store);
    Writer writer = ctx.writer(store, now);
    Ledger ledger = load_ledger(store, kWholeLedger);
    if (args.orders) {
        const auto entries = order_reconciliation(store, ledger, now, ctx.actor_name());
        write_entries(writer, store, entries);
        for (const auto& e : entries) std::cout << e.id << '\n';
        ctx.note((ctx.dry_run ? "would write " : "wrote ") + std::to_string(entries.size()) + " entries for orders");
        return;
    }
    if (args.customer.empty() || args.event.empty()) throw Failure(kUsage, "give --customer and --event, or --orders");
    if (args.event == "referral" && !order_id_taken(store, args.source))
        throw Failure(kNoInput, "--source: no order " + quote_value(args.source) + " (a referral earns when the referred customer orders)");
    const Act act = act_from_flags(ctx, store, now);
    write_one(ctx, writer, store, ledger, event_earn(ledger, act, args.event, args.source, store.config()));
}

void run_redeem(Context& ctx) {
    Store store = ctx.open_store();
    const Config& config = store.config();
    const Time now = ctx.now(store);
    check_points_flags(config);
    long long points = args.points;
    if (const Reward* r = config.loyalty.reward(args.reward)) {
        if (points != 0 && points != r->points)
            throw Failure(kUsage, "--points: " + args.reward + " costs " + std::to_string(r->points) + " points");
        points = r->points;
    } else if (!args.reward.empty() && points == 0) {
        throw Failure(kUsage, "--reward: " + quote_value(args.reward) + " is not in crm.yaml loyalty.rewards; give --points for it");
    }
    Writer writer = ctx.writer(store, now);
    Ledger ledger = load_ledger(store, kWholeLedger);
    const Act act = act_from_flags(ctx, store, now);
    write_one(ctx, writer, store, ledger, take_points(ledger, act, PointsType::kRedeem, points, args.reward, config));
}

void run_adjust(Context& ctx) {
    Store store = ctx.open_store();
    const Time now = ctx.now(store);
    if (args.points == 0) throw Failure(kUsage, "--points: give the points to add (or, below 0, to take)");
    Writer writer = ctx.writer(store, now);
    Ledger ledger = load_ledger(store, kWholeLedger);
    const Act act = act_from_flags(ctx, store, now);
    write_one(ctx, writer, store, ledger,
              args.points > 0 ? add_points(ledger, act, args.points, store.config())
                              : take_points(ledger, act, PointsType::kAdjust, -args.points, "", store.config()));
}

void run_reverse(Context& ctx) {
    Store store = ctx.open_store();
    const Time now = ctx.now(store);
    Writer writer = ctx.writer(store, now);
    Ledger ledger = load_ledger(store, kWholeLedger);
    const Act act = act_from_flags(ctx, store, now);
    const PointsEntry e = reverse_entry(ledger, act, args.entry, store.config());
    ctx.access->require_owner(load_record<Customer>(store, e.customer).owner, "customer " + e.customer);
    write_one(ctx, writer, store, ledger, e);
}

void run_expire(Context& ctx) {
    Store store = ctx.open_store();
    const Time now = ctx.now(store);
    Writer writer = ctx.writer(store, now);
    const Ledger ledger = load_ledger(store, kWholeLedger);
    const auto entries = expiry_entries(ledger, now, store.config().zone, ctx.actor_name());
    write_entries(writer, store, entries);
    long long points = 0;
    for (const auto& e : entries) points -= e.points;
    ctx.note((ctx.dry_run ? "would expire " : "expired ") + std::to_string(points) + " points in " +
             std::to_string(entries.size()) + " lot(s)");
}

void run_balance(Context& ctx) {
    Store store = ctx.open_store();
    const Time now = ctx.now(store);
    const std::string customer = args.customer.empty() ? "" : resolve_id<Customer>(store, args.customer);
    const auto visible = visible_customers(ctx, store);
    if (visible && !customer.empty() && !visible->count(customer))
        throw Failure(kNoPerm, "customer " + customer + " is not yours");
    const Ledger ledger = customer.empty() ? load_ledger(store, now) : load_account(store, customer, now);
    render(select_fields(balance_table(ledger, customer, visible ? &*visible : nullptr, local_date(now, store.config().zone)),
                         ctx.fields, {"customer", "balance", "expiring_30d", "next_expiry", "next_expiry_points"}),
           ctx.output(), std::cout);
}

void run_history(Context& ctx) {
    Store store = ctx.open_store();
    const Time now = ctx.now(store);
    const std::string customer = resolve_id<Customer>(store, args.customer);
    if (const auto visible = visible_customers(ctx, store); visible && !visible->count(customer))
        throw Failure(kNoPerm, "customer " + customer + " is not yours");
    const Ledger ledger = load_account(store, customer, now);
    render(select_fields(history_table(ledger, customer, now), ctx.fields,
                         {"id", "at", "type", "points", "balance", "expires", "source", "reward", "lots", "reason"}),
           ctx.output(), std::cout);
}

}  // namespace

void add_points_commands(CLI::App& app, Context& ctx) {
    auto* noun = add_noun(app, "points");
    auto customer = [](CLI::App* cmd, bool required) {
        auto* o = cmd->add_option("--customer", args.customer, "customer ID, prefix or ref");
        if (required) o->required();
    };
    auto when = [](CLI::App* cmd) {
        cmd->add_option("--at", args.at, "when it happened (default: now); the store's timezone unless given");
        cmd->add_option("--reason", args.reason, "why, kept on the entry");
    };

    auto* earn = add_command(noun, ctx, "earn", run_earn);
    customer(earn, false);
    add_choice(earn, "--event", args.event, {"check_in", "referral", "review"}, "what earns the points (crm.yaml loyalty.events)");
    earn->add_option("--source", args.source, "the referred order's ID (referral), the review's ref (review)");
    earn->add_flag("--orders", args.orders, "earn for every order without its points, reverse those of orders gone");
    when(earn);

    auto* redeem = add_command(noun, ctx, "redeem", run_redeem);
    customer(redeem, true);
    redeem->add_option("--points", args.points, "points to spend (default: the reward's price)");
    redeem->add_option("--reward", args.reward, "what for: a name of crm.yaml loyalty.rewards, or any name with --points");
    when(redeem);

    auto* adjust = add_command(noun, ctx, "adjust", run_adjust);
    customer(adjust, true);
    adjust->add_option("--points", args.points, "points to add, or (below 0) to take")->required();
    when(adjust);
    adjust->get_option("--reason")->required();

    auto* reverse = add_command(noun, ctx, "reverse", run_reverse);
    reverse->add_option("entry", args.entry, "the earn or redeem entry to undo")->required();
    when(reverse);

    add_command(noun, ctx, "expire", run_expire);

    auto* balance = add_command(noun, ctx, "balance", run_balance);
    balance->add_option("customer", args.customer, "customer ID, prefix or ref (default: every customer)");

    auto* history = add_command(noun, ctx, "history", run_history);
    history->add_option("customer", args.customer, "customer ID, prefix or ref")->required();
}

}  // namespace crm
