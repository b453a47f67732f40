#include "assign.h"

#include <algorithm>

#include "text.h"
#include "yaml_read.h"
#include "yaml_write.h"

namespace crm {

const char* const kRoundRobinFile = "state/round_robin.yaml";

RoundRobin load_round_robin(const Store& store) {
    RoundRobin rr;
    std::error_code ec;
    if (!fs::exists(store.path(kRoundRobinFile), ec)) return rr;
    YAML::Node root = load_yaml_file(store.path(kRoundRobinFile).string(), kRoundRobinFile, kDataErr);
    if (!root.IsMap() && !root.IsNull())
        throw Failure(kDataErr, std::string(kRoundRobinFile) + ":1: must map each group to a person");
    if (root.IsMap())
        for (const auto& kv : root)
            if (kv.second.IsScalar()) rr[kv.first.Scalar()] = kv.second.Scalar();
    return rr;
}

std::string round_robin_yaml(const RoundRobin& rr) {
    YamlWriter w;
    for (const auto& [group, person] : rr) w.str(group, person);
    return "# round-robin position per lead group: who got the group's last lead\n" + w.text();
}

static bool rule_matches(const AssignmentRule& r, const Lead& l) {
    return (r.region.empty() || r.region == l.region) && (r.industry.empty() || r.industry == l.industry) &&
           (r.source.empty() || r.source == l.source);
}

// The first rule matching lead, or -1.
static int matching_rule(const Lead& lead, const Config& config) {
    const auto& rules = config.leads.rules;
    for (size_t i = 0; i < rules.size(); ++i)
        if (rule_matches(rules[i], lead)) return int(i);
    return -1;
}

static std::vector<const Person*> group_members(const Config& config, const std::string& group) {
    std::vector<const Person*> members;
    for (const auto& p : config.people)
        if (std::find(p.groups.begin(), p.groups.end(), group) != p.groups.end()) members.push_back(&p);
    return members;
}

bool assignment_needs_leads(const Lead& lead, const Config& config) {
    int index = matching_rule(lead, config);
    if (index < 0) return false;
    const AssignmentRule& rule = config.leads.rules[size_t(index)];
    if (rule.strategy != Strategy::kRoundRobin) return true;
    for (const Person* p : group_members(config, rule.group))
        if (p->max_open_leads > 0) return true;
    return false;
}

Assignment choose_owner(const Lead& lead, const Config& config, const std::vector<Lead>& leads, RoundRobin& rr) {
    const int index = matching_rule(lead, config);
    if (index < 0) throw Failure(kDataErr, "no rule in leads.assignment of crm.yaml matches this lead");
    const AssignmentRule& rule = config.leads.rules[size_t(index)];
    const std::vector<const Person*> members = group_members(config, rule.group);
    std::map<std::string, int> open, won, lost;
    for (const auto& l : leads) {
        if (l.owner.empty() || l.id == lead.id) continue;
        if (is_open(l)) ++open[l.owner];
        else if (l.status == LeadStatus::kWon) ++won[l.owner];
        else ++lost[l.owner];
    }
    auto available = [&](const Person* p) {
        return !p->away && (p->max_open_leads == 0 || open[p->name] < p->max_open_leads);
    };
    const Person* pick = nullptr;
    if (rule.strategy == Strategy::kRoundRobin) {
        size_t start = 0;
        auto last = rr.find(rule.group);
        for (size_t i = 0; last != rr.end() && i < members.size(); ++i)
            if (members[i]->name == last->second) start = i + 1;
        for (size_t k = 0; k < members.size() && !pick; ++k)
            if (available(members[(start + k) % members.size()])) pick = members[(start + k) % members.size()];
        if (pick) rr[rule.group] = pick->name;
    } else {
        // least_open: fewest open leads. weighted: fewest open leads per unit of won
        // rate, (won + 1) / (won + lost + 2), so better closers get more. Ties: listed first.
        double best = 0;
        for (const Person* p : members) {
            if (!available(p)) continue;
            double load = open[p->name];
            if (rule.strategy == Strategy::kWeighted) {
                double rate = (won[p->name] + 1.0) / (won[p->name] + lost[p->name] + 2.0);
                load = (open[p->name] + 1.0) / rate;
            }
            if (!pick || load < best) { pick = p; best = load; }
        }
    }
    if (!pick)
        throw Failure(kDataErr, "nobody in group " + quote_value(rule.group) +
                                    " can take the lead (everyone away or at max_open_leads, or no one in the group)");
    return {pick->name, rule.group, name_of(rule.strategy), index};
}

}  // namespace crm
