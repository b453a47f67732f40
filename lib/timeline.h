// The customer's journey as one time-ordered list: registration, orders,
// interactions (with lead contact logs and ticket replies, which are
// interactions too), lead stages, ticket events, RFM transitions (lifecycle,
// segment, tier, high value) and outbox messages, as of a moment.
#pragma once
#include <string>
#include <vector>

#include "interaction.h"
#include "lead.h"
#include "output.h"
#include "store.h"
#include "ticket.h"

namespace crm {

// A lead's contact log and a ticket's replies as interactions (not stored as
// such: their records hold them), so every contact reads as one list. Their
// id is the lead's or ticket's.
std::vector<Interaction> derived_interactions(const std::vector<Lead>& leads, const std::vector<Ticket>& tickets);

// Columns: at, what (order, interaction, lead, ticket, rfm, message, customer),
// id, event, detail; in time order, then by kind and ID.
Table customer_timeline(const Store& store, const std::string& customer, Time now);

}  // namespace crm
