#include "sla.h"

#include <cmath>

#include "calendar.h"

namespace crm {

namespace {

// [start, end) stretches when the clock runs; end = nullopt for "still running".
struct Span {
    Time start;
    std::optional<Time> end;
};

std::vector<Span> running_spans(const Ticket& t, const Config& config, Time created) {
    std::vector<Span> spans;
    bool paused = false;
    Time since = created;
    for (const auto& e : t.history) {
        if (e.event != "status") continue;
        auto at = parse_time(e.at, config.zone);
        if (!at) continue;
        const auto to = enum_named<TicketStatus>(e.to);
        const bool now_paused = to && config.tickets.pause_statuses.count(*to) > 0;
        if (now_paused == paused) continue;
        if (now_paused && *at > since) spans.push_back({since, *at});
        if (!now_paused) since = std::max(*at, created);
        paused = now_paused;
    }
    if (!paused) spans.push_back({since, std::nullopt});
    return spans;
}

class Clock {
public:
    Clock(const Config& config, bool business) : calendar_(config), business_(business) {}
    long long between(Time a, Time b) const {
        if (b <= a) return 0;
        return business_ ? calendar_.business_seconds_between(a, b) : b - a;
    }
    Time add(Time t, long long seconds) const { return business_ ? calendar_.add_business_seconds(t, seconds) : t + seconds; }

private:
    Calendar calendar_;
    bool business_;
};

SlaClock measure(long long target_minutes, std::optional<Time> met, const std::vector<Span>& spans, const Clock& clock,
                 Time now, bool paused_now) {
    SlaClock c;
    c.target = target_minutes * 60;
    c.met = met;
    if (c.target <= 0) return c;
    long long left = c.target;
    for (const auto& s : spans) {
        // A pause moves only a target still running: one that starts once the
        // target was met (a ticket set pending after its reply) leaves its due time.
        const bool pause_counts = s.end && !(met && *s.end >= *met);
        if (!pause_counts || clock.between(s.start, *s.end) >= left) {
            c.due = clock.add(s.start, left);
            break;
        }
        left -= clock.between(s.start, *s.end);
    }
    const Time until = met ? *met : now;
    for (const auto& s : spans) {
        Time end = s.end ? std::min(*s.end, until) : until;
        c.used += clock.between(s.start, end);
    }
    if (met) c.state = c.due && *met > *c.due ? "breached" : "achieved";
    else if (c.due && now > *c.due) c.state = "breached";
    else c.state = paused_now ? "paused" : "active";
    return c;
}

}  // namespace

TicketSla compute_sla(const Ticket& t, const Config& config, Time now) {
    TicketSla out;
    auto created = parse_time(t.created, config.zone);
    if (!created) return out;
    const SlaTarget target = config.tickets.target(t.priority, t.type);
    const Clock clock(config, target.clock == ClockKind::kBusiness);
    const auto spans = running_spans(t, config, *created);
    const bool paused_now = config.tickets.pause_statuses.count(t.status) > 0;
    std::optional<Time> solved = t.solved.empty() ? std::nullopt : parse_time(t.solved, config.zone);
    if (!solved && !t.closed.empty()) solved = parse_time(t.closed, config.zone);
    std::optional<Time> replied = t.first_response.empty() ? solved : parse_time(t.first_response, config.zone);
    out.first_response = measure(target.first_response, replied, spans, clock, now, paused_now);
    out.resolution = measure(target.resolution, solved, spans, clock, now, paused_now);
    return out;
}

EscalationNeed escalation_need(const Ticket& t, const TicketSla& sla, const Config& config) {
    EscalationNeed need;
    if (is_done(t)) return need;
    bool breach = false, warn = false;
    std::string breach_reason, warn_reason;
    std::optional<Time> breach_due, warn_due;
    for (auto [name, c] : {std::pair{"first_response", &sla.first_response}, {"resolution", &sla.resolution}}) {
        if (c->state == "breached" && !breach) {
            breach = true;
            breach_reason = std::string(name) + " breached";
            breach_due = c->due;
        }
        if (c->state == "active" && c->target > 0 && !warn && double(c->used) >= config.tickets.warn_at * double(c->target)) {
            warn = true;
            warn_reason = std::string(name) + " " + std::to_string(int(std::floor(100.0 * c->used / c->target))) + "% used";
            warn_due = c->due;
        }
    }
    for (const auto& l : config.tickets.levels) {
        bool holds = (l.when == "breach" && breach) || (l.when == "warn" && (warn || breach));
        if (holds && l.level > need.level) {
            need.level = l.level;
            need.group = l.group;
            need.reason = breach ? breach_reason : warn_reason;
            need.due = breach ? breach_due : warn_due;
        }
    }
    return need;
}

}  // namespace crm
