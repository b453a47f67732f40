#include "automation.h"

#include <algorithm>
#include <climits>
#include <map>
#include <set>
#include <unordered_map>
#include <unordered_set>

#include "calendar.h"
#include "customer.h"
#include "ids.h"
#include "order.h"
#include "points.h"
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
    std::string points, expires, amount;  // points_expiring, birthday_coupon: for the template
};

// What the triggers read of a customer's orders: the first day and the first
// later one.
struct Purchases {
    Date first = INT_MAX, second = INT_MAX;
};

Time midnight(Date d, const Zone& zone) { return zone.from_local(int64_t(d) * kDay); }

// The year of d when d is since's day of the year (29 February falls on the
// 28th in other years) in since's year or later; else -1.
int same_day_of_year(Date d, Date since) {
    int y, m, day, y0, m0, day0;
    civil(d, y, m, day);
    civil(since, y0, m0, day0);
    const bool leap_day_moved = m0 == 2 && day0 == 29 && day == 28 && !make_date(y, 2, 29);
    if (m != m0 || (day != day0 && !leap_day_moved) || y < y0) return -1;
    return y;
}

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

// Where each of kTemplateFields (lib/config.h) takes its value from, in its order.
using FieldValue = std::string (*)(const Automation&, const Customer&, const Occurrence&);
constexpr FieldValue kFieldValues[] = {
    [](const Automation&, const Customer& c, const Occurrence&) { return c.name; },
    [](const Automation&, const Customer& c, const Occurrence&) { return c.tier; },
    [](const Automation&, const Customer& c, const Occurrence&) { return c.segment; },
    [](const Automation&, const Customer& c, const Occurrence&) { return c.lifecycle; },
    [](const Automation& a, const Customer&, const Occurrence&) { return a.coupon; },
    [](const Automation&, const Customer&, const Occurrence& o) { return o.ticket; },
    [](const Automation&, const Customer&, const Occurrence& o) { return o.points; },
    [](const Automation&, const Customer&, const Occurrence& o) { return o.expires; },
    [](const Automation&, const Customer&, const Occurrence& o) { return o.amount; },
};
static_assert(std::size(kFieldValues) == std::size(kTemplateFields), "a value for every template field");

std::string render_text(const Automation& a, const Customer& c, const Occurrence& o) {
    std::string out;
    for (size_t i = 0; i < a.text.size(); ++i) {
        const size_t close = a.text[i] == '{' ? a.text.find('}', i) : std::string::npos;
        FieldValue value = nullptr;
        if (close != std::string::npos)
            for (size_t f = 0; f < std::size(kTemplateFields); ++f)
                if (a.text.compare(i + 1, close - i - 1, kTemplateFields[f]) == 0) value = kFieldValues[f];
        if (!value) {
            out += a.text[i];
            continue;
        }
        out += value(a, c, o);
        i = close;
    }
    return out;
}

// What the triggers read of the store as of now, each part only when some
// automation's trigger needs it. Read whole or not at all (exit 65): a decision
// made on part of the store would be kept for good, its key never looked at again.
struct Facts {
    std::unordered_map<std::string, Purchases> bought;
    std::vector<Transition> transitions;
    std::vector<SolvedTicket> tickets;
    std::map<std::string, Account> points;  // customer -> points held
    // The high value tag and the tier as the nightly job decided them, night
    // by night: a replay sees them as they were.
    using History = std::unordered_map<std::string, std::vector<std::pair<Date, std::string>>>;
    History high_value, tier;
    static std::string held_on(const History& h, const std::string& id, Date d) {
        std::string held;
        if (auto it = h.find(id); it != h.end())
            for (const auto& [date, value] : it->second)
                if (date <= d) held = value;
        return held;
    }
    bool high_value_on(const std::string& id, Date d) const { return held_on(high_value, id, d) == "true"; }
    std::string tier_on(const std::string& id, Date d) const { return held_on(tier, id, d); }
};

Facts read_facts(const Store& store, Time now) {
    const Config& config = store.config();
    const Date today = local_date(now, config.zone);
    auto wanted = [&](std::initializer_list<Trigger> triggers) {
        return std::any_of(config.automations.begin(), config.automations.end(), [&](const Automation& a) {
            return std::find(triggers.begin(), triggers.end(), a.trigger) != triggers.end();
        });
    };
    Facts f;
    if (wanted({Trigger::kFirstOrder, Trigger::kNoRepurchase, Trigger::kAnniversary}))
        for_each_shard(store, nullptr, [&](const std::vector<Order>& shard) {
            for (const auto& o : shard) {
                if (o.date > today) continue;
                Purchases& p = f.bought[o.customer];
                if (o.date < p.first) {
                    p.second = p.first;  // INT_MAX still when there was none
                    p.first = o.date;
                } else if (o.date > p.first && o.date < p.second) {
                    p.second = o.date;
                }
            }
        });
    if (wanted({Trigger::kLifecycle, Trigger::kSegment, Trigger::kTier, Trigger::kHighValueQuarterly, Trigger::kBirthdayCoupon}))
        f.transitions = read_transitions(store, today);
    if (wanted({Trigger::kTicketSolved})) f.tickets = solved_tickets(store, now);
    if (wanted({Trigger::kPointsExpiring})) f.points = load_ledger(store, now).accounts;
    for (const auto& t : f.transitions) {
        if (t.field == "high_value") f.high_value[t.customer].emplace_back(t.date, t.to);
        if (t.field == "tier") f.tier[t.customer].emplace_back(t.date, t.to);
    }
    return f;
}

// Every occurrence whose message falls due in (from, now]: from is each
// automation's window start.
std::vector<Occurrence> occurrences(const Store& store, Time now, const std::vector<Customer>& customers) {
    const Config& config = store.config();
    const Zone& zone = config.zone;
    std::unordered_map<std::string, const Customer*> by_id;
    for (const auto& c : customers) by_id.emplace(c.id, &c);
    const Facts facts = read_facts(store, now);
    const auto& bought = facts.bought;
    const auto& transitions = facts.transitions;
    const auto& tickets = facts.tickets;

    std::vector<Occurrence> out;
    for (size_t ai = 0; ai < config.automations.size(); ++ai) {
        const Automation& a = config.automations[ai];
        const Time delay = a.delay * 60;
        const Time from = now - a.within * 60 - kDay;  // window: messages due in (from, now]
        // The occurrence, when its message falls due in the window (to fill in its template values).
        auto add = [&](const Customer* c, Time at, const std::string& occasion, const std::string& ticket = "") -> Occurrence* {
            const Time due = at + delay;
            if (!c || due <= from || due > now) return nullptr;
            out.push_back({ai, c, due, a.name + ":" + c->id + (occasion.empty() ? "" : ":" + occasion), ticket, {}, {}, {}});
            return &out.back();
        };
        auto customer = [&](const std::string& id) -> const Customer* {
            auto it = by_id.find(id);
            return it == by_id.end() ? nullptr : it->second;
        };
        // The days whose midnight, delayed, falls in the window.
        const Date first_day = local_date(from - delay, zone), last_day = local_date(now - delay, zone);
        // A day's date-only facts (an order has no time) are known at its end:
        // the messages they call for fall due at the next midnight.
        switch (a.trigger) {
        case Trigger::kFirstOrder:
            for (const auto& [id, p] : bought) add(customer(id), midnight(p.first + 1, zone), "");
            break;
        case Trigger::kNoRepurchase:  // no order on a later day up to and including first + days
            for (const auto& [id, p] : bought)
                if (p.second > p.first + a.days) add(customer(id), midnight(p.first + a.days + 1, zone), "");
            break;
        case Trigger::kAnniversary:
            for (const auto& [id, p] : bought)
                for (Date d = first_day; d <= last_day; ++d)
                    if (int y = same_day_of_year(d, p.first); y > 0 && d > p.first) add(customer(id), midnight(d, zone), std::to_string(y));
            break;
        case Trigger::kLifecycle:
        case Trigger::kSegment:
        case Trigger::kTier:
            for (const auto& t : transitions)
                if (t.field == name_of(a.trigger) && t.to == a.to)
                    add(customer(t.customer), midnight(t.date, zone), format_date(t.date));
            break;
        case Trigger::kTicketSolved:
            for (const auto& t : tickets) add(customer(t.customer), *parse_time(t.solved, zone), t.id, t.id);
            break;
        case Trigger::kBirthday:
            for (const auto& c : customers)
                if (const auto born = parse_date(c.birthday))
                    for (Date d = first_day; d <= last_day; ++d)
                        if (int y = same_day_of_year(d, *born); y >= 0) add(&c, midnight(d, zone), std::to_string(y));
            break;
        case Trigger::kBirthdayCoupon:  // the birthday of a customer whose tier then has a coupon
            for (const auto& c : customers)
                if (const auto born = parse_date(c.birthday))
                    for (Date d = first_day; d <= last_day; ++d)
                        if (int y = same_day_of_year(d, *born); y >= 0) {
                            const auto it = config.loyalty.benefits.find(facts.tier_on(c.id, d));
                            if (it == config.loyalty.benefits.end() || it->second.birthday_coupon <= 0) continue;
                            if (Occurrence* o = add(&c, midnight(d, zone), std::to_string(y)))
                                o->amount = format_money(it->second.birthday_coupon);
                        }
            break;
        case Trigger::kPointsExpiring: {  // `days` before each day some of the customer's points are gone
            const Date today = local_date(now, zone);
            for (const auto& [id, account] : facts.points) {
                std::map<Date, long long> gone_on;
                for (const auto& lot : account.lots)
                    if (lot.left > 0 && lot.expires > today) gone_on[lot.expires] += lot.left;
                for (const auto& [day, n] : gone_on)
                    if (Occurrence* o = add(customer(id), midnight(day - a.days, zone), format_date(day))) {
                        o->points = std::to_string(n);
                        o->expires = format_date(day);
                    }
            }
            break;
        }
        case Trigger::kDate:  // a campaign day: every customer, once a year or once
            for (Date d = first_day; d <= last_day; ++d) {
                const std::string text = format_date(d);
                if (a.day.size() == 5 ? text.substr(5) != a.day : text != a.day) continue;
                for (const auto& c : customers) add(&c, midnight(d, zone), text.substr(0, 4));
            }
            break;
        case Trigger::kHighValueQuarterly:
            for (Date d = first_day; d <= last_day; ++d) {
                int y, m, day;
                civil(d, y, m, day);
                if (day != 1 || (m - 1) % 3 != 0) continue;
                for (const auto& c : customers)
                    if (facts.high_value_on(c.id, d))
                        add(&c, midnight(d, zone), std::to_string(y) + "Q" + std::to_string((m - 1) / 3 + 1));
            }
            break;
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
    if (quiet.size() != 11) return t;  // "HH:MM-HH:MM", the schema's pattern
    auto minutes = [&](size_t at) { return (quiet[at] - '0') * 600 + (quiet[at + 1] - '0') * 60 + (quiet[at + 3] - '0') * 10 + (quiet[at + 4] - '0'); };
    const int start = minutes(0), end = minutes(6);
    const int now = minute_of_day(t, zone);
    const bool quiet_now = start <= end ? now >= start && now < end : now >= start || now < end;
    if (!quiet_now) return t;
    // The end as a local wall time (the next day's when it is past midnight), then back to UTC.
    const Date day = local_date(t, zone) + (end <= now ? 1 : 0);
    return zone.from_local(int64_t(day) * kDay + int64_t(end) * 60);
}

AutomationPlan plan_automations(const Store& store, Time now) {
    const Config& config = store.config();
    AutomationPlan plan;
    if (config.automations.empty()) return plan;
    std::vector<Customer> customers = load_records_at<Customer>(store, now, nullptr);
    // A forgotten customer is contacted no more (crm customer forget).
    std::erase_if(customers, [](const Customer& c) { return c.forgotten(); });
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
        const Time decided = std::max(o.due, now);  // consent as it stood when the message was decided
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
            why = "late: due " + format_time(due, config.zone) + ", past its window of " + format_duration(a.within);
        } else if (const auto out = parse_time(c.opt_out, config.zone); a.marketing && out && *out <= decided) {
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
            m.text = render_text(a, c, o);
            const auto limit = kind_of<Message>().field("text").rule().max_length;
            if (limit && m.text.size() > *limit) {
                why = "text too long: " + std::to_string(m.text.size()) + " bytes, more than " + std::to_string(*limit);
                m.text.clear();
            }
        }
        if (why.empty()) {
            m.status = "due";
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
