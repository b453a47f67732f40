// crm check: the whole store against its schemas (every file read, no caches),
// then the rules across records, from each kind's declaration (lib/kinds.h):
// references that must exist (x-refers), people that must be in crm.yaml
// (x-normalise: person), likely duplicates by phone or email across customers
// and leads (x-normalise: phone|email; a lead and the customer it became are
// one) and by ref (x-unique), derived values gone stale, histories out of
// order; and order IDs used twice. Values that start like a spreadsheet
// formula are listed apart: they are valid text, but worth a look.
#pragma once
#include <string>
#include <utility>
#include <vector>

#include "error.h"
#include "store.h"

namespace crm {

struct CheckSummary {
    std::vector<std::pair<std::string, size_t>> records;  // ("customers", 3) per kind
    size_t orders = 0;
    std::vector<std::string> formulas;  // file:line: field: values a spreadsheet would run (not problems)
};

// Every problem, as file:line: field: message, in a stable order.
Problems check_store(const Store& store, CheckSummary& summary);

}  // namespace crm
