// The derived contact index, .crm/cache/contacts (+ contacts.sig): every lead's
// and customer's normalised phone and email, so `lead add` checks for
// duplicates without reading the whole store. It is a cache: valid while the
// leads/ and customers/ folders keep the modification times recorded in
// contacts.sig (every crm write renames a file into them, and so does git),
// rebuilt from the files otherwise, and safe to delete. An edit made in place by
// an editor, which leaves the folder's time alone, is seen once something else
// changes the folder.
#pragma once
#include <string>

#include "lead.h"
#include "store.h"

namespace crm {

// "L-... (phone +86...)" for a likely duplicate of l among all leads and
// customers, or "". Reads the index when valid, else rebuilds it from the files.
std::string find_duplicate_contact(const Store& store, const Lead& l);
// After a commit that added a lead: appends its contacts and re-signs the index.
// Call under the store lock.
void record_contacts(const Store& store, const std::string& id, const std::string& phone, const std::string& email);

}  // namespace crm
