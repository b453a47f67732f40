#include "lead_view.h"

#include "customer.h"

namespace crm {

Table lead_table(const std::vector<Lead>& leads, const Config& config, Time now) {
    Table t;
    for (const char* n : {"id", "ref", "name", "company", "phone", "email", "region", "industry", "source"})
        t.columns.push_back({n, Kind::Text});
    for (const char* n : {"budget", "authority", "need", "timeline", "score"}) t.columns.push_back({n, Kind::Number});
    for (const char* n : {"grade", "status", "owner", "created", "first_contact", "followup_due", "next_followup"})
        t.columns.push_back({n, Kind::Text});
    t.columns.push_back({"overdue", Kind::Bool});
    for (const char* n : {"customer", "lost_reason", "updated"}) t.columns.push_back({n, Kind::Text});
    auto bant = [](int v) { return v < 0 ? std::string() : std::to_string(v); };
    for (const auto& l : leads) {
        auto due = followup_due(l, config);
        t.add({l.id, l.ref, l.name, l.company, l.phone, l.email, l.region, l.industry, l.source, bant(l.budget),
               bant(l.authority), bant(l.need), bant(l.timeline), std::to_string(l.score), l.grade, l.status, l.owner,
               l.created, l.first_contact, due ? format_time(*due, config.zone) : "", l.next_followup,
               followup_overdue(l, config, now) ? "true" : "false", l.customer, l.lost_reason, l.updated});
    }
    return t;
}

std::string find_duplicate(const Lead& l, const std::vector<Lead>& leads, const std::vector<Customer>& customers) {
    for (const auto& other : leads) {
        if (!l.id.empty() && other.id == l.id) continue;  // itself (new leads have no ID yet)
        if (!l.phone.empty() && other.phone == l.phone) return other.id + " (phone " + l.phone + ")";
        if (!l.email.empty() && other.email == l.email) return other.id + " (email " + l.email + ")";
    }
    for (const auto& c : customers) {
        if (!l.phone.empty() && c.phone == l.phone) return c.id + " (phone " + l.phone + ")";
        if (!l.email.empty() && c.email == l.email) return c.id + " (email " + l.email + ")";
    }
    return "";
}

}  // namespace crm
