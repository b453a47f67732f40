#include "ticket_view.h"

#include <algorithm>
#include <map>

#include "error.h"
#include "record_view.h"
#include "report.h"
#include "sla.h"
#include "text.h"

namespace crm {

static std::string when(const std::optional<Time>& t, const Config& c) { return t ? format_time(*t, c.zone) : ""; }

Table ticket_table(const std::vector<Ticket>& tickets, const Config& config, Time now) {
    std::vector<TicketSla> sla;
    sla.reserve(tickets.size());
    for (const auto& k : tickets) sla.push_back(compute_sla(k, config, now));
    using C = Computed<Ticket>;
    return declared_table<Ticket>(
        tickets,
        {C{"fr_due", Kind::Text, "closed", [&](const Ticket&, size_t i) { return when(sla[i].first_response.due, config); }},
         C{"fr_state", Kind::Text, "fr_due", [&](const Ticket&, size_t i) { return sla[i].first_response.state; }},
         C{"res_due", Kind::Text, "fr_state", [&](const Ticket&, size_t i) { return when(sla[i].resolution.due, config); }},
         C{"res_state", Kind::Text, "res_due", [&](const Ticket&, size_t i) { return sla[i].resolution.state; }},
         C{"fr_min", Kind::Number, "res_state",
           [&](const Ticket&, size_t i) { return std::to_string(sla[i].first_response.used / 60); }},
         C{"res_min", Kind::Number, "fr_min",
           [&](const Ticket&, size_t i) { return std::to_string(sla[i].resolution.used / 60); }}});
}

static std::string group_of(const Ticket& t, const std::string& by, const Config& config) {
    std::string g;
    if (by.empty()) g = "all";
    else if (by == "priority") g = name_of(t.priority);
    else if (by == "type") g = t.type;
    else if (by == "group") g = t.group;
    else if (by == "assignee") g = t.assignee;
    else if (by == "channel") g = t.channel;
    else if (auto c = parse_time(t.created, config.zone)) g = format_date(local_date(*c, config.zone)).substr(0, 7);
    return g.empty() ? "none" : g;
}

static bool in_window(const Ticket& t, const Config& config, std::optional<Date> from, std::optional<Date> to) {
    auto c = parse_time(t.created, config.zone);
    if (!c) return false;
    Date d = local_date(*c, config.zone);
    return (!from || d >= *from) && (!to || d <= *to);
}

Table sla_report(const std::vector<Ticket>& tickets, const Config& config, Time now, const TicketReportOptions& o) {
    static const std::vector<std::string> bys = {"priority", "type", "group", "assignee", "channel", "month"};
    if (!o.by.empty() && std::find(bys.begin(), bys.end(), o.by) == bys.end())
        throw Failure(kUsage, "--by: " + quote_value(o.by) + " is not one of " + join(bys, ", "));
    std::vector<Ticket> kept;
    for (const auto& t : tickets)
        if (in_window(t, config, o.from, o.to)) kept.push_back(t);
    if (o.detail) return ticket_table(kept, config, now);

    struct Acc {
        long long n = 0, esc = 0, csat_sum = 0, csat_n = 0;
        long long state[2][3] = {{0, 0, 0}, {0, 0, 0}};  // [fr|res][achieved|breached|active(+paused)]
        std::vector<double> minutes[2];                  // SLA minutes used by met targets
    };
    std::map<std::string, Acc> groups;
    if (o.by.empty()) groups["all"];
    for (const auto& t : kept) {
        Acc& a = groups[group_of(t, o.by, config)];
        ++a.n;
        a.esc += t.level > 0;
        if (t.csat) { a.csat_sum += t.csat; ++a.csat_n; }
        TicketSla s = compute_sla(t, config, now);
        const SlaClock* clocks[2] = {&s.first_response, &s.resolution};
        for (int k = 0; k < 2; ++k) {
            const std::string& st = clocks[k]->state;
            if (st == "achieved") ++a.state[k][0];
            else if (st == "breached") ++a.state[k][1];
            else if (st == "active" || st == "paused") ++a.state[k][2];
            if (clocks[k]->met && clocks[k]->target > 0) a.minutes[k].push_back(double(clocks[k]->used / 60));
        }
    }
    Table t;
    t.columns = {{"group", Kind::Text}};
    for (const char* n : {"tickets", "fr_achieved", "fr_breached", "fr_active", "fr_rate", "fr_median_min", "res_achieved",
                          "res_breached", "res_active", "res_rate", "res_median_min", "escalated", "csat_avg", "csat_n"})
        t.columns.push_back({n, Kind::Number});
    for (auto& [g, a] : groups) {
        std::vector<std::string> row = {g, std::to_string(a.n)};
        for (int k = 0; k < 2; ++k) {
            for (long long v : a.state[k]) row.push_back(std::to_string(v));
            row.push_back(ratio(a.state[k][0], a.state[k][0] + a.state[k][1], 3));
            row.push_back(median_text(a.minutes[k]));
        }
        row.push_back(std::to_string(a.esc));
        row.push_back(ratio(a.csat_sum, a.csat_n, 2));
        row.push_back(std::to_string(a.csat_n));
        t.add(row);
    }
    return t;
}

Table complaints_report(const std::vector<Ticket>& tickets, const Config& config, Time now, const std::string& month) {
    std::optional<Date> from, to;
    if (!month.empty()) {
        auto first = parse_date(month + "-01");
        if (month.size() != 7 || !first) throw Failure(kUsage, "--month: " + quote_value(month) + " is not YYYY-MM");
        int y, m, d;
        civil(*first, y, m, d);
        from = first;
        to = *make_date(m == 12 ? y + 1 : y, m == 12 ? 1 : m + 1, 1) - 1;
    }
    struct Acc {
        long long n = 0, on_time = 0, late = 0, resolved = 0, csat_sum = 0, csat_n = 0;
    };
    std::map<std::string, Acc> types;
    long long total = 0;
    for (const auto& t : tickets) {
        if (!in_window(t, config, from, to)) continue;
        ++total;
        Acc& a = types[t.type];
        ++a.n;
        TicketSla s = compute_sla(t, config, now);
        a.on_time += s.resolution.state == "achieved";
        a.late += s.resolution.state == "breached";
        a.resolved += is_done(t);
        if (t.csat) { a.csat_sum += t.csat; ++a.csat_n; }
    }
    Table out;
    out.columns = {{"type", Kind::Text}};
    for (const char* n : {"tickets", "share", "on_time_rate", "resolution_rate", "csat_avg", "csat_n"})
        out.columns.push_back({n, Kind::Number});
    for (const auto& [type, a] : types)
        out.add({type, std::to_string(a.n), ratio(a.n, total, 3), ratio(a.on_time, a.on_time + a.late, 3),
                 ratio(a.resolved, a.n, 3), ratio(a.csat_sum, a.csat_n, 2), std::to_string(a.csat_n)});
    return out;
}

}  // namespace crm
