// Customers as rows for list, show and export (SPEC 2's customer field names),
// with live R/F/M computed from the orders when asked for.
#pragma once
#include <string>
#include <vector>

#include "customer.h"
#include "order.h"
#include "output.h"
#include "rfm.h"

namespace crm {

// The columns of a customer row, in SPEC order.
std::vector<Column> customer_columns();
// True when any of fields needs R/F/M computed from orders.
bool needs_rfm(const std::string& fields);
// Every customer's RFM as of a date from the store's orders, read a shard at a
// time; orders of unknown customers are ignored. Bad orders go to problems (or
// throw Failure(65) when it is null).
std::vector<RfmResult> rfm_for(const std::vector<Customer>& customers, const Store& store, Date as_of,
                               Problems* problems = nullptr);
// rfm may be null (then r, f, m and the scores are empty).
Table customer_table(const std::vector<Customer>& customers, const std::vector<RfmResult>* rfm);

}  // namespace crm
