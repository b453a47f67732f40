#include "check.h"

#include <map>
#include <unordered_map>

#include "customer.h"
#include "file_cache.h"
#include "lead.h"
#include "order.h"
#include "ticket.h"

namespace crm {

namespace {

// Remembers key -> file in seen; a key seen before is reported on file as a likely duplicate.
void flag_twin(std::map<std::string, std::string>& seen, const std::string& key, const std::string& file,
               const char* field, const char* kind, Problems& problems) {
    if (key.empty()) return;
    auto [it, fresh] = seen.emplace(key, file);
    if (!fresh) problems.add(file, 0, field, "same as " + it->second + " (likely duplicate " + kind + ")");
}

void check_person(const Store& store, const std::string& name, const std::string& file, const char* field,
                  Problems& problems) {
    if (!name.empty() && !store.config().person(name))
        problems.add(file, 0, field, quote_value(name) + " is not in people: of crm.yaml");
}

void check_customers(const std::vector<Customer>& customers, Problems& problems) {
    std::map<std::string, std::string> by_phone, by_email, by_ref;
    for (const auto& c : customers) {
        flag_twin(by_phone, c.phone, c.file, "phone", "customer", problems);
        flag_twin(by_email, c.email, c.file, "email", "customer", problems);
        flag_twin(by_ref, c.ref, c.file, "ref", "customer", problems);
    }
}

// Orders a shard at a time: a million of them are never held at once. Their
// checks are listed after the shards' own problems, as they are found.
size_t check_orders(const Store& store, const std::map<std::string, const Customer*>& by_id, Problems& problems) {
    std::vector<std::string> shard_names;
    std::unordered_map<std::string, std::pair<int, int>> order_ids;  // id -> (shard, line) first seen
    Problems order_problems;
    size_t orders = 0;
    for_each_shard(store, &problems, [&](const std::vector<Order>& shard) {
        if (!shard.empty()) shard_names.push_back(shard[0].file);
        for (const auto& o : shard) {
            ++orders;
            if (!by_id.count(o.customer)) order_problems.add(o.file, o.line, "customer", o.customer + ": no such customer");
            auto [it, fresh] = order_ids.emplace(o.id, std::pair{int(shard_names.size()) - 1, o.line});
            if (!fresh)
                order_problems.add(o.file, o.line, "id",
                                   o.id + ": duplicate order ID (also " + shard_names[it->second.first] + ":" +
                                       std::to_string(it->second.second) + ")");
        }
    });
    problems.append(order_problems);
    return orders;
}

void check_leads(const Store& store, const std::vector<Lead>& leads, const std::map<std::string, const Customer*>& by_id,
                 Problems& problems) {
    std::map<std::string, std::string> lead_phone, lead_email;
    for (const auto& l : leads) {
        if (!l.customer.empty() && !by_id.count(l.customer))
            problems.add(l.file, 0, "customer", l.customer + ": no such customer");
        check_person(store, l.owner, l.file, "owner", problems);
        if (!l.customer.empty()) continue;  // a converted lead shares its contacts with its customer
        flag_twin(lead_phone, l.phone, l.file, "phone", "lead", problems);
        flag_twin(lead_email, l.email, l.file, "email", "lead", problems);
    }
}

}  // namespace

Problems check_store(const Store& store, CheckSummary& summary) {
    bypass_caches();  // check reads every file itself, as git fsck does
    Problems problems;
    const auto customers = load_records<Customer>(store, &problems);
    std::map<std::string, const Customer*> by_id;
    for (const auto& c : customers) by_id[c.id] = &c;
    check_customers(customers, problems);
    summary.orders = check_orders(store, by_id, problems);
    const auto leads = load_records<Lead>(store, &problems);
    check_leads(store, leads, by_id, problems);
    std::map<std::string, const Lead*> lead_ids;
    for (const auto& l : leads) lead_ids[l.id] = &l;
    for (const auto& c : customers) {
        if (!c.lead.empty() && !lead_ids.count(c.lead)) problems.add(c.file, 0, "lead", c.lead + ": no such lead");
        check_person(store, c.owner, c.file, "owner", problems);
    }
    const auto tickets = load_records<Ticket>(store, &problems);
    for (const auto& t : tickets) {
        if (!t.customer.empty() && !by_id.count(t.customer))
            problems.add(t.file, 0, "customer", t.customer + ": no such customer");
        check_person(store, t.assignee, t.file, "assignee", problems);
    }
    summary.customers = customers.size();
    summary.leads = leads.size();
    summary.tickets = tickets.size();
    return problems;
}

}  // namespace crm
