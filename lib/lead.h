// Leads: one YAML file each, leads/L-<id>.yaml, with the status history and
// the contact log inside. BANT scoring, the pipeline rule and the follow-up
// clock are here; assignment is in assign.h.
#pragma once
#include <yaml-cpp/yaml.h>

#include <optional>
#include <string>
#include <vector>

#include "clock.h"
#include "config.h"
#include "enums.h"
#include "error.h"
#include "record_io.h"
#include "store.h"

namespace crm {

struct StatusChange {
    std::string at, actor, from, to, note;
};

struct ContactLog {
    std::string at, actor, channel, note, next;
};

struct Lead {
    std::string id, ref, name, company, phone, email, region, industry, source;
    int budget = -1, authority = -1, need = -1, timeline = -1;  // -1 = not given
    int score = 0;
    std::string grade = "C";
    LeadStatus status = LeadStatus::kNew;
    std::string lost_reason, owner, customer;
    std::string created, updated, first_contact, next_followup;
    std::vector<StatusChange> history;
    std::vector<ContactLog> log;
    YAML::Node extra;
    std::string file;
};

bool is_open(const Lead& l);  // not won or lost

// Sets an input field from text (set_field); a BANT field recomputes score and grade.
std::string set_lead_field(Lead& l, const std::string& field, const std::string& value, const Config& config);
// score = round(4 * sum(weight * value) / sum(weights)): 0-100, the plain sum with weights 1.
void score_lead(Lead& l, const LeadsConfig& config);
// The lead's values derived from crm.yaml (score and grade) recomputed; returns
// the fields whose stored value was stale (lib/record_io.h, Derived).
std::vector<std::string> derive(Lead& l, const Config& config);

// Moves l to status; enforces the forward-only rule (unless force) and the
// lost reason. Returns an error message or "". A move to the current status is an error.
std::string move_lead(Lead& l, LeadStatus status, const std::string& note, const std::string& reason,
                      bool force, const std::string& actor, const std::string& at);

// When the first contact is due (created + followup_hours, on the calendar or
// business clock; nullopt for a lead without a creation time), and whether it
// is overdue at now.
std::optional<Time> followup_due(const Lead& l, const Config& config);
bool followup_overdue(const Lead& l, const Config& config, Time now);

// The lead as it stood at t: status moves and contacts after t dropped, and the
// status, lost reason, first contact and next follow-up they set restored.
void rewind(Lead& l, Time t);

const RecordKind<Lead>& record_kind(const Lead*);

}  // namespace crm
