// Leads as rows for list and show, with SPEC 2's lead field names.
#pragma once
#include <string>
#include <unordered_map>
#include <vector>

#include "config.h"
#include "lead.h"
#include "output.h"

namespace crm {

Table lead_table(const std::vector<Lead>& leads, const Config& config, Time now);
// Known contacts (normalised phone, lower-cased email) -> the first lead or
// customer holding them, for the duplicate check of lead add and import.
class ContactIndex {
public:
    ContactIndex(const std::vector<Lead>& leads, const std::vector<struct Customer>& customers);
    void add(const std::string& id, const std::string& phone, const std::string& email);
    // "L-... (phone +86...)" for a likely duplicate of l, or "".
    std::string find(const Lead& l) const;
    // One "p|e<TAB>value<TAB>id" line per contact (the cache's form).
    std::string serialise() const;

private:
    std::unordered_map<std::string, std::string> phone_, email_;
};

}  // namespace crm
