// The derived contact index behind lead add's duplicate check: every lead's and
// customer's normalised phone and email in 256 shards by hash,
// .crm/cache/contact-index/XX, so a check reads two small files whatever the
// store's size. contact-index.sig records the leads/ and customers/ folders'
// modification times (every crm write renames a file into them, and so does
// git) and each shard's size (a torn append fails it). Stale or damaged, the
// index is rebuilt from the files; it is safe to delete. An edit made in place
// by an editor, which leaves the folder's time alone, is seen once something
// else changes the folder.
#pragma once
#include <string>

#include "lead.h"
#include "store.h"

namespace crm {

// "L-... (phone +86...)" for a likely duplicate of l among all leads and
// customers, or "". Reads the index when valid, else rebuilds it from the files.
std::string find_duplicate_contact(const Store& store, const Lead& l);

// Whether the index is valid now; lead add asks before its commit, so that
// record_contacts extends only an index that was current.
bool contact_index_current(const Store& store);
// After a commit that added a lead: appends its contacts and re-signs the
// index, when it was current before the commit (else leaves it to be rebuilt).
// Call under the store lock.
void record_contacts(const Store& store, bool was_current, const std::string& id, const std::string& phone,
                     const std::string& email);
// Removes the index (signature first, then every shard): after an erasure,
// no copy of a forgotten phone or email is left beside its ID. Rebuilt when next needed.
void drop_contact_index(const Store& store);

}  // namespace crm
