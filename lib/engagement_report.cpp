#include "engagement_report.h"

#include <algorithm>
#include <map>
#include <unordered_map>
#include <unordered_set>

#include "interaction.h"
#include "message.h"
#include "order.h"
#include "report.h"

namespace crm {

namespace {

constexpr Time kDay = 86400;

bool in_range(Date d, const std::optional<Date>& from, const std::optional<Date>& to) {
    return (!from || d >= *from) && (!to || d <= *to);
}

// "opted out of marketing at ..." -> "opted out of marketing"; "late: due ..." -> "late".
std::string reason_kind(const std::string& reason) {
    size_t end = std::min(reason.find(':'), reason.find(" at "));
    return reason.substr(0, end);
}

struct Counts {
    long long messages = 0, due = 0, sent = 0, failed = 0, suppressed = 0, responded = 0, repurchased = 0;
};

}  // namespace

Table engagement_report(const Store& store, Time now, const EngagementOptions& options) {
    const Zone& zone = store.config().zone;
    std::vector<Message> messages;
    for_each_shard_of<Message>(store, &skipped_files(), [&](std::vector<Message>& shard) {
        for (auto& m : shard) {
            const auto created = parse_time(m.created, zone), due = parse_time(m.due, zone);
            if (created && due && *created <= now && in_range(local_date(*due, zone), options.from, options.to))
                messages.push_back(std::move(m));
        }
    });
    Table t;
    if (options.by == "reason") {
        std::map<std::string, long long> per;
        for (const auto& m : messages)
            if (m.status == "suppressed") ++per[reason_kind(m.reason)];
        t.columns = {{"reason", Kind::Text}, {"messages", Kind::Number}};
        for (const auto& [reason, n] : per) t.add({reason, std::to_string(n)});
        return t;
    }
    // What came after each sent message: the customer's orders and inbound interactions.
    std::unordered_set<std::string> reached;
    for (const auto& m : messages)
        if (m.status == "sent") reached.insert(m.customer);
    std::unordered_map<std::string, std::vector<Date>> bought;
    std::unordered_map<std::string, std::vector<Time>> replied;
    if (!reached.empty()) {
        const Date today = local_date(now, zone);
        for_each_shard(store, &skipped_files(), [&](const std::vector<Order>& shard) {
            for (const auto& o : shard)
                if (o.date <= today && reached.count(o.customer)) bought[o.customer].push_back(o.date);
        });
        for_each_shard_of<Interaction>(store, &skipped_files(), [&](std::vector<Interaction>& shard) {
            for (const auto& x : shard)
                if (x.direction == "in" && reached.count(x.customer))
                    if (const auto at = parse_time(x.at, zone); at && *at <= now) replied[x.customer].push_back(*at);
        });
    }
    const bool by_channel = options.by == "channel";
    std::map<std::pair<std::string, std::string>, Counts> per;
    for (const auto& m : messages) {
        Counts& c = per[{by_channel ? "" : m.automation, m.channel}];
        ++c.messages;
        if (m.status == "due") ++c.due;
        else if (m.status == "failed") ++c.failed;
        else if (m.status == "suppressed") ++c.suppressed;
        if (m.status != "sent") continue;
        ++c.sent;
        const Time sent = parse_time(m.sent, zone).value_or(0);
        const Date day = local_date(sent, zone);
        const auto& orders = bought[m.customer];
        const auto& replies = replied[m.customer];
        c.repurchased += std::any_of(orders.begin(), orders.end(), [&](Date d) { return d >= day && d <= day + 30; });
        c.responded += std::any_of(replies.begin(), replies.end(), [&](Time x) { return x >= sent && x < sent + 7 * kDay; });
    }
    if (!by_channel) t.columns.push_back({"automation", Kind::Text});
    for (const auto& [name, kind] : std::vector<std::pair<const char*, Kind>>{
             {"channel", Kind::Text},     {"messages", Kind::Number},    {"due", Kind::Number},
             {"sent", Kind::Number},      {"failed", Kind::Number},      {"suppressed", Kind::Number},
             {"responded", Kind::Number}, {"response_rate", Kind::Number}, {"repurchased", Kind::Number},
             {"repurchase_rate", Kind::Number}})
        t.columns.push_back({name, kind});
    for (const auto& [key, c] : per) {
        std::vector<std::string> row;
        if (!by_channel) row.push_back(key.first);
        for (const std::string& cell :
             {key.second, std::to_string(c.messages), std::to_string(c.due), std::to_string(c.sent),
              std::to_string(c.failed), std::to_string(c.suppressed), std::to_string(c.responded),
              ratio(c.responded, c.sent, 3), std::to_string(c.repurchased), ratio(c.repurchased, c.sent, 3)})
            row.push_back(cell);
        t.add(std::move(row));
    }
    return t;
}

Table interactions_report(const Store& store, Time now, std::optional<Date> from, std::optional<Date> to) {
    const Zone& zone = store.config().zone;
    struct Row {
        long long all = 0, in = 0, out = 0, logged = 0;
    };
    std::map<std::pair<std::string, std::string>, Row> per;  // (YYYY-MM, channel)
    for_each_shard_of<Interaction>(store, &skipped_files(), [&](std::vector<Interaction>& shard) {
        for (const auto& x : shard) {
            const auto at = parse_time(x.at, zone), created = parse_time(x.created, zone);
            if (!at || !created || *created > now || !in_range(local_date(*at, zone), from, to)) continue;
            Row& r = per[{format_date(local_date(*at, zone)).substr(0, 7), x.channel}];
            ++r.all;
            ++(x.direction == "in" ? r.in : r.out);
            r.logged += *created - *at <= 3600;
        }
    });
    Table t;
    t.columns = {{"month", Kind::Text},  {"channel", Kind::Text},          {"interactions", Kind::Number},
                 {"in", Kind::Number},   {"out", Kind::Number},            {"logged_within_1h", Kind::Number},
                 {"logged_rate", Kind::Number}};
    for (const auto& [key, r] : per)
        t.add({key.first, key.second, std::to_string(r.all), std::to_string(r.in), std::to_string(r.out),
               std::to_string(r.logged), ratio(r.logged, r.all, 3)});
    return t;
}

}  // namespace crm
