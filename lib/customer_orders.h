// The customers and their orders as of a moment: what every view of
// customers (lists, value, health, KPIs) reads first.
#pragma once
#include <vector>

#include "customer.h"
#include "rfm.h"
#include "store.h"

namespace crm {

// The customers as the store stood at t: created at or before t, or with an
// order dated on or before t's day (a customer imported with its purchase
// history is older than its file).
std::vector<Customer> customers_at(const Store& store, Time t);

// Every order of a known customer as the rules see it, by index into
// customers (orders of unknown customers are ignored; bad orders go to
// problems, or throw 65 when null).
std::vector<OrderFact> order_facts(const std::vector<Customer>& customers, const Store& store, Problems* problems);

}  // namespace crm
