#include "lead_reports.h"

#include <algorithm>
#include <cmath>
#include <map>

#include "error.h"
#include "report.h"
#include "text.h"

namespace crm {

static std::string group_of(const Lead& l, const std::string& by) {
    std::string g = by.empty() ? "all" : by == "owner" ? l.owner : by == "source" ? l.source : by == "region" ? l.region : l.grade;
    return g.empty() ? "none" : g;
}

// Leads in the creation window, grouped; the map keeps groups sorted.
static std::map<std::string, std::vector<const Lead*>> grouped(const std::vector<Lead>& leads, const Config& config,
                                                               const LeadReportOptions& o,
                                                               const std::vector<std::string>& allowed_by) {
    if (!o.by.empty() && std::find(allowed_by.begin(), allowed_by.end(), o.by) == allowed_by.end())
        throw Failure(kUsage, "--by: " + quote_value(o.by) + " is not one of " + join(allowed_by, ", "));
    std::map<std::string, std::vector<const Lead*>> out;
    for (const auto& l : leads) {
        auto created = parse_time(l.created, config.zone);
        if (!created) continue;
        Date d = local_date(*created, config.zone);
        if ((o.from && d < *o.from) || (o.to && d > *o.to)) continue;
        out[group_of(l, o.by)].push_back(&l);
    }
    if (out.empty() && o.by.empty()) out["all"];
    return out;
}


// A status's place in the pipeline (won = 5, lost = 6).
static int stage_index(const std::string& s) { return int(enum_named<LeadStatus>(s).value_or(LeadStatus::kNew)); }

Table funnel_report(const std::vector<Lead>& leads, const Config& config, const LeadReportOptions& o) {
    const std::vector<std::string> statuses = enum_names<LeadStatus>();
    const std::vector<std::string> pipeline(statuses.begin(), statuses.begin() + int(LeadStatus::kWon));
    Table t;
    t.columns.push_back({"group", Kind::Text});
    t.columns.push_back({"leads", Kind::Number});
    for (const auto& s : statuses) t.columns.push_back({s, Kind::Number});
    for (size_t k = 1; k <= pipeline.size(); ++k)
        t.columns.push_back({"to_" + (k < pipeline.size() ? pipeline[k] : std::string("won")), Kind::Number});
    t.columns.push_back({"won_rate", Kind::Number});
    for (const auto& s : pipeline) t.columns.push_back({"days_" + s, Kind::Number});

    for (const auto& [group, members] : grouped(leads, config, o, {"owner", "source", "region"})) {
        std::vector<long long> current(statuses.size(), 0), reached(6, 0);
        std::vector<std::vector<double>> days(pipeline.size());
        for (const Lead* l : members) {
            ++current[size_t(l->status)];
            // The furthest pipeline stage ever reached (won = 5; lost is not a stage).
            int furthest = 0;
            auto consider = [&](const std::string& s) { if (int i = stage_index(s); i <= 5) furthest = std::max(furthest, i); };
            consider(name_of(l->status));
            for (const auto& h : l->history) consider(h.to);
            for (int k = 0; k <= furthest; ++k) ++reached[size_t(k)];
            // Completed stays: entered at creation or a move, left at the next move.
            std::string in = name_of(LeadStatus::kNew);
            auto entered = parse_time(l->created, config.zone);
            for (const auto& h : l->history) {
                auto at = parse_time(h.at, config.zone);
                int i = stage_index(in);
                if (entered && at && i < int(pipeline.size())) days[size_t(i)].push_back(double(*at - *entered) / 86400);
                in = h.to;
                entered = at;
            }
        }
        std::vector<std::string> row = {group, std::to_string(members.size())};
        for (long long c : current) row.push_back(std::to_string(c));
        for (size_t k = 1; k <= 5; ++k) row.push_back(ratio(reached[k], reached[k - 1], 3));
        row.push_back(ratio(current[5], current[5] + current[6], 3));
        for (auto& d : days) row.push_back(median_text(d));
        t.add(row);
    }
    return t;
}

Table leads_report(const std::vector<Lead>& leads, const Config& config, const LeadReportOptions& o) {
    Table t;
    t.columns = {{"group", Kind::Text},   {"leads", Kind::Number},   {"open", Kind::Number},   {"won", Kind::Number},
                 {"lost", Kind::Number},  {"grade_a", Kind::Number}, {"grade_b", Kind::Number}, {"grade_c", Kind::Number},
                 {"avg_score", Kind::Number}, {"won_rate", Kind::Number}};
    for (const auto& [group, members] : grouped(leads, config, o, {"source", "grade", "owner", "region"})) {
        long long open = 0, won = 0, lost = 0, a = 0, b = 0, c = 0, score = 0;
        for (const Lead* l : members) {
            open += is_open(*l);
            won += l->status == LeadStatus::kWon;
            lost += l->status == LeadStatus::kLost;
            a += l->grade == "A";
            b += l->grade == "B";
            c += l->grade == "C";
            score += l->score;
        }
        long long n = (long long)members.size();
        t.add({group, std::to_string(n), std::to_string(open), std::to_string(won), std::to_string(lost),
               std::to_string(a), std::to_string(b), std::to_string(c), ratio(score, n, 1), ratio(won, won + lost, 3)});
    }
    return t;
}

Table lead_sla_report(const std::vector<Lead>& leads, const Config& config, Time now, const LeadReportOptions& o) {
    Table t;
    t.columns = {{"group", Kind::Text},       {"leads", Kind::Number}, {"contacted_in_time", Kind::Number},
                 {"late", Kind::Number},      {"open_overdue", Kind::Number}, {"rate", Kind::Number}};
    for (const auto& [group, members] : grouped(leads, config, o, {"owner", "source", "region"})) {
        long long in_time = 0, late = 0, open_overdue = 0;
        for (const Lead* l : members) {
            auto due = followup_due(*l, config);
            if (!due) continue;
            if (!l->first_contact.empty()) {
                auto contact = parse_time(l->first_contact, config.zone);
                (contact && *contact <= *due ? in_time : late) += 1;
            } else if (now > *due) {
                (is_open(*l) ? open_overdue : late) += 1;  // closed without any contact: late for good
            }
        }
        t.add({group, std::to_string(members.size()), std::to_string(in_time), std::to_string(late),
               std::to_string(open_overdue), ratio(in_time, in_time + late + open_overdue, 3)});
    }
    return t;
}

}  // namespace crm
