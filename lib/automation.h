// Lifecycle automations (crm.yaml automations:, crm-automation(1)): each
// trigger's occurrences as of a moment, turned into outbox messages that
// respect the customer: the frequency cap, channel preference and refusals,
// marketing opt-out and quiet hours. Deterministic in the store and the
// moment, and keyed by occurrence, so a night replayed adds nothing.
#pragma once
#include <string>
#include <vector>

#include "config.h"
#include "message.h"
#include "store.h"

namespace crm {

struct AutomationPlan {
    std::vector<Message> messages;  // new ones only, in due order: status due or suppressed (with reason)
};

// What `crm automation run` writes as of now. An occurrence is looked for when
// its message falls due in the automation's window before now (its `within`
// plus a day, so a night cron ran late is caught up); one found more than
// `within` after it fell due is suppressed as late.
AutomationPlan plan_automations(const Store& store, Time now);

// Whether a message at t keeps every 7 days [s, s + 7d) that holds it within
// cap messages, given the customer's other counted messages' times.
bool within_cap(const std::vector<Time>& others, Time t, int cap);

// The end of the quiet hours ("22:00-08:00", local) that t falls in, or t.
Time after_quiet_hours(Time t, const std::string& quiet, const Zone& zone);

}  // namespace crm
