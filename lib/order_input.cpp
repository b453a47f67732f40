#include "order_input.h"

#include <algorithm>
#include <set>
#include <unordered_map>
#include <unordered_set>

#include "customer.h"
#include "ids.h"
#include "points.h"
#include "schema.h"
#include "text.h"

namespace crm {

// Parses an order date: YYYY-MM-DD, or an RFC 3339 time taken as its local date.
static std::optional<Date> order_date(const std::string& text, const Zone& zone) {
    if (auto d = parse_date(text)) return d;
    if (text.size() > 10)
        if (auto t = parse_time(text, zone)) return local_date(*t, zone);
    return std::nullopt;
}

// Validates the typed columns of one order; problems are added under field names.
void fill_order(Order& o, const std::map<std::string, std::string>& in, const Config& config, Problems& p,
                const std::string& file, int line) {
    auto get = [&](const char* k) { auto it = in.find(k); return it == in.end() ? std::string() : trim(it->second); };
    std::string why;
    if (auto d = order_date(get("date"), config.zone)) o.date = *d;
    else p.add(file, line, "date", quote_value(get("date")) + " is not a date (YYYY-MM-DD)");
    if (auto m = parse_money(get("amount"), &why)) o.amount = *m;
    else p.add(file, line, "amount", quote_value(get("amount")) + " " + why);
    std::string q = get("quantity");
    if (!q.empty()) {
        bool ok = q.size() < 12;
        for (char c : q) ok = ok && c >= '0' && c <= '9';
        if (ok) o.quantity = std::stoll(q);
        else p.add(file, line, "quantity", quote_value(q) + " is not a whole number");
    }
    o.id = get("id");
    if (!o.id.empty() && !is_safe_id(o.id))
        p.add(file, line, "id", quote_value(o.id) + " is not a valid order ID (letters, digits, . _ -)");
    o.ref = get("ref");
    o.product = get("product");
    o.channel = get("channel");
    o.currency = get("currency");
    if (!o.currency.empty() && o.currency != config.currency)
        p.add(file, line, "currency", quote_value(o.currency) + " is not the store's currency " + config.currency);
    // Text fields by the order schema's own rules, the ones reading and check apply.
    const Schema& schema = schema_for("order");
    for (auto [field, value] : {std::pair{"ref", &o.ref}, {"product", &o.product}, {"channel", &o.channel}}) {
        if (!valid_utf8(*value)) p.add(file, line, field, "is not valid UTF-8");
        else if (!value->empty()) validate_scalar(*value, true, schema.properties.at(field).rule, file, line, field, p);
    }
}

// Every order ID in the store, read a shard at a time.
static std::unordered_set<std::string> order_ids(const Store& store) {
    std::unordered_set<std::string> ids;
    for_each_shard(store, nullptr, [&](const std::vector<Order>& shard) {
        for (const auto& o : shard) ids.insert(o.id);
    });
    return ids;
}

// Whether a stored order has this ID: one pass, a shard at a time, no set of a million IDs.
bool order_id_taken(const Store& store, const std::string& id) {
    bool taken = false;
    for_each_shard(store, nullptr, [&](const std::vector<Order>& shard) {
        taken = taken || std::any_of(shard.begin(), shard.end(), [&](const Order& o) { return o.id == id; });
    });
    return taken;
}

// Writes added orders into their month shards next to the existing ones, a
// shard at a time: sorted by date, each month's run of orders is one shard.
// Only the shards it adds to are read, so an import into a store of a million
// orders holds just those months.
void write_orders(Writer& writer, const Store& store, std::vector<Order> added) {
    for (const auto& o : added) writer.audit(o.id, {"customer", "date", "amount"});
    // Their points, in the same commit (crm-points(1)); derived from the orders
    // audited here, so not audited again. An order's earn has an ID derived
    // from the order's, so one already written is kept as it is; only a
    // return needs the accounts (to take the oldest points held).
    const bool returns = std::any_of(added.begin(), added.end(), [](const Order& o) { return o.amount < 0; });
    Ledger ledger = returns ? load_ledger(store, kWholeLedger) : Ledger();
    write_sharded(writer, store, order_entries(store, ledger, added, writer.now(), writer.actor()), OnExisting::kKeep);
    std::set<std::string> touched;
    for (const auto& o : added) touched.insert(order_shard(o.date));
    std::map<std::string, std::vector<Order>> existing;
    for_each_shard(store, nullptr, [&](std::vector<Order>& shard) {
        if (!shard.empty()) existing[shard[0].file] = std::move(shard);
    }, &touched);
    std::stable_sort(added.begin(), added.end(), [](const Order& a, const Order& b) { return a.date < b.date; });
    for (size_t i = 0; i < added.size();) {
        const std::string rel = order_shard(added[i].date);
        const Date next_month = shard_days(added[i].date).second;
        std::vector<Order> shard = std::move(existing[rel]);
        while (i < added.size() && added[i].date < next_month) shard.push_back(std::move(added[i++]));
        writer.put(rel, shard_yaml(std::move(shard)));
    }
}

namespace {

// Customer lookup by ID or by ref.
struct CustomerIndex {
    std::unordered_set<std::string> ids;
    std::unordered_map<std::string, std::string> by_ref;
    explicit CustomerIndex(const std::vector<Customer>& customers) {
        for (const auto& c : customers) {
            ids.insert(c.id);
            if (!c.ref.empty()) by_ref.emplace(c.ref, c.id);
        }
    }
    std::string find(const std::string& key) const {
        if (ids.count(key)) return key;
        if (auto it = by_ref.find(key); it != by_ref.end()) return it->second;
        return "";
    }
};

}  // namespace

std::vector<std::string> order_import_columns() {
    return {"customer", "date", "amount", "id", "quantity", "product", "channel", "currency", "ref"};
}

// A row's customer: a stored ID or ref, or (with create_missing) "ref:KEY"
// for a stub to create; problems are added for p.
static std::string row_customer(const CustomerIndex& customers, const std::string& key, bool create_missing,
                                const std::string& file, int line, Problems& p) {
    std::string id = customers.find(key);
    if (id.empty() && key.size() > 2 && is_generated_id(normalise_id_arg(key, 'C'), 'C') && starts_with(key, "C-"))
        p.add(file, line, "customer", quote_value(key) + ": no such customer");
    else if (id.empty() && !create_missing)
        p.add(file, line, "customer", quote_value(key) + ": no customer with this ID or ref (--create-missing creates one)");
    else if (key.empty())
        p.add(file, line, "customer", "is empty");
    return id.empty() ? "ref:" + key : id;  // a ref is resolved once its stub exists
}

// Every row as an order, checked; rows without an ID get one derived from their
// content (counting repeats), so a re-import of the same file finds the same IDs.
static std::vector<Order> read_order_rows(ImportSource& src, const Config& config, const CustomerIndex& customers,
                                          bool skip_bad, bool create_missing) {
    std::vector<Order> parsed;
    std::unordered_map<std::string, int> occurrences;  // row content hash -> times seen in this file
    std::map<std::string, int> file_ids;               // explicit id -> line
    validate_rows(src, skip_bad, [&](const CsvRow& row, Problems& p) {
        std::map<std::string, std::string> in;
        for (size_t k = 0; k < src.table.header.size(); ++k) in[src.table.header[k]] = row.fields[k];
        Order o;
        o.line = row.line;
        fill_order(o, in, config, p, src.table.name, row.line);
        const std::string key = trim(in["customer"]);
        o.customer = row_customer(customers, key, create_missing, src.table.name, row.line, p);
        if (!o.id.empty())
            if (auto [pos, fresh] = file_ids.emplace(o.id, row.line); !fresh)
                p.add(src.table.name, row.line, "id",
                      quote_value(o.id) + " appears twice (also line " + std::to_string(pos->second) + ")");
        if (!p.empty()) return;
        if (o.id.empty()) {
            std::string content = key + "|" + format_date(o.date) + "|" + format_money(o.amount) + "|" +
                                  std::to_string(o.quantity) + "|" + o.product + "|" + o.channel + "|" + o.ref;
            int n = occurrences[derived_id('#', content)]++;  // the hash, not the row: less memory
            o.id = derived_id('O', content + "#" + std::to_string(n));
        }
        parsed.push_back(std::move(o));
    });
    return parsed;
}

OrderImportResult import_orders(Writer& writer, const Store& store, ImportSource& src, bool skip_bad,
                                bool create_missing) {
    const Time now = writer.now();
    CustomerIndex customers(load_records<Customer>(store));
    std::vector<Order> added = read_order_rows(src, store.config(), customers, skip_bad, create_missing);
    src.reader.reset();  // the file's text is parsed: free it before the shards are built
    std::unordered_set<std::string> taken = order_ids(store);
    std::map<std::string, std::string> stubs;  // ref -> new customer ID
    OrderImportResult out;
    size_t kept = 0;  // new orders are kept in place: no second vector of a million orders
    for (auto& o : added) {
        if (!taken.insert(o.id).second) {
            ++out.present;
            continue;
        }
        if (starts_with(o.customer, "ref:")) {
            const std::string ref = o.customer.substr(4);
            auto it = stubs.find(ref);
            if (it == stubs.end()) {
                Customer c = new_record<Customer>();
                c.id = mint_id<Customer>(store, now, &customers.ids);
                c.ref = c.name = ref;  // a stub is named after its ref until someone knows better
                c.created = c.updated = format_time(now, store.config().zone);
                save_record(writer, c);
                writer.audit(c.id, {"ref", "name", "kind"});
                out.ids.push_back(c.id);
                it = stubs.emplace(ref, c.id).first;
            }
            o.customer = it->second;
        }
        if (&added[kept] != &o) added[kept] = std::move(o);
        ++kept;
    }
    added.resize(kept);
    out.customers_created = stubs.size();
    out.imported = added.size();
    for (const auto& o : added) out.ids.push_back(o.id);
    write_orders(writer, store, std::move(added));
    return out;
}

}  // namespace crm
