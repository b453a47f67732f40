// crm report engagement: what the automations decided and what came of it;
// crm report interactions: how contact is logged (the handbook's KPI, an
// interaction recorded within the hour it happened).
#pragma once
#include <optional>
#include <string>

#include "clock.h"
#include "output.h"
#include "store.h"

namespace crm {

struct EngagementOptions {
    std::optional<Date> from, to;  // the messages' due days (local), inclusive
    std::string by;                // automation (with channel; the default), channel, or reason
};

// By automation and channel (or channel): messages, due, sent, failed,
// suppressed; responded (a sent message followed within 7 days by an
// interaction in from the customer) and response_rate = responded / sent;
// repurchased (an order on the day it was sent or in the 30 days after) and
// repurchase_rate = repurchased / sent. By reason: the suppressed messages per
// reason (its words before the first ":" or " at ").
Table engagement_report(const Store& store, Time now, const EngagementOptions& options);

// Per month and channel of the stored interactions up to now: interactions, in,
// out, logged_within_1h (created no later than an hour after at) and
// logged_rate = logged_within_1h / interactions.
Table interactions_report(const Store& store, Time now, std::optional<Date> from, std::optional<Date> to);

}  // namespace crm
