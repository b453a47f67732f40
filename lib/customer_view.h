// Customers as rows for list, show and export (SPEC 2's customer field names),
// with live R/F/M computed from the orders when asked for.
#pragma once
#include <map>
#include <string>
#include <utility>
#include <vector>

#include "customer.h"
#include "customer_orders.h"
#include "order.h"
#include "output.h"
#include "rfm.h"
#include "customer_worth.h"

namespace crm {

// True when any of fields needs R/F/M computed from orders.
bool needs_rfm(const std::string& fields);
// Every customer's RFM as of a date from the store's orders, read a shard at a
// time; orders of unknown customers are ignored. Bad orders go to problems (or
// throw Failure(65) when it is null).
std::vector<RfmResult> rfm_for(const std::vector<Customer>& customers, const Store& store, Date as_of,
                               Problems* problems = nullptr);
// Points held on a day: customer -> balance and what of it expires within 30 days.
using PointsHeld = std::map<std::string, std::pair<long long, long long>>;
// rfm may be null (then r, f, m and the scores are empty); so may points (then
// points and points_expiring are) and worths (kWorthFields).
Table customer_table(const std::vector<Customer>& customers, const std::vector<RfmResult>* rfm,
                     const PointsHeld* points = nullptr, const Worths* worths = nullptr);


// Where rfm recompute notes the night its stored classification is of, and
// when it first ran (before that, no customer was classified).
extern const char* const kRfmNightFile;
struct RfmNights {
    Time first = 0;  // the first run's moment
    Date last = 0;   // the night of the stored classification
};
std::optional<RfmNights> stored_rfm_nights(const Store& store);
// The file after a run at now, for night.
std::string rfm_nights_yaml(const std::optional<RfmNights>& before, Time now, Date night, const Zone& zone);

// customer list's rows at t's day, every RFM column of that one moment. The
// stored classification (segment, lifecycle, tier, high_value) is shown when
// it is of that night; when the columns asked for (shown or filtered) need
// r/f/m, or the stored one is of another night, all are computed at t's day,
// and *note says so when the stored one differs in night.
// fields: the columns shown or filtered on, comma-separated.
Table customer_rows(const Store& store, std::vector<Customer> customers, const std::string& fields, Time t,
                    std::string* note);

}  // namespace crm
