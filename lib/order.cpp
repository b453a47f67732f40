#include "order.h"

#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <memory>
#include <tuple>

#include "file_cache.h"
#include "ids.h"
#include "schema.h"
#include "shard_io.h"
#include "text.h"
#include "yaml_read.h"
#include "yaml_write.h"

namespace crm {

std::string order_shard(Date date) {
    std::string d = format_date(date);
    return "orders/" + d.substr(0, 4) + "/" + d.substr(5, 2) + ".yaml";
}

std::pair<Date, Date> shard_days(Date date) {
    int y, m, day;
    civil(date, y, m, day);
    const Date first = date - (day - 1);
    civil(first + 31, y, m, day);  // always in the next month
    return {first, first + 31 - (day - 1)};
}

std::string order_yaml(const Order& o) {
    std::vector<std::pair<std::string, std::string>> pairs = {
        {"id", yaml_string(o.id)},
        {"customer", yaml_string(o.customer)},
        {"ref", o.ref.empty() ? "" : yaml_string(o.ref)},
        {"date", format_date(o.date)},
        {"amount", "\"" + format_money(o.amount) + "\""},
        {"quantity", o.quantity >= 0 ? std::to_string(o.quantity) : ""},
        {"product", o.product.empty() ? "" : yaml_string(o.product)},
        {"channel", o.channel.empty() ? "" : yaml_string(o.channel)},
        {"currency", o.currency.empty() ? "" : yaml_string(o.currency)},
    };
    for (const auto& e : o.extra) pairs.push_back(e);
    return yaml_flow_map(pairs);
}

std::string shard_yaml(std::vector<Order> orders) {
    // By date and ID, then by the whole line, so even duplicate IDs (a hand edit,
    // a merge) come out in one order whatever order they came in.
    std::vector<std::tuple<Date, std::string, std::string>> lines;
    lines.reserve(orders.size());
    for (const auto& o : orders) lines.emplace_back(o.date, o.id, order_yaml(o));
    std::sort(lines.begin(), lines.end());
    std::string out;
    for (const auto& [date, id, line] : lines) out += "- " + line + "\n";
    return out;
}

// The common case of an order's text, decided without the schema walk (a
// million orders are read on a cold night): no control character, no space
// at either end, within the limit, and a rule without a pattern.
static bool plainly_valid(const std::string& v, const ScalarRule& rule) {
    if (!rule.pattern.empty() || (rule.max_length && v.size() > *rule.max_length) || v.front() == ' ' || v.back() == ' ')
        return false;
    for (unsigned char c : v)
        if (c < 0x20 || c == 0x7F) return false;
    return true;
}

// Sets one key of an order from its scalar text; reports bad values.
static void set_order_key(Order& o, const std::string& key, const std::string& value, bool quoted_scalar,
                          Problems& problems) {
    auto bad = [&](const std::string& why) { problems.add(o.file, o.line, key, quote_value(value) + " " + why); };
    if (key == "id") {
        if (!is_safe_id(value)) bad("is not a valid order ID (letters, digits, . _ -)");
        o.id = value;
    } else if (key == "customer") {
        if (!is_generated_id(value, 'C')) bad("is not a customer ID");
        o.customer = value;
    } else if (key == "date") {
        auto d = parse_date(value);
        if (!d) bad("is not a date (YYYY-MM-DD)");
        else o.date = *d;
    } else if (key == "amount") {
        std::string why;
        auto m = parse_money(value, &why);
        if (!m) bad(why);
        else o.amount = *m;
    } else if (key == "quantity") {
        bool ok = !value.empty() && value.size() < 12 && !quoted_scalar;
        for (char c : value) ok = ok && c >= '0' && c <= '9';
        if (!ok) bad("is not a whole number");
        else o.quantity = std::stoll(value);
    } else if (key == "ref" || key == "product" || key == "channel") {
        // The order schema's rule, the one every input door applies (lib/order_input.cpp).
        static const Schema& schema = schema_for("order");
        const ScalarRule& rule = schema.properties.at(key).rule;
        if (!value.empty() && !plainly_valid(value, rule)) validate_scalar(value, true, rule, o.file, o.line, key, problems);
        (key == "ref" ? o.ref : key == "product" ? o.product : o.channel) = value;
    } else if (key == "currency") {
        o.currency = value;
    } else {
        o.extra.push_back({key, quoted_scalar ? yaml_string(value) : yaml_plain(value)});
    }
}

static void check_required(const Order& o, const std::vector<std::string>& seen, Problems& problems) {
    for (const char* k : {"id", "customer", "date", "amount"})
        if (std::find(seen.begin(), seen.end(), k) == seen.end()) problems.add(o.file, o.line, k, "is required");
}

// The strict reader for lines the writer emits: - {k: v, k: "v"}.
// Returns false when the line is not in that form (the caller falls back).
static bool parse_line(std::string_view line, Order& o, Problems& problems) {
    while (!line.empty() && (line.back() == ' ' || line.back() == '\r')) line.remove_suffix(1);
    if (line.size() < 4 || line.substr(0, 3) != "- {" || line.back() != '}') return false;
    std::string_view body = line.substr(3, line.size() - 4);
    std::vector<std::string> seen;
    size_t i = 0;
    while (i < body.size()) {
        size_t colon = body.find(": ", i);
        if (colon == std::string_view::npos) return false;
        std::string key(body.substr(i, colon - i));
        if (!is_plain_key(key)) return false;
        i = colon + 2;
        std::string value;
        bool is_quoted = false;
        if (!read_simple_scalar(body, i, ", ", value, is_quoted)) return false;
        if (std::find(seen.begin(), seen.end(), key) != seen.end()) return false;
        seen.push_back(key);
        set_order_key(o, key, value, is_quoted, problems);
        if (i < body.size()) {
            if (body.substr(i, 2) != ", ") return false;
            i += 2;
        }
    }
    check_required(o, seen, problems);
    return true;
}

static std::vector<Order> read_with_yaml_cpp(const std::string& text, const std::string& file, Problems& problems) {
    std::vector<Order> out;
    YAML::Node root;
    try {
        root = parse_yaml(text, file, kDataErr);
    } catch (const Failure& f) {
        problems.add(f.what());
        return out;
    }
    if (root.IsNull()) return out;
    if (!root.IsSequence()) {
        problems.add(file, line_of(root), "", "an order file must hold a list of orders");
        return out;
    }
    for (const auto& item : root) {
        Order o;
        o.file = file;
        o.line = line_of(item);
        if (!item.IsMap()) {
            problems.add(file, o.line, "", "an order must be a mapping");
            continue;
        }
        std::vector<std::string> seen;
        size_t before = problems.size();
        for (const auto& kv : item) {
            std::string key = kv.first.Scalar();
            seen.push_back(key);
            if (!kv.second.IsScalar()) {
                problems.add(file, line_of(kv.second), key, "must be a single value");
                continue;
            }
            set_order_key(o, key, kv.second.Scalar(), kv.second.Tag() == "!", problems);
        }
        check_required(o, seen, problems);
        if (problems.size() == before) out.push_back(std::move(o));
    }
    return out;
}

std::vector<Order> read_shard(const std::string& text, const std::string& file, Problems& problems) {
    std::vector<Order> out;
    if (!valid_utf8(text) || text.find('\0') != std::string::npos) return read_with_yaml_cpp(text, file, problems);
    Problems local;
    int line_no = 0;
    for (size_t start = 0; start < text.size();) {
        size_t end = text.find('\n', start);
        if (end == std::string::npos) end = text.size();
        std::string_view line(text.data() + start, end - start);
        ++line_no;
        start = end + 1;
        if (line.empty() || line[0] == '#') continue;
        Order o;
        o.file = file;
        o.line = line_no;
        size_t before = local.size();
        if (!parse_line(line, o, local)) return read_with_yaml_cpp(text, file, problems);
        if (local.size() == before) out.push_back(std::move(o));
    }
    problems.append(local);
    return out;
}

std::vector<std::string> list_shards(const Store& store) { return list_shards(store, "orders"); }

// The cached form of a shard's orders (lib/pack.h); change the format name with the fields.
template <class Io>
void visit(Io& io, Order& o) {
    for (auto* s : {&o.id, &o.customer, &o.ref, &o.product, &o.channel, &o.currency}) io(*s);
    io(o.date);
    io(o.amount);
    io(o.quantity);
    io(o.line);
    io.list(o.extra);
}
template <class Io>
void visit(Io& io, std::vector<Order>& shard) {
    io.list(shard, [&](Order& o) { visit(io, o); });
}

// One shard from the derived cache when its file is unchanged, else from the
// file. Decoding into the previous shard's vector reuses its strings' memory.
static void load_shard(const Store& store, const std::string& rel, FileCache& cache, Problems& problems,
                       std::vector<Order>& orders) {
    const std::optional<FileStamp> stamp = cache.enabled() ? stamp_of(store.path(rel)) : std::nullopt;
    if (cache.take(rel, stamp, orders)) {
        for (auto& o : orders) o.file = rel;
        return;
    }
    size_t before = problems.size();
    orders = read_shard(read_file(store.path(rel).string()), rel, problems);
    if (problems.size() == before) cache.put(rel, stamp, orders);
}

void for_each_shard(const Store& store, Problems* problems, const std::function<void(std::vector<Order>&)>& each,
                    const std::set<std::string>* only) {
    Problems local;
    // One cache per year, .crm/cache/orders-YYYY: a day's import makes the next
    // run rewrite its year's cache only. A partial pass (only) saves none: it
    // would drop the other shards' entries.
    std::unique_ptr<FileCache> cache;
    std::vector<Order> part;
    for (const auto& rel : list_shards(store)) {
        if (only && !only->count(rel)) continue;
        const std::string year = rel.substr(7, 4);  // orders/YYYY/...
        if (!cache || cache->name() != "orders-" + year) {
            if (cache && !only) cache->save();
            cache = std::make_unique<FileCache>(store, "orders-" + year, "order 1");
        }
        load_shard(store, rel, *cache, local, part);
        // The shard's month as a range of days, so a million orders need no date
        // formatting (a misnamed shard has none: all its orders are out of place).
        const auto d = parse_date(year + "-" + rel.substr(12, 2) + "-01");
        const auto [first, next] = d && rel == order_shard(*d) ? shard_days(*d) : std::pair<Date, Date>{0, 0};
        for (auto& o : part)
            if (o.date < first || o.date >= next)
                local.add(rel, o.line, "date", format_date(o.date) + " belongs in " + order_shard(o.date));
        each(part);
    }
    if (cache && !only) cache->save();
    if (problems) problems->append(local);
    else local.raise(kDataErr);
}

std::vector<Order> load_orders(const Store& store, Problems* problems) {
    std::vector<Order> all;
    for_each_shard(store, problems, [&](std::vector<Order>& shard) {
        if (all.empty()) all = std::move(shard);
        else all.insert(all.end(), std::make_move_iterator(shard.begin()), std::make_move_iterator(shard.end()));
    });
    return all;
}

}  // namespace crm
