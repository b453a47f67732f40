// crm check: validate the whole store; every problem as file:line: field: message.
#include <iostream>
#include <map>
#include <unordered_map>

#include "../lib/customer.h"
#include "../lib/file_cache.h"
#include "../lib/lead.h"
#include "../lib/ticket.h"
#include "../lib/order.h"
#include "../lib/text.h"
#include "context.h"

namespace crm {

// Remembers key -> file in seen; a key seen before is reported on file as a likely duplicate.
static void flag_twin(std::map<std::string, std::string>& seen, const std::string& key, const std::string& file,
                      const char* field, const char* kind, Problems& problems) {
    if (key.empty()) return;
    auto [it, fresh] = seen.emplace(key, file);
    if (!fresh) problems.add(file, 0, field, "same as " + it->second + " (likely duplicate " + kind + ")");
}

static void run_check(Context& ctx) {
    Store store = ctx.open_store();  // a bad crm.yaml fails here with exit 78
    bypass_caches();  // check reads every file itself, as git fsck does
    Problems problems;
    auto customers = load_records<Customer>(store, &problems);

    std::map<std::string, const Customer*> by_id;
    std::map<std::string, std::string> by_phone, by_email, by_ref;
    for (const auto& c : customers) {
        by_id[c.id] = &c;
        flag_twin(by_phone, c.phone, c.file, "phone", "customer", problems);
        flag_twin(by_email, c.email, c.file, "email", "customer", problems);
        flag_twin(by_ref, c.ref, c.file, "ref", "customer", problems);
    }
    // Orders a shard at a time: a million of them are never held at once. Their
    // checks are listed after the shards' own problems, as they are found.
    std::vector<std::string> shard_names;
    std::unordered_map<std::string, std::pair<int, int>> order_ids;  // id -> (shard, line) first seen
    Problems order_problems;
    size_t orders = 0;
    for_each_shard(store, &problems, [&](const std::vector<Order>& shard) {
        if (!shard.empty()) shard_names.push_back(shard[0].file);
        for (const auto& o : shard) {
            ++orders;
            if (!by_id.count(o.customer))
                order_problems.add(o.file, o.line, "customer", o.customer + ": no such customer");
            auto [it, fresh] = order_ids.emplace(o.id, std::pair{int(shard_names.size()) - 1, o.line});
            if (!fresh)
                order_problems.add(o.file, o.line, "id",
                                   o.id + ": duplicate order ID (also " + shard_names[it->second.first] + ":" +
                                       std::to_string(it->second.second) + ")");
        }
    });
    problems.append(order_problems);
    order_ids = {};
    auto leads = load_records<Lead>(store, &problems);
    std::map<std::string, const Lead*> lead_ids;
    std::map<std::string, std::string> lead_phone, lead_email;
    for (const auto& l : leads) lead_ids[l.id] = &l;
    for (const auto& l : leads) {
        if (!l.customer.empty() && !by_id.count(l.customer))
            problems.add(l.file, 0, "customer", l.customer + ": no such customer");
        if (!l.owner.empty() && !store.config().person(l.owner))
            problems.add(l.file, 0, "owner", quote_value(l.owner) + " is not in people: of crm.yaml");
        if (!l.customer.empty()) continue;  // a converted lead shares its contacts with its customer
        flag_twin(lead_phone, l.phone, l.file, "phone", "lead", problems);
        flag_twin(lead_email, l.email, l.file, "email", "lead", problems);
    }
    for (const auto& c : customers) {
        if (!c.lead.empty() && !lead_ids.count(c.lead)) problems.add(c.file, 0, "lead", c.lead + ": no such lead");
        if (!c.owner.empty() && !store.config().person(c.owner))
            problems.add(c.file, 0, "owner", quote_value(c.owner) + " is not in people: of crm.yaml");
    }
    auto tickets = load_records<Ticket>(store, &problems);
    for (const auto& t : tickets) {
        if (!t.customer.empty() && !by_id.count(t.customer))
            problems.add(t.file, 0, "customer", t.customer + ": no such customer");
        if (!t.assignee.empty() && !store.config().person(t.assignee))
            problems.add(t.file, 0, "assignee", quote_value(t.assignee) + " is not in people: of crm.yaml");
    }
    for (const auto& p : problems.list()) std::cout << p << '\n';
    if (!problems.empty()) {
        std::cout.flush();
        throw Failure(kCheckFailed, "check: " + std::to_string(problems.size()) + " problem(s)");
    }
    ctx.note("check: " + std::to_string(customers.size()) + " customers, " + std::to_string(orders) +
             " orders, " + std::to_string(leads.size()) + " leads, " + std::to_string(tickets.size()) + " tickets: ok");
}

void add_check_commands(CLI::App& app, Context& ctx) {
    auto* cmd = add_command(&app, ctx, "check", run_check);
}

}  // namespace crm
