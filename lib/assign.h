// Lead assignment: the first rule of leads.assignment whose match holds picks a
// group; the group's people (crm.yaml order) who are not away and under their
// open-lead cap are candidates; the rule's strategy picks one.
#pragma once
#include <map>
#include <string>
#include <vector>

#include "config.h"
#include "lead.h"
#include "store.h"

namespace crm {

struct Assignment {
    std::string owner, group, strategy;
    int rule = -1;  // index into leads.assignment
};

// Round-robin positions: per group, the person who got the group's last lead.
// Kept in state/round_robin.yaml so the order holds across runs, and a merge of
// two clones' files is a one-line conflict at worst.
using RoundRobin = std::map<std::string, std::string>;
RoundRobin load_round_robin(const Store& store);
std::string round_robin_yaml(const RoundRobin& rr);
extern const char* const kRoundRobinFile;

// Chooses an owner for lead among the store's leads (for open counts and won
// rates). Updates rr for round_robin. Throws Failure(65) when no rule matches or
// nobody in the group is available.
Assignment choose_owner(const Lead& lead, const Config& config, const std::vector<Lead>& leads, RoundRobin& rr);
// Whether choose_owner would look at the leads for this one: not for round_robin
// in a group without max_open_leads, so that `lead add --auto-assign` under the
// default rule reads no other lead.
bool assignment_needs_leads(const Lead& lead, const Config& config);

}  // namespace crm
