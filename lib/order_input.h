// Orders from users: one from `order add`'s flags, or many from `order import`'s
// CSV; each checked by the order schema's rules, written into its month shard.
#pragma once
#include <map>
#include <string>
#include <vector>

#include "error.h"
#include "import.h"
#include "order.h"
#include "store.h"

namespace crm {

// Fills o from the named values (date, amount, quantity, id, ref, product,
// channel, currency); problems are added under the field names, at file:line.
void fill_order(Order& o, const std::map<std::string, std::string>& in, const Config& config, Problems& p,
                const std::string& file, int line);

// Whether a stored order has this ID: one pass, a shard at a time.
bool order_id_taken(const Store& store, const std::string& id);

// Writes added orders into their month shards beside the stored ones, reading
// only the shards it adds to, and the points they earn; audits each order.
void write_orders(Writer& writer, const Store& store, std::vector<Order> added);

struct OrderImportResult {
    std::vector<std::string> ids;  // stub customers created, then the orders added
    size_t imported = 0, present = 0, customers_created = 0;
};

// `crm order import`: rows of customer,date,amount (+ id, quantity, product,
// channel, currency, ref); idempotent (rows without an ID get one derived from
// their content); with create_missing an unknown customer ref becomes a stub.
OrderImportResult import_orders(Writer& writer, const Store& store, ImportSource& src, bool skip_bad,
                                bool create_missing);
// The columns an order import reads.
std::vector<std::string> order_import_columns();

}  // namespace crm
