#include "check.h"

#include <map>
#include <unordered_map>
#include <unordered_set>

#include "file_cache.h"
#include "kinds.h"
#include "order.h"
#include "customer_view.h"
#include "text.h"
#include "value.h"

namespace crm {

namespace {

// A record that holds a contact value first: later holders are its likely duplicates.
struct Holder {
    std::string file, id, kind;
    std::vector<std::string> links;  // the IDs it refers to (a converted lead's customer)
};

// What check has read so far, for the rules across records.
struct Seen {
    std::map<std::string, std::unordered_set<std::string>> ids;  // kind -> IDs
    struct Ref {
        std::string file, field, kind, id;
    };
    std::vector<Ref> refs;                               // checked once every kind is read
    std::unordered_map<std::string, Holder> contacts;   // "phone\t+86..." -> first holder
    std::unordered_map<std::string, std::string> unique;  // "customer\tref\tK1" -> file
    std::vector<std::string> formulas;                    // values that start like a spreadsheet formula
};

void note_formula(Seen& seen, const std::string& file, int line, const std::string& field, const std::string& v) {
    if (formula_like(v))
        seen.formulas.push_back(located(file, line, field, quote_value(v) + " starts like a spreadsheet formula"));
}

// The fields of a kind that the rules across records look at, found once.
struct Roles {
    std::vector<size_t> refers, people, unique;  // people: values crm.yaml lists (people, ticket channels)
    std::vector<std::pair<size_t, std::string>> contacts;  // the field and how it is normalised
    template <class R>
    explicit Roles(const RecordKind<R>& k) {
        for (size_t i = 0; i < k.fields.size(); ++i) {
            const FieldInfo& f = k.fields[i];
            const std::string how = f.ext("normalise");
            if (!f.refers.empty()) refers.push_back(i);
            if (how == "person" || how == "channel") people.push_back(i);
            // A contact field is checked across kinds below, which covers its x-unique too.
            if (how == "phone" || how == "email") contacts.emplace_back(i, how);
            else if (f.ext("unique") == "true") unique.push_back(i);
        }
    }
};

bool linked(const Holder& a, const Holder& b) {
    return std::find(a.links.begin(), a.links.end(), b.id) != a.links.end() ||
           std::find(b.links.begin(), b.links.end(), a.id) != b.links.end();
}

template <Record R>
void check_record(const Store& store, const R& r, const Roles& roles, Seen& seen, Problems& problems) {
    const auto& k = kind_of<R>();
    Holder me{r.file, r.id, k.name, {}};
    for (size_t i = 0; i < k.fields.size(); ++i) note_formula(seen, r.file, 0, k.fields[i].column, k.slots[i]->text(r));
    for (size_t i : roles.refers) {
        const std::string v = k.slots[i]->text(r);
        if (v.empty()) continue;
        seen.refs.push_back({r.file, k.fields[i].column, k.fields[i].refers, v});
        me.links.push_back(v);
    }
    for (size_t i : roles.people)
        if (const std::string v = k.slots[i]->text(r); !v.empty())
            if (std::string why = configured_value_problem(k.fields[i], v, store.config()); !why.empty())
                problems.add(r.file, 0, k.fields[i].column, why);
    for (size_t i : roles.unique)
        if (const std::string v = k.slots[i]->text(r); !v.empty()) {
            auto [it, fresh] = seen.unique.emplace(k.name + "\t" + k.fields[i].column + "\t" + v, r.file);
            if (!fresh) problems.add(r.file, 0, k.fields[i].column, "same as " + it->second + " (likely duplicate " + k.name + ")");
        }
    for (const auto& [i, how] : roles.contacts) {
        const std::string v = k.slots[i]->text(r);
        if (v.empty()) continue;
        auto [it, fresh] = seen.contacts.emplace(how + "\t" + v, me);
        if (!fresh && !linked(it->second, me))
            problems.add(r.file, 0, k.fields[i].column,
                         "same as " + it->second.file + " (likely duplicate " +
                             (it->second.kind == k.name ? k.name : "of " + it->second.kind + " " + it->second.id) + ")");
    }
    if constexpr (Derived<R>) {
        R fresh = r;
        for (const auto& field : derive(fresh, store.config())) {
            const int i = k.index(field);
            problems.add(r.file, 0, field,
                         "stored " + quote_value(k.slots[size_t(i)]->text(r)) + " is stale: crm.yaml now gives " +
                             quote_value(k.slots[size_t(i)]->text(fresh)) + " (crm " + k.name + " rescore rewrites it)");
        }
    }
}

template <Record R>
size_t check_kind(const Store& store, Seen& seen, Problems& problems) {
    const auto records = load_records<R>(store, &problems, Stored::kAsWritten);
    const Roles roles(kind_of<R>());
    auto& ids = seen.ids[kind_of<R>().name];
    for (const auto& r : records) {
        ids.insert(r.id);
        check_record(store, r, roles, seen, problems);
    }
    return records.size();
}

// A kind kept in shards: the same rules, a shard at a time, and IDs used once.
template <Sharded R>
size_t check_sharded(const Store& store, Seen& seen, Problems& problems) {
    const Roles roles(kind_of<R>());
    auto& ids = seen.ids[kind_of<R>().name];
    size_t count = 0;
    std::vector<R> all;  // for a kind with rules across all its records
    for_each_shard_of<R>(store, &problems, [&](std::vector<R>& shard) {
        for (auto& r : shard) {
            ++count;
            if (!ids.insert(r.id).second)
                problems.add(r.file, 0, "id", r.id + ": duplicate " + kind_of<R>().name + " ID");
            check_record(store, r, roles, seen, problems);
            if constexpr (CheckedWhole<R>) all.push_back(std::move(r));
        }
    });
    if constexpr (CheckedWhole<R>) check_whole(store, all, problems);
    return count;
}

// Orders a shard at a time: a million of them are never held at once. Their
// checks are listed after the shards' own problems, as they are found.
size_t check_orders(const Store& store, Seen& seen, Problems& problems) {
    const auto& customers = seen.ids["customer"];
    std::vector<std::string> shard_names;
    std::unordered_map<std::string, std::pair<int, int>> order_ids;  // id -> (shard, line) first seen
    Problems order_problems;
    size_t orders = 0;
    for_each_shard(store, &problems, [&](const std::vector<Order>& shard) {
        if (!shard.empty()) shard_names.push_back(shard[0].file);
        for (const auto& o : shard) {
            ++orders;
            for (const auto& [field, v] : {std::pair{"ref", &o.ref}, {"product", &o.product}, {"channel", &o.channel}})
                note_formula(seen, o.file, o.line, field, *v);
            for (const auto& [key, v] : o.extra) note_formula(seen, o.file, o.line, key, v);
            if (!customers.count(o.customer)) order_problems.add(o.file, o.line, "customer", o.customer + ": no such customer");
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

}  // namespace

Problems check_store(const Store& store, CheckSummary& summary) {
    bypass_caches();  // check reads every file itself, as git fsck does
    Problems problems;
    Seen seen;
    for_each_kind([&]<class R>() { summary.records.emplace_back(kind_of<R>().dir, check_kind<R>(store, seen, problems)); });
    summary.orders = check_orders(store, seen, problems);
    for_each_sharded_kind([&]<class R>() { summary.records.emplace_back(kind_of<R>().dir, check_sharded<R>(store, seen, problems)); });
    // The nightly jobs' state, read as the commands that use it read it.
    for (auto read : {+[](const Store& s) { stored_rfm_nights(s); }, +[](const Store& s) { stored_value(s); }}) try {
            read(store);
        } catch (const Failure& f) {
            problems.add(f.what());
        }
    summary.formulas = std::move(seen.formulas);
    for (const auto& ref : seen.refs)
        if (!seen.ids[ref.kind].count(ref.id)) problems.add(ref.file, 0, ref.field, ref.id + ": no such " + ref.kind);
    return problems;
}

}  // namespace crm
