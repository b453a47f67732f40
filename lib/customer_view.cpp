#include "customer_view.h"

#include <algorithm>
#include <cstring>
#include <initializer_list>
#include <limits>
#include <optional>
#include <unordered_map>

#include "points.h"
#include "record_view.h"
#include "text.h"
#include "yaml_read.h"

namespace crm {

static bool mentions(const std::string& fields, std::initializer_list<const char*> names) {
    for (auto& f : split(fields, ',')) {
        const std::string t = trim(f);
        for (const char* n : names)
            if (t == n) return true;
    }
    return false;
}

bool needs_rfm(const std::string& fields) { return mentions(fields, {"r", "f", "m", "rfm_r", "rfm_f", "rfm_m"}); }

std::vector<RfmResult> rfm_for(const std::vector<Customer>& customers, const Store& store, Date as_of,
                               Problems* problems) {
    std::vector<bool> prev(customers.size());
    for (size_t i = 0; i < customers.size(); ++i) prev[i] = customers[i].high_value;
    const std::vector<OrderFact> facts = order_facts(customers, store, problems);
    auto out = compute_rfm(customers.size(), facts, prev, as_of, store.config().rfm);
    for (size_t i = 0; i < out.size(); ++i)
        if (out[i].m_overflow)
            throw Failure(kDataErr, "customer " + customers[i].id + ": the sum of their orders' amounts is beyond " +
                                        format_money(std::numeric_limits<Cents>::max()) + ", the most crm can add up");
    return out;
}

const char* const kRfmNightFile = "state/rfm.yaml";

std::optional<RfmNights> stored_rfm_nights(const Store& store) {
    std::error_code ec;
    if (!fs::exists(store.path(kRfmNightFile), ec)) return std::nullopt;
    const YAML::Node root = load_yaml_file(store.path(kRfmNightFile).string(), kRfmNightFile, kDataErr);
    const std::string first = root.IsMap() && root["first"] ? root["first"].Scalar() : "";
    const std::string last = root.IsMap() && root["last"] ? root["last"].Scalar() : "";
    const auto t = parse_time(first, Zone());
    const auto d = parse_date(last);
    if (!t || !d)
        throw Failure(kDataErr, std::string(kRfmNightFile) + ": first: must be a time (RFC 3339) and last: a date (YYYY-MM-DD)");
    return RfmNights{*t, *d};
}

std::string rfm_nights_yaml(const std::optional<RfmNights>& before, Time now, Date night, const Zone& zone) {
    const Time first = before ? std::min(before->first, now) : now;
    return "first: " + format_time(first, zone) + "\nlast: " + format_date(night) + "\n";
}

Table customer_rows(const Store& store, std::vector<Customer> customers, const std::string& fields, Time t,
                    std::string* note) {
    const Date day = local_date(t, store.config().zone);
    const bool classification = mentions(fields, {"segment", "lifecycle", "tier", "high_value"});
    const auto nights = classification ? stored_rfm_nights(store) : std::nullopt;
    if (nights && t < nights->first)  // before the first run, no customer was classified
        for (auto& c : customers) c.segment = c.lifecycle = c.tier = "", c.high_value = false;
    const auto night = nights && t >= nights->first ? std::optional<Date>(nights->last) : std::nullopt;
    const Date stored_night = night.value_or(day);
    const bool other_night = stored_night != day;
    std::optional<PointsHeld> points;
    if (mentions(fields, {"points", "points_expiring"})) {
        points.emplace();
        for (const auto& [id, account] : load_ledger(store, t).accounts)
            (*points)[id] = {account.balance(day), account.expiring(day, day + 30)};
    }
    const PointsHeld* held = points ? &*points : nullptr;
    std::optional<Worths> worths;
    std::string value_note;
    if (needs_worth(fields)) {
        worths = worths_for(store, customers, fields, t, &value_note);
        for (size_t i = 0; i < customers.size(); ++i)
            if (const auto& h = (*worths)[i].health) customers[i].risk = h->risk;
            else if (mentions(fields, {"health", kRiskField})) customers[i].risk = "";
    }
    if (note) *note = value_note;
    const Worths* worth = worths ? &*worths : nullptr;
    if (!needs_rfm(fields) && !other_night) return customer_table(customers, nullptr, held, worth);
    const auto rfm = rfm_for(customers, store, day, &skipped_files());
    for (size_t i = 0; i < customers.size(); ++i) {
        customers[i].segment = rfm[i].segment;
        customers[i].lifecycle = rfm[i].lifecycle;
        customers[i].tier = rfm[i].tier;
        customers[i].high_value = rfm[i].high_value;
    }
    if (other_night && note)
        *note = "segment, lifecycle, tier and high_value computed as of " + format_date(day) +
                "; the stored ones are from the rfm recompute of " + format_date(stored_night) +
                (value_note.empty() ? "" : "\n" + value_note);
    return customer_table(customers, &rfm, held, worth);
}

Table customer_table(const std::vector<Customer>& customers, const std::vector<RfmResult>* rfm, const PointsHeld* points,
                     const Worths* worths) {
    // r, f, m and the 1-5 scores, computed from the orders when rfm is given;
    // a customer without orders has f 0 and m 0.00.
    auto cell = [rfm](int which) {
        return [rfm, which](const Customer&, size_t i) -> std::string {
            if (!rfm) return "";
            const RfmResult& x = (*rfm)[i];
            if (!x.has_orders) return which == 1 ? "0" : which == 2 ? "0.00" : "";
            switch (which) {
                case 0: return std::to_string(x.r);
                case 1: return std::to_string(x.f);
                case 2: return format_money(x.m);
                case 3: return std::to_string(x.rfm_r);
                case 4: return std::to_string(x.rfm_f);
                default: return std::to_string(x.rfm_m);
            }
        };
    };
    std::vector<Computed<Customer>> computed;
    std::string after = "updated";
    int which = 0;
    for (const char* name : {"r", "f", "m", "rfm_r", "rfm_f", "rfm_m"}) {
        computed.push_back({name, Kind::Number, after, cell(which++)});
        after = name;
    }
    // Points held (crm-points(1)), and what of them expires within 30 days.
    for (const bool expiring : {false, true})
        computed.push_back({expiring ? "points_expiring" : "points", Kind::Number, expiring ? "points" : after,
                            [points, expiring](const Customer& c, size_t) -> std::string {
                                if (!points) return "";
                                const auto it = points->find(c.id);
                                const auto held = it == points->end() ? std::pair<long long, long long>{0, 0} : it->second;
                                return std::to_string(expiring ? held.second : held.first);
                            }});
    // The value models' predictions, profit and health (crm-value(1)).
    after = "points_expiring";
    for (const WorthField& w : kWorthFields) {
        const std::string field = w.name;
        computed.push_back({w.name, Kind::Number, after, [worths, field](const Customer&, size_t i) -> std::string {
                                return worths ? worth_cell((*worths)[i], field) : "";
                            }});
        after = w.name;
    }
    return declared_table(customers, computed);
}

}  // namespace crm
