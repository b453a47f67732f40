#include "privacy.h"

#include <set>
#include <sstream>

#include "contact.h"
#include "contact_index.h"
#include "customer.h"
#include "kinds.h"
#include "customer_view.h"
#include "lead.h"
#include "lead_view.h"
#include "order.h"
#include "ticket.h"
#include "ticket_view.h"

namespace crm {

// How column is masked: the x-mask of the first kind declaring one for it.
static std::string mask_of(const std::string& column) {
    std::string how;
    for_each_kind([&]<class R>() {
        for (const auto& f : kind_of<R>().fields)
            if (how.empty() && f.column == column) how = f.ext("mask");
    });
    return how;
}

static std::string masked(const std::string& how, const std::string& value) {
    if (how.empty() || value.empty()) return value;
    if (how == "phone") return mask_phone(value);
    if (how == "email") return mask_email(value);
    size_t first = 1;  // the whole first character: 张***, never half of one
    while (first < value.size() && (static_cast<unsigned char>(value[first]) & 0xC0) == 0x80) ++first;
    return value.substr(0, first) + "***";
}

void mask_personal(Table& table) {
    for (size_t i = 0; i < table.columns.size(); ++i) {
        const std::string how = mask_of(table.columns[i].name);
        if (how.empty()) continue;
        for (auto& row : table.rows) row[i] = masked(how, row[i]);
    }
}

std::string mask_field(const std::string& key, const std::string& value) {
    const bool quoted = value.size() >= 2 && value.front() == '"' && value.back() == '"';
    const std::string how = mask_of(key);
    if (how.empty()) return value;
    return masked(how, quoted ? value.substr(1, value.size() - 2) : value);
}

// The non-empty cells of a table's row as one JSON object; text quoted, flags bare.
static void json_object(std::ostream& out, const Table& t, size_t row, bool (*keep)(const std::string& column)) {
    out << "{";
    bool first = true;
    for (size_t i = 0; i < t.columns.size(); ++i) {
        const std::string& cell = t.rows[row][i];
        if (cell.empty() || !keep(t.columns[i].name)) continue;
        out << (first ? "" : ",") << json_string(t.columns[i].name) << ":"
            << (t.columns[i].kind == Kind::Bool ? cell : json_string(cell));
        first = false;
    }
    out << "}";
}

static bool stored(const std::string& column) { return kind_of<Customer>().index(column) >= 0; }
static bool any(const std::string&) { return true; }

static void json_rows(std::ostream& out, const char* key, const Table& t) {
    out << ",\"" << key << "\":[";
    for (size_t r = 0; r < t.rows.size(); ++r) {
        if (r) out << ",";
        json_object(out, t, r, any);
    }
    out << "]";
}

static void json_orders(std::ostream& out, const Store& store, const std::string& id) {
    out << ",\"orders\":[";
    bool first = true;
    for_each_shard(store, nullptr, [&](const std::vector<Order>& shard) {  // a shard at a time
        for (const auto& o : shard) {
            if (o.customer != id) continue;
            out << (first ? "" : ",") << "{\"id\":" << json_string(o.id) << ",\"date\":\"" << format_date(o.date)
                << "\",\"amount\":\"" << format_money(o.amount) << "\"";
            if (o.quantity >= 0) out << ",\"quantity\":" << o.quantity;
            if (!o.product.empty()) out << ",\"product\":" << json_string(o.product);
            out << "}";
            first = false;
        }
    });
    out << "]";
}

void export_customer(std::ostream& final_out, const Store& store, const std::string& id, Time now, bool masked) {
    std::ostringstream out;  // printed whole, or (a bad order shard throws) not at all
    const Customer c = load_record<Customer>(store, id);
    std::vector<Lead> leads;
    for (auto& l : load_records<Lead>(store))
        if (l.customer == id || l.id == c.lead) leads.push_back(std::move(l));
    std::vector<Ticket> tickets;
    for (auto& t : load_records<Ticket>(store))
        if (t.customer == id) tickets.push_back(std::move(t));
    Table ct = customer_table({c}, nullptr), lt = lead_table(leads, store.config(), now),
          tt = ticket_table(tickets, store.config(), now);
    if (masked)
        for (Table* t : {&ct, &lt}) mask_personal(*t);
    out << "{\"customer\":";
    json_object(out, ct, 0, stored);
    json_orders(out, store, id);
    json_rows(out, "leads", lt);
    json_rows(out, "tickets", tt);
    out << "}\n";
    final_out << out.str();
}

template <class R>
static void forget(Writer& writer, R r, const std::string& at) {
    std::vector<std::string> erased = erase_personal(r);
    r.updated = at;
    save_record(writer, r);
    writer.audit(r.id, erased);
}

// The customer's orders keep what statistics need (ID, customer, date, amount,
// quantity, channel, currency) and lose their free text: ref, product, and
// keys crm does not know.
static void forget_orders(Writer& writer, const Store& store, const std::string& id) {
    for_each_shard(store, nullptr, [&](const std::vector<Order>& shard) {
        std::vector<Order> erased = shard;
        std::vector<std::string> ids;
        for (auto& o : erased)
            if (o.customer == id && (!o.ref.empty() || !o.product.empty() || !o.extra.empty())) {
                o.ref.clear(), o.product.clear(), o.extra.clear();
                ids.push_back(o.id);
            }
        if (ids.empty()) return;
        writer.put(shard.front().file, shard_yaml(erased));
        for (const auto& order : ids) writer.audit(order, {"ref", "product"});
    });
}

// A sharded kind's records that refer to the customer keep their skeleton
// (IDs, times, channels) and lose their personal fields; a message not yet
// sent is sent no more.
template <Sharded R>
static void forget_sharded(Writer& writer, const Store& store, const std::string& id, const std::string& at) {
    for_each_shard_of<R>(store, nullptr, [&](std::vector<R>& shard) {
        bool any = false;
        for (auto& r : shard)
            if (const auto to = references(r, "customer"); std::find(to.begin(), to.end(), id) != to.end()) {
                std::vector<std::string> erased = erase_personal(r);
                if constexpr (std::is_same_v<R, Message>)
                    if (r.status == "due") {
                        r.status = "suppressed";
                        r.reason = "customer forgotten";
                        r.updated = at;
                        erased.push_back("status");
                    }
                writer.audit(r.id, erased);
                any = true;
            }
        if (any) save_shard(writer, shard.front().file, shard);
    });
}

// Its phone and email, as "phone\t+86...": what a record not linked to it may share.
template <Record R>
static std::set<std::string> contacts_of(const R& r) {
    std::set<std::string> out;
    const auto& k = kind_of<R>();
    for (size_t i = 0; i < k.fields.size(); ++i)
        if (const std::string how = k.fields[i].ext("normalise"); how == "phone" || how == "email")
            if (const std::string v = k.slots[i]->text(r); !v.empty()) out.insert(how + "\t" + v);
    return out;
}

// The customer, and every record of every kind that refers to it or that it
// refers to (the lead it came from), by their x-refers fields; with matching,
// also records that share its phone or email; its orders' free text; and the
// contact index, which held its phone and email beside its ID.
std::vector<std::string> forget_customer(Writer& writer, const Store& store, const std::string& id,
                                         const std::string& at, bool matching) {
    Customer c = load_record<Customer>(store, id);
    if (!writer.dry_run()) drop_contact_index(store);
    const std::vector<std::string> linked = references(c);
    const std::set<std::string> contacts = contacts_of(c);
    std::vector<std::string> unmatched;
    std::vector<std::string> erased = erase_personal(c);
    c.extra["forgotten"] = at;
    c.updated = at;
    save_record(writer, c);
    writer.audit(id, erased);
    for_each_kind([&]<class R>() {
        if constexpr (!std::is_same_v<R, Customer>)
            for (auto& r : load_records<R>(store)) {
                const auto to = references(r, "customer");
                const bool link = std::find(to.begin(), to.end(), id) != to.end() ||
                                  std::find(linked.begin(), linked.end(), r.id) != linked.end();
                bool shares = false;
                for (const auto& v : contacts_of(r)) shares = shares || contacts.count(v);
                if (link || (shares && matching)) forget(writer, std::move(r), at);
                else if (shares) unmatched.push_back(r.id);
            }
    });
    for_each_sharded_kind([&]<class R>() { forget_sharded<R>(writer, store, id, at); });
    forget_orders(writer, store, id);
    return unmatched;
}

void rewrite_caches(const Store& store) {
    Problems ignore;
    for_each_kind([&]<class R>() { load_records<R>(store, &ignore); });
    for_each_sharded_kind([&]<class R>() { for_each_shard_of<R>(store, &ignore, [](std::vector<R>&) {}); });
    for_each_shard(store, &ignore, [](const std::vector<Order>&) {});
}

}  // namespace crm
