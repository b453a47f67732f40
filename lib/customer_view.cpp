#include "customer_view.h"

#include <unordered_map>

#include "text.h"

namespace crm {

std::vector<Column> customer_columns() {
    std::vector<Column> cols;
    for (const char* n : {"id", "ref", "kind", "name", "phone", "email", "wechat", "region", "industry", "source",
                          "owner", "credit_code", "birthday", "tags", "lead", "created", "updated"})
        cols.push_back({n, Kind::Text});
    for (const char* n : {"r", "f", "m", "rfm_r", "rfm_f", "rfm_m"}) cols.push_back({n, Kind::Number});
    for (const char* n : {"segment", "lifecycle", "tier"}) cols.push_back({n, Kind::Text});
    cols.push_back({"high_value", Kind::Bool});
    return cols;
}

bool needs_rfm(const std::string& fields) {
    for (auto& f : split(fields, ',')) {
        std::string t = trim(f);
        if (t == "r" || t == "f" || t == "m" || t == "rfm_r" || t == "rfm_f" || t == "rfm_m") return true;
    }
    return false;
}

std::vector<RfmResult> rfm_for(const std::vector<Customer>& customers, const Store& store, Date as_of,
                               Problems* problems) {
    std::unordered_map<std::string, int> index;
    index.reserve(customers.size());
    std::vector<bool> prev(customers.size());
    for (size_t i = 0; i < customers.size(); ++i) {
        index[customers[i].id] = int(i);
        prev[i] = customers[i].high_value;
    }
    std::vector<OrderFact> facts;
    for_each_shard(store, problems, [&](const std::vector<Order>& shard) {
        for (const auto& o : shard) {
            auto it = index.find(o.customer);
            if (it != index.end()) facts.push_back({it->second, o.date, o.amount});
        }
    });
    return compute_rfm(customers.size(), facts, prev, as_of, store.config().rfm);
}

Table customer_table(const std::vector<Customer>& customers, const std::vector<RfmResult>* rfm) {
    Table t;
    t.columns = customer_columns();
    t.rows.reserve(customers.size());
    for (size_t i = 0; i < customers.size(); ++i) {
        const Customer& c = customers[i];
        std::vector<std::string> row = {c.id,     c.ref,    c.kind,   c.name,     c.phone,  c.email,
                                        c.wechat, c.region, c.industry, c.source, c.owner,  c.credit_code,
                                        c.birthday, join(c.tags, ","), c.lead, c.created, c.updated};
        if (rfm && (*rfm)[i].has_orders) {
            const RfmResult& x = (*rfm)[i];
            for (auto v : {std::to_string(x.r), std::to_string(x.f), format_money(x.m), std::to_string(x.rfm_r),
                           std::to_string(x.rfm_f), std::to_string(x.rfm_m)})
                row.push_back(v);
        } else if (rfm) {
            for (auto v : {"", "0", "0.00", "", "", ""}) row.push_back(v);
        } else {
            for (int k = 0; k < 6; ++k) row.push_back("");
        }
        row.push_back(c.segment);
        row.push_back(c.lifecycle);
        row.push_back(c.tier);
        row.push_back(c.high_value ? "true" : "false");
        t.rows.push_back(std::move(row));
    }
    return t;
}

}  // namespace crm
