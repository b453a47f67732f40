// Every record kind kept one file per record, in the order crm check reads
// them. A new kind is listed here, and crm check (its schema, references,
// people, duplicates, history order, stale derived values) and customer forget
// (its records that refer to the customer) pick it up from its declaration.
#pragma once
#include "customer.h"
#include "interaction.h"
#include "lead.h"
#include "message.h"
#include "points.h"
#include "ticket.h"

namespace crm {

// Calls f.template operator()<R>() for each kind R: for_each_kind([&]<class R>() { ... }).
template <class F>
void for_each_kind(F&& f) {
    f.template operator()<Customer>();
    f.template operator()<Lead>();
    f.template operator()<Ticket>();
}

// The kinds kept many to a file (lib/shard_io.h), likewise: check and forget
// pick them up from here. (Orders, older than the rest, have their own code.)
template <class F>
void for_each_sharded_kind(F&& f) {
    f.template operator()<Interaction>();
    f.template operator()<Message>();
    f.template operator()<PointsEntry>();
}

}  // namespace crm
