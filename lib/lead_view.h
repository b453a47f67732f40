// Leads as rows for list and show, with SPEC 2's lead field names.
#pragma once
#include <vector>

#include "config.h"
#include "lead.h"
#include "output.h"

namespace crm {

Table lead_table(const std::vector<Lead>& leads, const Config& config, Time now);
// Likely duplicate of l among leads and customers: same normalised phone or
// email. Returns "L-... (phone +86...)" or "" when none.
std::string find_duplicate(const Lead& l, const std::vector<Lead>& leads, const std::vector<struct Customer>& customers);

}  // namespace crm
