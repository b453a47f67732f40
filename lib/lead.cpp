#include "lead.h"

#include <algorithm>
#include <cmath>

#include "calendar.h"
#include "contact.h"
#include "ids.h"
#include "records.h"
#include "schema.h"
#include "text.h"
#include "yaml_read.h"
#include "yaml_write.h"

namespace crm {

const std::vector<std::string> kLeadStatuses = {"new", "contacted", "qualified", "proposal", "negotiation", "won", "lost"};

bool is_open(const Lead& l) { return l.status != "won" && l.status != "lost"; }

static int stage(const std::string& status) {
    return int(std::find(kLeadStatuses.begin(), kLeadStatuses.end(), status) - kLeadStatuses.begin());
}

void score_lead(Lead& l, const LeadsConfig& c) {
    auto v = [](int x) { return x < 0 ? 0.0 : double(x); };
    double weights = c.w_budget + c.w_authority + c.w_need + c.w_timeline;
    double sum = c.w_budget * v(l.budget) + c.w_authority * v(l.authority) + c.w_need * v(l.need) +
                 c.w_timeline * v(l.timeline);
    l.score = int(std::floor(4 * sum / weights + 0.5 + 1e-9));
    l.grade = l.score >= c.grade_a ? "A" : l.score >= c.grade_b ? "B" : "C";
}

std::string set_lead_field(Lead& l, const std::string& field, const std::string& value, const Config& config) {
    std::string why = set_field(l, field, value, config);
    const bool bant = field == "budget" || field == "authority" || field == "need" || field == "timeline";
    if (why.empty() && bant) score_lead(l, config.leads);
    return why;
}

std::string move_lead(Lead& l, const std::string& to, const std::string& note, const std::string& reason, bool force,
                      const std::string& actor, const std::string& at) {
    if (stage(to) >= int(kLeadStatuses.size())) return quote_value(to) + " is not one of " + join(kLeadStatuses, ", ");
    if (to == l.status) return "the lead is " + to + " already";
    if (!force) {
        if (!is_open(l)) return "the lead is " + l.status + "; moving out of it needs --force";
        if (to != "lost" && stage(to) < stage(l.status))
            return "moving back from " + l.status + " to " + to + " needs --force";
    }
    if (to == "lost" && trim(reason).empty()) return "lost needs --reason";
    l.history.push_back({at, actor, l.status, to, note});
    l.status = to;
    l.lost_reason = to == "lost" ? trim(reason) : "";
    if (to != "new" && l.first_contact.empty()) l.first_contact = at;
    return "";
}

std::optional<Time> followup_due(const Lead& l, const Config& config) {
    auto parsed = parse_time(l.created, config.zone);
    if (!parsed) return std::nullopt;
    Time created = *parsed;
    long long minutes = (long long)config.leads.followup_hours * 60;
    if (config.leads.followup_business) return Calendar(config).add_business_minutes(created, minutes);
    return created + minutes * 60;
}

bool followup_overdue(const Lead& l, const Config& config, Time now) {
    auto due = followup_due(l, config);
    return is_open(l) && l.first_contact.empty() && due && now > *due;
}

// Each key of schemas/lead.schema.yaml, in its order, and where it lives.
const RecordKind<Lead>& record_kind(const Lead*) {
    using L = Lead;
    static const RecordKind<Lead> kind("lead", "leads", 'L', [] {
        Slots<L> s;
        for (auto [key, member] : {std::pair{"id", &L::id}, {"ref", &L::ref}, {"name", &L::name}, {"company", &L::company},
                                   {"phone", &L::phone}, {"email", &L::email}, {"region", &L::region},
                                   {"industry", &L::industry}, {"source", &L::source}})
            s.push_back(text_slot(key, member));
        for (auto [key, member] : {std::pair{"budget", &L::budget}, {"authority", &L::authority}, {"need", &L::need},
                                   {"timeline", &L::timeline}})
            s.push_back(int_slot(key, member, -1));
        s.push_back(int_slot("score", &L::score));
        for (auto [key, member] : {std::pair{"grade", &L::grade}, {"status", &L::status}, {"lost_reason", &L::lost_reason},
                                   {"owner", &L::owner}, {"customer", &L::customer}, {"created", &L::created},
                                   {"updated", &L::updated}, {"first_contact", &L::first_contact},
                                   {"next_followup", &L::next_followup}})
            s.push_back(text_slot(key, member));
        using H = StatusChange;
        s.push_back(events_slot("history", &L::history,
                                {{"at", &H::at}, {"actor", &H::actor}, {"from", &H::from}, {"to", &H::to}, {"note", &H::note}}));
        using G = ContactLog;
        s.push_back(events_slot("log", &L::log, {{"at", &G::at}, {"actor", &G::actor}, {"channel", &G::channel},
                                                 {"note", &G::note}, {"next", &G::next}}));
        return s;
    }());
    return kind;
}

}  // namespace crm
