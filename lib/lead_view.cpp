#include "lead_view.h"

#include "customer.h"
#include "record_view.h"

namespace crm {

Table lead_table(const std::vector<Lead>& leads, const Config& config, Time now) {
    return declared_table<Lead>(
        leads, {{"followup_due", Kind::Text, "first_contact",
                 [&](const Lead& l, size_t) {
                     const auto due = followup_due(l, config);
                     return due ? format_time(*due, config.zone) : "";
                 }},
                {"overdue", Kind::Bool, "next_followup",
                 [&](const Lead& l, size_t) { return followup_overdue(l, config, now) ? "true" : "false"; }}});
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
        return it->second + " (same phone)";  // the value is left out: the reader may not see contact data
    if (auto it = email_.find(l.email); !l.email.empty() && it != email_.end() && it->second != l.id)
        return it->second + " (same email)";
    return "";
}

}  // namespace crm
