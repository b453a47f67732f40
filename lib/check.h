// crm check: the whole store against its schemas (every file read, no caches),
// then the rules across records: references that must exist, order IDs used
// twice, people that must be in crm.yaml, likely duplicate customers and leads.
#pragma once
#include <string>

#include "error.h"
#include "store.h"

namespace crm {

struct CheckSummary {
    size_t customers = 0, orders = 0, leads = 0, tickets = 0;
};

// Every problem, as file:line: field: message, in a stable order.
Problems check_store(const Store& store, CheckSummary& summary);

}  // namespace crm
