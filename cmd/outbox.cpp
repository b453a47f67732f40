// crm outbox list|mark: what a sender works from, and reports back to.
#include <iostream>
#include <set>
#include <unordered_map>

#include "../lib/customer.h"
#include "../lib/interaction.h"
#include "../lib/message.h"
#include "../lib/privacy.h"
#include "../lib/record_view.h"
#include "context.h"

namespace crm {

namespace {

struct Args {
    std::string id, status, channel, customer, automation, at, note;
};
Args args;

void run_list(Context& ctx) {
    Store store = ctx.open_store();
    const Time now = ctx.now(store);
    const std::string customer = args.customer.empty() ? "" : resolve_id<Customer>(store, args.customer);
    const auto visible = visible_customers(ctx, store);
    std::vector<Message> kept;
    for_each_shard_of<Message>(store, &skipped_files(), [&](std::vector<Message>& shard) {
        for (auto& m : shard) {
            const auto created = parse_time(m.created, store.config().zone);
            if (created && *created > now) continue;  // not yet written as of a past moment
            // "due" is what to send now: a message deferred past now (quiet hours) waits.
            if (args.status == "due" && parse_time(m.due, store.config().zone) > now) continue;
            if ((!args.status.empty() && m.status != args.status) || (!args.channel.empty() && m.channel != args.channel) ||
                (!args.automation.empty() && m.automation != args.automation) ||
                (!customer.empty() && m.customer != customer) || (visible && !visible->count(m.customer)))
                continue;
            kept.push_back(std::move(m));
        }
    });
    // Where to send it: the customer's name, and the address on its channel
    // (masked as the customer's own field is for a role without the pii right).
    std::unordered_map<std::string, Customer> by_id;
    for (auto& c : load_records<Customer>(store, &skipped_files())) by_id.emplace(c.id, std::move(c));
    const bool pii = ctx.access->sees_pii();
    auto address = [&](const Message& m, size_t) -> std::string {
        auto it = by_id.find(m.customer);
        if (it == by_id.end()) return "";
        const Customer& c = it->second;
        const std::string field = m.channel == "email" ? "email" : m.channel == "wechat" ? "wechat"
                                : m.channel == "sms" || m.channel == "phone" ? "phone" : "";
        const std::string value = field.empty() ? "" : kind_of<Customer>().slots[size_t(kind_of<Customer>().index(field))]->text(c);
        return pii ? value : mask_field(field, value);
    };
    auto name = [&](const Message& m, size_t) -> std::string {
        auto it = by_id.find(m.customer);
        return it == by_id.end() ? "" : it->second.name;
    };
    Table t = declared_table(kept, std::vector<Computed<Message>>{{"name", Kind::Text, "customer", name},
                                                                  {"to", Kind::Text, "channel", address}});
    mask_unless_pii(ctx, t);
    render(select_fields(t, ctx.fields, {"id", "customer", "name", "automation", "kind", "channel", "to", "status", "due",
                                         "reason", "text"}),
           ctx.output(), std::cout);
}

// A message the sender reports on: due or failed -> sent or failed. A sent
// message becomes an interaction (out, on its channel, its text the note).
void run_mark(Context& ctx) {
    Store store = ctx.open_store();
    const Config& config = store.config();
    const Time now = ctx.now(store);
    std::string why;
    const auto given = time_flag(args.at, now, config.zone, why);
    if (!given) throw Failure(kDataErr, "--at: " + why);
    const Time at = *given;
    std::string note = args.note;
    if (std::string why = check_input(kind_of<Message>().field("note"), note, config); !why.empty())
        throw Failure(kDataErr, "--note: " + why);
    Writer writer = ctx.writer(store, now);
    std::vector<Message> found;
    for_each_shard_of<Message>(store, nullptr, [&](std::vector<Message>& shard) {
        for (auto& m : shard)
            if (m.id == args.id || (args.id.size() >= 6 && m.id.rfind(args.id, 0) == 0)) found.push_back(m);
    });
    if (found.empty()) throw Failure(kNoInput, "no message " + quote_value(args.id) + " in the outbox");
    if (found.size() > 1) throw Failure(kUsage, quote_value(args.id) + " matches " + std::to_string(found.size()) + " messages");
    Message m = found.front();
    ctx.access->require_owner(load_record<Customer>(store, m.customer).owner, "customer " + m.customer);
    if (m.status != "due" && m.status != "failed")
        throw Failure(kDataErr, "message " + m.id + " is " + m.status + ": only a due or failed message can be marked");
    const std::string stamp = format_time(at, config.zone);
    if (at < *parse_time(m.created, config.zone))
        throw Failure(kDataErr, "--at: " + stamp + " is before the message was written, " + m.created);
    if (args.status == "sent" && at < *parse_time(m.due, config.zone))
        throw Failure(kDataErr, "--at: " + stamp + " is before the message was due, " + m.due + " (quiet hours wait)");
    m.status = args.status;
    m.updated = format_time(now, config.zone);
    if (!note.empty()) m.note = note;
    std::vector<std::string> changed = {"status"};
    if (m.status == "sent") {
        m.sent = stamp;
        changed.push_back("sent");
        Interaction x;
        std::set<std::string> none;
        x.id = new_unique_id('I', now, [&](const std::string& id) { return none.count(id) > 0; });
        x.customer = m.customer;
        x.at = stamp;
        x.channel = m.channel;
        x.direction = "out";
        x.by = ctx.actor_name();
        x.ticket = m.ticket;
        x.message = m.id;
        x.note = m.text;
        x.created = m.updated;
        write_sharded(writer, store, std::vector<Interaction>{x});
        writer.audit(x.id, {"customer", "channel", "direction", "message"});
    }
    write_sharded(writer, store, std::vector<Message>{m});
    writer.audit(m.id, changed);
    writer.commit();
    std::cout << m.id << '\n';
}

}  // namespace

void add_outbox_commands(CLI::App& app, Context& ctx) {
    auto* outbox = add_noun(app, "outbox");
    auto* list = add_command(outbox, ctx, "list", run_list);
    add_choice(list, "--status", args.status, enum_at("message", "status"), "only messages in this status");
    add_choice(list, "--channel", args.channel, contact_channels(), "only this channel");
    list->add_option("--customer", args.customer, "only this customer's (ID, prefix or ref)");
    list->add_option("--automation", args.automation, "only this automation's");

    auto* mark = add_command(outbox, ctx, "mark", run_mark);
    mark->add_option("id", args.id, "message ID (or a prefix of at least 6 characters)")->required();
    add_choice(mark, "status", args.status, {"sent", "failed"}, "sent or failed", kUsage)->required();
    mark->add_option("--at", args.at, "when it was sent or failed (default: now)");
    mark->add_option("--note", args.note, "the sender's note (a gateway's error, say)");
}

}  // namespace crm
