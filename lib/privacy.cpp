#include "privacy.h"

#include "contact.h"
#include "customer.h"
#include "lead.h"
#include "ticket.h"

namespace crm {

// How column is masked: the x-mask of the first kind declaring one for it.
static std::string mask_of(const std::string& column) {
    for (const auto* fields : {&kind_of<Customer>().fields, &kind_of<Lead>().fields, &kind_of<Ticket>().fields})
        for (const auto& f : *fields)
            if (f.column == column && !f.ext("mask").empty()) return f.ext("mask");
    return "";
}

void mask_personal(Table& table) {
    for (size_t i = 0; i < table.columns.size(); ++i) {
        const std::string how = mask_of(table.columns[i].name);
        if (how.empty()) continue;
        for (auto& row : table.rows) {
            if (row[i].empty()) continue;
            row[i] = how == "phone" ? mask_phone(row[i]) : how == "email" ? mask_email(row[i]) : row[i].substr(0, 1) + "***";
        }
    }
}

template <class R>
static void forget(Writer& writer, R r, const std::string& at) {
    std::vector<std::string> erased = erase_personal(r);
    r.updated = at;
    save_record(writer, r);
    writer.audit(r.id, erased);
}

void forget_customer(Writer& writer, const Store& store, const std::string& id, const std::string& at) {
    Customer c = load_record<Customer>(store, id);
    const std::string lead = c.lead;
    std::vector<std::string> erased = erase_personal(c);
    c.extra["forgotten"] = at;
    c.updated = at;
    save_record(writer, c);
    writer.audit(id, erased);
    for (auto& l : load_records<Lead>(store))
        if (l.customer == id || l.id == lead) forget(writer, std::move(l), at);
    for (auto& t : load_records<Ticket>(store))
        if (t.customer == id) forget(writer, std::move(t), at);
}

}  // namespace crm
