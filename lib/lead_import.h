// `crm lead import`: leads from CSV (input fields plus status and created),
// idempotent on ref, refused as likely duplicates of known contacts (unless
// allowed), optionally assigned by the rules as they are added.
#pragma once
#include <string>
#include <vector>

#include "config.h"
#include "import.h"
#include "lead.h"
#include "store.h"

namespace crm {

// The fields whose shown value differs between two versions of a lead (its
// list columns, and history and log when they grew), for the audit log.
std::vector<std::string> lead_changes(const Lead& before, const Lead& after, const Config& config);

struct LeadImportOptions {
    bool skip_bad = false, allow_duplicate = false, auto_assign = false;
};
struct LeadImportResult {
    std::vector<std::string> ids;  // the leads added, in row order
    int present = 0;               // rows whose ref is already a lead
};

// The columns a lead import reads.
std::vector<std::string> lead_import_columns();
LeadImportResult import_leads(Writer& writer, const Store& store, ImportSource& src, const LeadImportOptions& options);

}  // namespace crm
