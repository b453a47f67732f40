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

// crm report points: what the company owes in points and yuan, by the tier
// customers hold (tier_of: customer -> tier), with what expires within
// 30/60/90 days and a total row; or, by "month", what was earned, redeemed,
// expired, adjusted and reversed each month of `at` up to now. A point is
// worth what the best reward of loyalty.rewards pays for it.
Table points_report(const Ledger& ledger, const std::map<std::string, std::string>& tier_of, Time now, const Config& config,
                    const std::string& by);

}  // namespace crm
