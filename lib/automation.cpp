#include "automation.h"

#include <algorithm>
#include <climits>
#include <map>
#include <set>
#include <unordered_map>
#include <unordered_set>

#include "customer.h"
#include "ids.h"
#include "order.h"
#include "text.h"
#include "ticket.h"
#include "transitions.h"

namespace crm {

namespace {

constexpr Time kDay = 86400;

// One trigger's occurrence for one customer: the message it calls for.
struct Occurrence {
    size_t automation;  // index in config.automations: the order they run in on a tie
    const Customer* customer;
    Time due;
    std::string key, ticket;
};

// What the triggers read of a customer's orders: the first day and the first
// later one.
struct Purchases {
    Date first = INT_MAX, second = INT_MAX;
};

Time midnight(Date d, const Zone& zone) { return zone.from_local(int64_t(d) * kDay); }

// Whether the customer can be reached on channel: a phone for calls and SMS,
// an address for e-mail, an ID for WeChat; visits and the app need none.
bool reachable(const Customer& c, const std::string& channel) {
    if (channel == "phone" || channel == "sms") return !c.phone.empty();
    if (channel == "email") return !c.email.empty();
    if (channel == "wechat") return !c.wechat.empty();
    return true;
}

// The first channel of the automation's list the customer can be reached on
// and has not refused, or "" with why in why.
std::string pick_channel(const Automation& a, const Customer& c, std::string& why) {
    std::vector<std::string> tried;
    for (std::string ch : a.channels) {
        if (ch == "preferred") ch = c.preferred_channel;
        if (ch.empty()) continue;
        if (std::find(c.refused_channels.begin(), c.refused_channels.end(), ch) != c.refused_channels.end())
            tried.push_back(ch + " refused");
        else if (!reachable(c, ch))
            tried.push_back(ch + " unknown");
        else
            return ch;
    }
    why = "no channel: " + join(tried, ", ");
    return "";
}

std::string render_text(const Automation& a, const Customer& c, const std::string& ticket) {
    std::string out;
    for (size_t i = 0; i < a.text.size(); ++i) {
        const size_t close = a.text[i] == '{' ? a.text.find('}', i) : std::string::npos;
        if (close == std::string::npos) {
            out += a.text[i];
            continue;
        }
        const std::string field = a.text.substr(i + 1, close - i - 1);
        out += field == "name"        ? c.name
               : field == "tier"      ? c.tier
               : field == "segment"   ? c.segment
               : field == "lifecycle" ? c.lifecycle
               : field == "coupon"    ? a.coupon
                                      : ticket;
        i = close;
    }
    return out;
}

// Every occurrence whose message falls due in (from, now]: from is each
// automation's window start.
std::vector<Occurrence> occurrences(const Store& store, Time now, const std::vector<Customer>& customers) {
    const Config& config = store.config();
    const Zone& zone = config.zone;
    const Date today = local_date(now, zone);
    std::unordered_map<std::string, const Customer*> by_id;
    for (const auto& c : customers) by_id.emplace(c.id, &c);

    bool wants_orders = false, wants_transitions = false, wants_tickets = false;
    for (const auto& a : config.automations) {
        wants_orders = wants_orders || a.trigger == "first_order" || a.trigger == "no_repurchase" || a.trigger == "anniversary";
        wants_transitions = wants_transitions || a.trigger == "lifecycle" || a.trigger == "segment" || a.trigger == "tier";
        wants_tickets = wants_tickets || a.trigger == "ticket_solved";
    }
    std::unordered_map<std::string, Purchases> bought;
    if (wants_orders)
        for_each_shard(store, &skipped_files(), [&](const std::vector<Order>& shard) {
            for (const auto& o : shard) {
                if (o.date > today) continue;
                Purchases& p = bought[o.customer];
                if (o.date < p.first) {
                    p.second = p.first;  // INT_MAX still when there was none
                    p.first = o.date;
                } else if (o.date > p.first && o.date < p.second) {
                    p.second = o.date;
                }
            }
        });
    const std::vector<Transition> transitions = wants_transitions ? read_transitions(store, today) : std::vector<Transition>{};
    const std::vector<Ticket> tickets = wants_tickets ? load_records<Ticket>(store, &skipped_files()) : std::vector<Ticket>{};

    std::vector<Occurrence> out;
    for (size_t ai = 0; ai < config.automations.size(); ++ai) {
        const Automation& a = config.automations[ai];
        const Time delay = a.delay * 60;
        const Time from = now - a.within * 60 - kDay;  // window: messages due in (from, now]
        auto add = [&](const Customer* c, Time at, const std::string& occasion, const std::string& ticket = "") {
            const Time due = at + delay;
            if (c && due > from && due <= now)
                out.push_back({ai, c, due, a.name + ":" + c->id + (occasion.empty() ? "" : ":" + occasion), ticket});
        };
        // The days whose midnight, delayed, falls in the window.
        const Date first_day = local_date(from - delay, zone), last_day = local_date(now - delay, zone);
        if (a.trigger == "first_order" || a.trigger == "no_repurchase" || a.trigger == "anniversary") {
            for (const auto& [id, p] : bought) {
                auto it = by_id.find(id);
                if (it == by_id.end()) continue;
                if (a.trigger == "first_order") add(it->second, midnight(p.first, zone), "");
                else if (a.trigger == "no_repurchase" && p.second > p.first + a.days && p.first + a.days <= today)
                    add(it->second, midnight(p.first + a.days, zone), "");
                else if (a.trigger == "anniversary")
                    for (Date d = first_day; d <= last_day; ++d) {
                        int y, m, day, y0, m0, day0;
                        civil(d, y, m, day);
                        civil(p.first, y0, m0, day0);
                        if (y > y0 && m == m0 && (day == day0 || (m0 == 2 && day0 == 29 && day == 28 && !make_date(y, 2, 29))))
                            add(it->second, midnight(d, zone), std::to_string(y));
                    }
            }
        } else if (a.trigger == "lifecycle" || a.trigger == "segment" || a.trigger == "tier") {
            for (const auto& t : transitions)
                if (t.field == a.trigger && t.to == a.to)
                    if (auto it = by_id.find(t.customer); it != by_id.end())
                        add(it->second, midnight(t.date, zone), format_date(t.date));
        } else if (a.trigger == "ticket_solved") {
            for (const auto& t : tickets)
                if (const auto solved = parse_time(t.solved, zone); solved && *solved <= now)
                    if (auto it = by_id.find(t.customer); it != by_id.end()) add(it->second, *solved, t.id, t.id);
        } else if (a.trigger == "birthday") {
            for (const auto& c : customers) {
                const auto born = parse_date(c.birthday);
                if (!born) continue;
                int yb, mb, db;
                civil(*born, yb, mb, db);
                for (Date d = first_day; d <= last_day; ++d) {
                    int y, m, day;
                    civil(d, y, m, day);
                    if (m == mb && (day == db || (mb == 2 && db == 29 && day == 28 && !make_date(y, 2, 29))))
                        add(&c, midnight(d, zone), std::to_string(y));
                }
            }
        } else if (a.trigger == "high_value_quarterly") {
            for (Date d = first_day; d <= last_day; ++d) {
                int y, m, day;
                civil(d, y, m, day);
                if (day != 1 || (m - 1) % 3 != 0) continue;
                for (const auto& c : customers)
                    if (c.high_value) add(&c, midnight(d, zone), std::to_string(y) + "Q" + std::to_string((m - 1) / 3 + 1));
            }
        }
    }
    std::sort(out.begin(), out.end(), [](const Occurrence& x, const Occurrence& y) {
        return std::tie(x.due, x.automation, x.key) < std::tie(y.due, y.automation, y.key);
    });
    return out;
}

}  // namespace

bool within_cap(const std::vector<Time>& others, Time t, int cap) {
    constexpr Time kWeek = 7 * kDay;
    std::vector<Time> starts = {t};
    for (Time x : others)
        if (x > t - kWeek && x <= t) starts.push_back(x);
    for (Time s : starts) {
        int n = 1;  // t itself
        for (Time x : others) n += x >= s && x < s + kWeek;
        if (n > cap) return false;
    }
    return true;
}

Time after_quiet_hours(Time t, const std::string& quiet, const Zone& zone) {
    if (quiet.size() != 11) return t;
    const int start = std::stoi(quiet.substr(0, 2)) * 60 + std::stoi(quiet.substr(3, 2));
    const int end = std::stoi(quiet.substr(6, 2)) * 60 + std::stoi(quiet.substr(9, 2));
    const int now = minute_of_day(t, zone);
    const bool quiet_now = start <= end ? now >= start && now < end : now >= start || now < end;
    if (!quiet_now) return t;
    const int wait = (end - now + 1440) % 1440;  // minutes to the end, across midnight if need be
    return t - t % 60 + Time(wait) * 60;
}

AutomationPlan plan_automations(const Store& store, Time now) {
    const Config& config = store.config();
    AutomationPlan plan;
    if (config.automations.empty()) return plan;
    const std::vector<Customer> customers = load_records_at<Customer>(store, now);
    std::unordered_set<std::string> keys, ids;
    std::unordered_map<std::string, std::vector<Time>> counted;  // customer -> dues of messages due or sent
    for_each_shard_of<Message>(store, nullptr, [&](std::vector<Message>& shard) {
        for (const auto& m : shard) {
            keys.insert(m.key);
            ids.insert(m.id);
            if (m.status == "due" || m.status == "sent")
                if (const auto due = parse_time(m.due, config.zone)) counted[m.customer].push_back(*due);
        }
    });
    const std::string stamp = format_time(now, config.zone);
    for (const Occurrence& o : occurrences(store, now, customers)) {
        if (!keys.insert(o.key).second) continue;
        const Automation& a = config.automations[o.automation];
        const Customer& c = *o.customer;
        Message m;
        m.id = new_unique_id('M', now, [&](const std::string& id) { return ids.count(id) > 0; });
        ids.insert(m.id);
        m.customer = c.id;
        m.automation = a.name;
        m.kind = a.marketing ? "marketing" : "service";
        m.key = o.key;
        m.ticket = o.ticket;
        m.created = m.updated = stamp;
        Time due = o.due;
        std::string why;
        m.channel = pick_channel(a, c, why);
        if (now - due > a.within * 60) {
            why = "late: due " + format_time(due, config.zone) + ", past its window of " + std::to_string(a.within / 60) + "h";
        } else if (const auto out = parse_time(c.opt_out, config.zone); a.marketing && out && *out <= due) {
            why = "opted out of marketing at " + c.opt_out;
        } else if (why.empty()) {
            if (const Time later = after_quiet_hours(due, c.quiet_hours, config.zone); later != due) {
                m.reason = "deferred from " + format_time(due, config.zone) + " (quiet hours " + c.quiet_hours + ")";
                due = later;
            }
            auto& dues = counted[c.id];
            if (a.marketing && !within_cap(dues, due, config.max_contacts_per_week))
                why = "frequency cap: " + std::to_string(config.max_contacts_per_week) + " messages in 7 days";
        }
        m.due = format_time(due, config.zone);
        if (why.empty()) {
            m.status = "due";
            m.text = render_text(a, c, o.ticket);
            counted[c.id].push_back(due);
        } else {
            m.status = "suppressed";
            m.reason = why;
        }
        plan.messages.push_back(std::move(m));
    }
    return plan;
}

}  // namespace crm
