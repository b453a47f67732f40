// Number formatting shared by reports: plain decimals, empty when undefined.
#pragma once
#include <string>
#include <vector>

#include "money.h"

namespace crm {

// num / den with the given decimals, rounded half away from zero; "" when den is 0.
std::string ratio(long long num, long long den, int decimals);
// Average of an amount over n, exact to the cent (rounded half away from zero); "" when n is 0.
std::string money_average(Cents total, long long n);

// The median of values with one decimal, "" for none.
std::string median_text(std::vector<double> values);

}  // namespace crm
