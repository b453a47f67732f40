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
               bant(l.authority), bant(l.need), bant(l.timeline), std::to_string(l.score), l.grade, name_of(l.status), l.owner,
               l.created, l.first_contact, due ? format_time(*due, config.zone) : "", l.next_followup,
               followup_overdue(l, config, now) ? "true" : "false", l.customer, l.lost_reason, l.updated});
    }
    return t;
}

ContactIndex::ContactIndex(const std::vector<Lead>& leads, const std::vector<Customer>& customers) {
    for (const auto& l : leads) add(l.id, l.phone, l.email);
    for (const auto& c : customers) add(c.id, c.phone, c.email);
}

void ContactIndex::add(const std::string& id, const std::string& phone, const std::string& email) {
    if (!phone.empty()) phone_.emplace(phone, id);
    if (!email.empty()) email_.emplace(email, id);
}

std::string ContactIndex::serialise() const {
    std::string out;
    for (const auto& [value, id] : phone_) out += "p\t" + value + "\t" + id + "\n";
    for (const auto& [value, id] : email_) out += "e\t" + value + "\t" + id + "\n";
    return out;
}


std::string ContactIndex::find(const Lead& l) const {
    if (auto it = phone_.find(l.phone); !l.phone.empty() && it != phone_.end() && it->second != l.id)
        return it->second + " (phone " + l.phone + ")";
    if (auto it = email_.find(l.email); !l.email.empty() && it != email_.end() && it->second != l.id)
        return it->second + " (email " + l.email + ")";
    return "";
}

}  // namespace crm
