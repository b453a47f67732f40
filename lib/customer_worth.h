// customer list's value and health columns (crm-value(1)): what the value
// models predict of each customer, what they have spent, their profit
// contribution and their health, computed as of a moment, only as asked.
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "customer.h"
#include "health.h"
#include "value.h"

namespace crm {

// The columns, in the order customer list shows them (after points_expiring),
// each with what it needs computed.
enum class WorthNeeds { kFit, kProfit, kHealth };
struct WorthField {
    const char* name;
    WorthNeeds needs;
};
inline constexpr WorthField kWorthFields[] = {
    {"p_alive", WorthNeeds::kFit},         {"expected_purchases", WorthNeeds::kFit}, {"expected_spend", WorthNeeds::kFit},
    {"potential_value", WorthNeeds::kFit}, {"clv", WorthNeeds::kFit},                {"profit", WorthNeeds::kProfit},
    {"health", WorthNeeds::kHealth},
};
// risk, the band stored in the customer file, is computed with health.
inline constexpr const char* kRiskField = "risk";

struct CustomerWorth {
    std::optional<CustomerValue> value;  // none without a purchase, or without a fit
    Cents spent = 0;                     // every order to the day, net of returns
    Cents profit = 0;                    // margin x amount of the orders in rfm.window_days
    std::optional<Health> health;        // none without a purchase
};
using Worths = std::vector<CustomerWorth>;

// True when fields (comma-separated) name a column of kWorthFields or risk.
bool needs_worth(const std::string& fields);

// By customer index, as of t. *note says when the fit is not the one value
// recompute stored for t's day, or why there is none. Health is scored among
// every customer of the store at t (a one-time buyer is held to the store's
// rhythm), whichever of them customers lists.
Worths worths_for(const Store& store, const std::vector<Customer>& customers, const std::string& fields, Time t,
                  std::string* note);

// One cell of kWorthFields for a customer: "" when it has no value.
std::string worth_cell(const CustomerWorth& w, const std::string& field);

}  // namespace crm
