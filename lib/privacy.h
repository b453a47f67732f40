// Personal data (SPEC 6): masking contact columns for roles without the pii
// right, and erasing a customer's personal data everywhere. Which fields are
// personal or masked, and how, is declared in the schemas (x-personal, x-mask).
#pragma once
#include <ostream>
#include <string>
#include <vector>

#include "clock.h"
#include "output.h"
#include "store.h"

namespace crm {

// Masks every column some record kind declares x-mask for (phone 138****5678,
// email a***@x.com, initial 张***).
void mask_personal(Table& table);
// One value of field key (a column or record key) as mask_personal shows it.
std::string mask_field(const std::string& key, const std::string& value);

// Writes everything held about customer id as one JSON object: the record
// (stored fields), its orders, and the leads and tickets about it as their
// rows; contact data masked when masked (SPEC 6, the data subject's copy).
void export_customer(std::ostream& out, const Store& store, const std::string& id, Time now, bool masked);

// Erases customer id's personal data, and that of the leads and tickets about
// it, keeping the records' skeletons (IDs, dates, amounts, classification) so
// statistics still add up; marks the customer `forgotten: at`. Each record
// erased gets an audit line naming what was erased.
// With matching, records that are not linked but share its phone or email
// (a lead typed in again) are erased too; without, their IDs are returned.
std::vector<std::string> forget_customer(Writer& writer, const Store& store, const std::string& id,
                                         const std::string& at, bool matching);
// Reads every record and order once, so each derived cache is rewritten from
// the files: after forget_customer's commit, no cache keeps an erased value.
void rewrite_caches(const Store& store);

}  // namespace crm
