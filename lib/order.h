// Orders: high volume, so sharded by month (orders/YYYY/MM.yaml) with one flow
// mapping per line. The canonical form is read by a strict line parser; any
// other valid YAML falls back to yaml-cpp, so hand edits still work.
#pragma once
#include <functional>
#include <map>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "clock.h"
#include "error.h"
#include "money.h"
#include "store.h"

namespace crm {

struct Order {
    std::string id, customer, ref, product, channel, currency;
    Date date = 0;
    Cents amount = 0;
    long long quantity = -1;  // -1 = not given
    std::vector<std::pair<std::string, std::string>> extra;  // unknown keys, rendered scalars
    std::string file;
    int line = 0;
};

// "orders/1997/01.yaml" for an order dated in January 1997.
std::string order_shard(Date date);
// The days that shard holds: [first of date's month, first of the next month).
std::pair<Date, Date> shard_days(Date date);
// One line of a shard file, without the leading "- ".
std::string order_yaml(const Order& o);
// A whole shard: orders sorted by (date, id), one per line.
std::string shard_yaml(std::vector<Order> orders);

// Reads one shard. Problems name file:line: field.
std::vector<Order> read_shard(const std::string& text, const std::string& file, Problems& problems);
// Every shard file of the store, sorted.
std::vector<std::string> list_shards(const Store& store);
// All orders in the store; bad files or lines go to problems (or throw 65 when
// null, after every shard was read).
std::vector<Order> load_orders(const Store& store, Problems* problems = nullptr);
// The same, a shard at a time, in shard order, for jobs that need not hold them
// all; with only, just the shards named there (store-relative paths).
void for_each_shard(const Store& store, Problems* problems, const std::function<void(std::vector<Order>&)>& each,
                    const std::set<std::string>* only = nullptr);

}  // namespace crm
