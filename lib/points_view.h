// What crm points balance and history show, from the ledger (lib/points.h).
#pragma once
#include <set>
#include <string>

#include "output.h"
#include "points.h"

namespace crm {

// Per customer (or the one named; only those in visible when given): the
// balance on day, what of it expires within 30, 60 and 90 days, and the next
// day points expire with how many.
Table balance_table(const Ledger& ledger, const std::string& customer, const std::set<std::string>* visible, Date day);

// The customer's entries visible at now, in ledger order, each with the
// ledger's running sum after it.
Table history_table(const Ledger& ledger, const std::string& customer, Time now);

}  // namespace crm
