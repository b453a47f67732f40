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

bool is_open(const Lead& l) { return l.status != LeadStatus::kWon && l.status != LeadStatus::kLost; }

void score_lead(Lead& l, const LeadsConfig& c) {
    auto v = [](int x) { return x < 0 ? 0.0 : double(x); };
    double weights = c.w_budget + c.w_authority + c.w_need + c.w_timeline;
    double sum = c.w_budget * v(l.budget) + c.w_authority * v(l.authority) + c.w_need * v(l.need) +
                 c.w_timeline * v(l.timeline);
    l.score = int(std::floor(4 * sum / weights + 0.5 + 1e-9));
    l.grade = l.score >= c.grade_a ? "A" : l.score >= c.grade_b ? "B" : "C";
}

std::vector<std::string> derive(Lead& l, const Config& config) {
    const int score = l.score;
    const std::string grade = l.grade;
    score_lead(l, config.leads);
    std::vector<std::string> stale;
    if (l.score != score) stale.push_back("score");
    if (l.grade != grade) stale.push_back("grade");
    return stale;
}

std::string set_lead_field(Lead& l, const std::string& field, const std::string& value, const Config& config) {
    std::string why = set_field(l, field, value, config);
    const bool bant = field == "budget" || field == "authority" || field == "need" || field == "timeline";
    if (why.empty() && bant) score_lead(l, config.leads);
    return why;
}

std::string move_lead(Lead& l, LeadStatus to, const std::string& note, const std::string& reason, bool force,
                      const std::string& actor, const std::string& at) {
    const std::string from_name = name_of(l.status), to_name = name_of(to);
    if (to == l.status) return "the lead is " + to_name + " already";
    if (!force) {
        if (!is_open(l)) return "the lead is " + from_name + "; moving out of it needs --force";
        if (to != LeadStatus::kLost && to < l.status) return "moving back from " + from_name + " to " + to_name + " needs --force";
    }
    if (to == LeadStatus::kLost && trim(reason).empty()) return "lost needs --reason";
    l.history.push_back({at, actor, from_name, to_name, note});
    l.status = to;
    l.lost_reason = to == LeadStatus::kLost ? trim(reason) : "";
    if (to != LeadStatus::kNew && l.first_contact.empty()) l.first_contact = at;
    return "";
}

std::optional<Time> followup_due(const Lead& l, const Config& config) {
    auto parsed = parse_time(l.created, config.zone);
    if (!parsed) return std::nullopt;
    Time created = *parsed;
    long long minutes = (long long)config.leads.followup_hours * 60;
    if (config.leads.followup_clock == ClockKind::kBusiness) return Calendar(config).add_business_minutes(created, minutes);
    return created + minutes * 60;
}

bool followup_overdue(const Lead& l, const Config& config, Time now) {
    auto due = followup_due(l, config);
    return is_open(l) && l.first_contact.empty() && due && now > *due;
}

void rewind(Lead& l, Time t) {
    auto later = [t](const std::string& time) {
        const auto x = parse_time(time, Zone());
        return x && *x > t;
    };
    size_t moves = 0, contacts = 0;
    while (moves < l.history.size() && !later(l.history[moves].at)) ++moves;
    while (contacts < l.log.size() && !later(l.log[contacts].at)) ++contacts;
    if (moves < l.history.size()) {
        if (auto s = enum_named<LeadStatus>(l.history[moves].from)) l.status = *s;  // what the first later move left
        l.history.resize(moves);
    }
    if (l.status != LeadStatus::kLost) l.lost_reason.clear();
    if (contacts < l.log.size()) {
        l.log.resize(contacts);
        l.next_followup.clear();
        for (const auto& c : l.log)
            if (!c.next.empty()) l.next_followup = c.next;
    }
    if (later(l.first_contact)) l.first_contact.clear();
    // The last event kept, as the commands that made them left it (a change without one is not replayed).
    l.updated = l.created;
    for (const auto* at : {l.history.empty() ? nullptr : &l.history.back().at, l.log.empty() ? nullptr : &l.log.back().at})
        if (at && parse_time(*at, Zone()) > parse_time(l.updated, Zone())) l.updated = *at;
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
        s.push_back(text_slot("grade", &L::grade));
        s.push_back(enum_slot("status", &L::status));
        for (auto [key, member] : {std::pair{"lost_reason", &L::lost_reason}, {"owner", &L::owner}, {"customer", &L::customer}, {"created", &L::created},
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
