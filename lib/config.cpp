#include "config.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <set>

#include "calendar.h"
#include "contact.h"
#include "error.h"
#include "text.h"
#include "schema.h"
#include "yaml_read.h"

namespace crm {

extern const char* const kDefaultConfig;

const std::string& default_config_text() {
    static const std::string text = kDefaultConfig;
    return text;
}

SlaTarget TicketsConfig::target(Priority priority, const std::string& type) const {
    if (auto p = sla_by_type.find(priority); p != sla_by_type.end())
        if (auto t = p->second.find(type); t != p->second.end()) return t->second;
    if (auto p = sla.find(priority); p != sla.end()) return p->second;
    return SlaTarget{};  // a priority without a policy has no targets
}

const Person* Config::person(const std::string& name) const {
    for (const auto& p : people)
        if (p.name == name) return &p;
    return nullptr;
}

static std::vector<std::string> strings(const YAML::Node& n) {
    std::vector<std::string> out;
    if (n && n.IsSequence())
        for (const auto& x : n) out.push_back(x.Scalar());
    return out;
}

static int minutes(const std::string& hhmm) { return std::stoi(hhmm.substr(0, 2)) * 60 + std::stoi(hhmm.substr(3, 2)); }

// The user's file over the defaults of lib/crm.default.yaml, the one place a
// default is written: mappings merge key by key; lists and scalars replace the
// default whole, and so does tickets.routing (a type left out has no group).
static YAML::Node overlay(const YAML::Node& base, const YAML::Node& user, const std::string& path) {
    if (!user) return base;
    if (!base || !base.IsMap() || !user.IsMap() || path == "tickets.routing") return user;
    YAML::Node out(YAML::NodeType::Map);
    for (const auto& kv : base) {
        const std::string key = kv.first.Scalar();
        out[key] = overlay(kv.second, user[key], path.empty() ? key : path + "." + key);
    }
    for (const auto& kv : user)
        if (!base[kv.first.Scalar()]) out[kv.first.Scalar()] = kv.second;
    return out;
}

static const YAML::Node& defaults() {
    static const YAML::Node node = parse_yaml(default_config_text(), "crm.default.yaml", kConfig);
    return node;
}

static void parse_calendar(const YAML::Node& cal, const std::string& file, Config& c) {
    static const char* days[] = {"mon", "tue", "wed", "thu", "fri", "sat", "sun"};
    const auto hours = cal["hours"];
    for (int d = 0; d < 7; ++d) {
        for (const auto& r : strings(hours[days[d]])) c.hours[d].push_back({minutes(r.substr(0, 5)), minutes(r.substr(6, 5))});
        std::sort(c.hours[d].begin(), c.hours[d].end());
        for (size_t i = 1; i < c.hours[d].size(); ++i)
            if (c.hours[d][i].first < c.hours[d][i - 1].second)
                throw Failure(kConfig, located(file, line_of(hours[days[d]]), std::string("calendar.hours.") + days[d],
                                               "time ranges overlap"));
    }
    for (const auto& s : strings(cal["holidays"])) c.holidays.insert(*parse_date(s));
    for (const auto& s : strings(cal["workdays"])) c.workdays.insert(*parse_date(s));
}

static std::vector<Person> parse_people(const YAML::Node& people, const std::string& file) {
    std::vector<Person> out;
    for (const auto& p : people) {
        Person person;
        person.name = p["name"].Scalar();
        if (p["role"]) person.role = role_named(p["role"].Scalar());
        person.groups = strings(p["groups"]);
        person.away = p["away"] && p["away"].Scalar() == "true";
        if (p["max_open_leads"]) person.max_open_leads = p["max_open_leads"].as<int>();
        person.rights = strings(p["rights"]);
        for (const auto& other : out)
            if (other.name == person.name)
                throw Failure(kConfig, located(file, line_of(p), "people.name", quote_value(person.name) + " is listed twice"));
        out.push_back(person);
    }
    return out;
}

// weights_line: where the user's bant_weights stand (the merged node has no line).
static LeadsConfig parse_leads(const YAML::Node& leads, const std::string& file, int weights_line) {
    LeadsConfig l;
    const auto w = leads["bant_weights"];
    l.w_budget = w["budget"].as<double>();
    l.w_authority = w["authority"].as<double>();
    l.w_need = w["need"].as<double>();
    l.w_timeline = w["timeline"].as<double>();
    if (l.w_budget + l.w_authority + l.w_need + l.w_timeline <= 0)
        throw Failure(kConfig, located(file, weights_line, "leads.bant_weights", "at least one weight must be above 0"));
    l.grade_a = leads["grades"]["A"].as<int>();
    l.grade_b = leads["grades"]["B"].as<int>();
    l.followup_hours = leads["followup_hours"].as<int>();
    l.followup_clock = *enum_named<ClockKind>(leads["followup_clock"].Scalar());
    for (const auto& r : leads["assignment"]) {
        AssignmentRule rule;
        if (const auto m = r["match"]) {
            if (m["region"]) rule.region = m["region"].Scalar();
            if (m["industry"]) rule.industry = m["industry"].Scalar();
            if (m["source"]) rule.source = m["source"].Scalar();
        }
        rule.group = r["group"].Scalar();
        if (r["strategy"]) rule.strategy = *enum_named<Strategy>(r["strategy"].Scalar());
        l.rules.push_back(rule);
    }
    return l;
}

static SlaTarget parse_target(const YAML::Node& n, SlaTarget base) {
    if (n["first_response"]) base.first_response = parse_duration_minutes(n["first_response"].Scalar());
    if (n["resolution"]) base.resolution = parse_duration_minutes(n["resolution"].Scalar());
    if (n["clock"]) base.clock = *enum_named<ClockKind>(n["clock"].Scalar());
    return base;
}

// user_sla: the user's tickets.sla, for lines (the merged node has none).
static TicketsConfig parse_tickets(const YAML::Node& tickets, const std::string& file, const YAML::Node& user_sla) {
    TicketsConfig t;
    for (const auto& c : tickets["channels"]) t.channels.push_back(c.Scalar());
    for (const auto& kv : tickets["routing"]) t.routing[kv.first.Scalar()] = kv.second.Scalar();
    for (const auto& kv : tickets["sla"]) {
        const auto named = enum_named<Priority>(kv.first.Scalar());
        if (!named)
            throw Failure(kConfig, located(file, user_sla ? line_of(user_sla[kv.first.Scalar()]) : 0, "tickets.sla", quote_value(kv.first.Scalar()) +
                                                                          " is not a priority (" +
                                                                          join(enum_names<Priority>(), ", ") + ")"));
        const Priority priority = *named;
        t.sla[priority] = parse_target(kv.second, SlaTarget{});
        for (const auto& tk : kv.second["types"]) t.sla_by_type[priority][tk.first.Scalar()] = parse_target(tk.second, t.sla[priority]);
    }
    for (const auto& x : tickets["pause_statuses"]) t.pause_statuses.insert(*enum_named<TicketStatus>(x.Scalar()));
    const auto esc = tickets["escalation"];
    t.warn_at = esc["warn_at"].as<double>();
    for (const auto& l : esc["levels"])
        t.levels.push_back({l["level"].as<int>(), l["group"].Scalar(), l["when"] ? l["when"].Scalar() : ""});
    std::sort(t.levels.begin(), t.levels.end(), [](const EscalationLevel& a, const EscalationLevel& b) { return a.level < b.level; });
    return t;
}

static RfmConfig parse_rfm(const YAML::Node& rfm) {
    RfmConfig r;
    r.window_days = rfm["window_days"].as<int>();
    r.new_days = rfm["lifecycle"]["new_days"].as<int>();
    r.sleeping_days = rfm["lifecycle"]["sleeping_days"].as<int>();
    r.lost_days = rfm["lifecycle"]["lost_days"].as<int>();
    r.top = rfm["high_value"]["top"].as<double>();
    r.keep_top = rfm["high_value"]["keep_top"].as<double>();
    r.min_orders = rfm["high_value"]["min_orders"].as<int>();
    r.tier_assessment = *enum_named<TierAssessment>(rfm["tier_assessment"].Scalar());  // the schema checked the name
    for (const auto& t : rfm["tiers"]) {
        // A condition left out never matches: {name: vip, min_orders: 20} ignores amount.
        Tier tier{t["name"].Scalar(), std::numeric_limits<Cents>::max(), std::numeric_limits<int>::max()};
        if (t["min_amount"]) tier.min_amount = *parse_money(t["min_amount"].Scalar());
        if (t["min_orders"]) tier.min_orders = t["min_orders"].as<int>();
        r.tiers.push_back(tier);
    }
    for (const auto& s : rfm["segments"]) {
        Segment seg{s["name"].Scalar(), {}, {}};
        for (const auto& x : s["r"]) seg.r.insert(x.as<int>());
        for (const auto& x : s["f"]) seg.f.insert(x.as<int>());
        r.segments.push_back(seg);
    }
    return r;
}

static std::vector<Automation> parse_automations(const YAML::Node& list) {
    std::vector<Automation> out;
    for (const auto& n : list) {
        Automation a;
        a.name = n["name"].Scalar();
        a.trigger = *enum_named<Trigger>(n["trigger"].Scalar());  // the schema checked the name
        if (n["to"]) a.to = n["to"].Scalar();
        if (n["days"]) a.days = n["days"].as<int>();
        if (n["day"]) a.day = n["day"].Scalar();
        if (n["delay"]) a.delay = parse_duration_minutes(n["delay"].Scalar());
        a.within = parse_duration_minutes(n["within"] ? n["within"].Scalar() : "2d");
        a.marketing = !n["kind"] || n["kind"].Scalar() == "marketing";
        for (const auto& c : n["channels"]) a.channels.push_back(c.Scalar());
        if (a.channels.empty()) a.channels = {"preferred", "wechat", "sms", "email"};
        a.text = n["template"].Scalar();
        if (n["coupon"]) a.coupon = n["coupon"].Scalar();
        out.push_back(a);
    }
    return out;
}

static long long hundredths(const YAML::Node& n) { return std::llround(n.as<double>() * 100); }

static LoyaltyConfig parse_loyalty(const YAML::Node& n) {
    LoyaltyConfig l;
    l.earn_per_unit = hundredths(n["earn_per_unit"]);
    l.rounding = *enum_named<Rounding>(n["rounding"].Scalar());  // the schema checked the name
    for (const auto& m : n["multipliers"]) l.multipliers[m.first.Scalar()] = hundredths(m.second);
    for (const auto& e : n["events"]) l.events[e.first.Scalar()] = e.second.as<long long>();
    l.expiry_days = n["expiry_days"].as<int>();
    for (const auto& r : n["rewards"])
        l.rewards.push_back({r.first.Scalar(), r.second["points"].as<long long>(), *parse_money(r.second["value"].Scalar())});
    for (const auto& b : n["benefits"]) {
        TierBenefits t;
        if (b.second["discount"]) t.discount = b.second["discount"].as<int>();
        if (b.second["free_shipping"]) t.free_shipping = b.second["free_shipping"].as<bool>();
        if (b.second["birthday_coupon"]) t.birthday_coupon = *parse_money(b.second["birthday_coupon"].Scalar());
        l.benefits[b.first.Scalar()] = t;
    }
    return l;
}

static ValueConfig parse_value(const YAML::Node& n) {
    ValueConfig v;
    v.default_margin = n["default_margin"].as<double>();
    for (const auto& m : n["margins"]) v.margins.push_back({m["product"].Scalar(), m["margin"].as<double>()});
    return v;
}

// * matches any text (none included); everything else itself. Greedy with
// one point to go back to (the last star), so a pattern of many stars is
// still linear in the text times the pattern.
static bool glob_match(std::string_view pattern, std::string_view text) {
    size_t p = 0, t = 0, star = std::string_view::npos, resume = 0;
    while (t < text.size()) {
        if (p < pattern.size() && pattern[p] == '*') {
            star = p++, resume = t;
        } else if (p < pattern.size() && pattern[p] == text[t]) {
            ++p, ++t;
        } else if (star != std::string_view::npos) {
            p = star + 1, t = ++resume;
        } else {
            return false;
        }
    }
    while (p < pattern.size() && pattern[p] == '*') ++p;
    return p == pattern.size();
}

double ValueConfig::margin_of(const std::string& product) const {
    for (const auto& m : margins)
        if (glob_match(m.product, product)) return m.margin;
    return default_margin;
}

static HealthConfig parse_health(const YAML::Node& n) {
    HealthConfig h;
    const YAML::Node w = n["weights"];
    h.recency = w["recency"].as<double>(), h.volatility = w["volatility"].as<double>();
    h.complaints = w["complaints"].as<double>(), h.interactions = w["interactions"].as<double>();
    h.alive = w["alive"].as<double>();
    h.high_below = n["risk"]["high_below"].as<int>(), h.medium_below = n["risk"]["medium_below"].as<int>();
    return h;
}

const Reward* LoyaltyConfig::reward(const std::string& name) const {
    for (const auto& r : rewards)
        if (r.name == name) return &r;
    return nullptr;
}

// loyalty's tiers must be rfm's (a misspelt tier would earn single points silently).
static void check_loyalty(const Config& c, int line, const std::string& file, Problems& problems) {
    std::vector<std::string> tiers;
    for (const auto& t : c.rfm.tiers) tiers.push_back(t.name);
    auto check_tier = [&](const std::string& key, const std::string& tier) {
        if (std::find(tiers.begin(), tiers.end(), tier) == tiers.end())
            problems.add(file, line, "loyalty." + key, quote_value(tier) + " is not a tier (" + join(tiers, ", ") + ")");
    };
    for (const auto& [tier, m] : c.loyalty.multipliers) check_tier("multipliers", tier);
    for (const auto& [tier, b] : c.loyalty.benefits) check_tier("benefits", tier);
    for (const auto& r : c.loyalty.rewards)  // the rule a points entry's reward keeps
        if (!is_plain_key(r.name) || r.name.empty())
            problems.add(file, line, "loyalty.rewards", quote_value(r.name) + " is not a name of a-z, 0-9 and _");
}

// The rules between keys, which the schema checks one key at a time cannot
// state. user is the user's file, for the line of the key at fault.
static void check_across_keys(const Config& c, const YAML::Node& user, const std::string& file) {
    Problems problems;
    auto at = [&](std::initializer_list<const char*> path) {
        YAML::Node n = user;
        for (const char* key : path) {
            if (!n.IsMap() || !n[key]) return 0;
            n.reset(n[key]);  // rebinds: "n = n[key]" would overwrite the user's tree
        }
        return line_of(n);
    };
    if (c.leads.grade_a <= c.leads.grade_b)
        problems.add(file, at({"leads", "grades"}), "leads.grades",
                     "A (" + std::to_string(c.leads.grade_a) + ") must be above B (" + std::to_string(c.leads.grade_b) + ")");
    const RfmConfig& r = c.rfm;
    if (r.sleeping_days >= r.lost_days)
        problems.add(file, at({"rfm", "lifecycle"}), "rfm.lifecycle",
                     "sleeping_days (" + std::to_string(r.sleeping_days) + ") must be fewer than lost_days (" +
                         std::to_string(r.lost_days) + "): a customer falls asleep before being lost");
    bool open_day = false;
    for (const auto& day : c.hours) open_day = open_day || !day.empty();
    if (!open_day) problems.add(file, at({"calendar", "hours"}), "calendar.hours", "every weekday is closed: business-hour clocks could never run");
    std::set<int> levels;
    for (const auto& l : c.tickets.levels)
        if (!levels.insert(l.level).second)
            problems.add(file, at({"tickets", "escalation"}), "tickets.escalation.levels",
                         "level " + std::to_string(l.level) + " is given twice");
    if (const auto known = known_countries(); std::find(known.begin(), known.end(), c.default_country) == known.end())
        problems.add(file, at({"default_country"}), "default_country",
                     quote_value(c.default_country) + " is not a country whose calling code crm knows (" + join(known, ", ") + ")");
    const auto& types = enum_at("ticket", "type");
    for (const auto& [type, group] : c.tickets.routing)
        if (std::find(types.begin(), types.end(), type) == types.end())
            problems.add(file, at({"tickets", "routing"}), "tickets.routing",
                         quote_value(type) + " is not a ticket type (" + join(types, ", ") + ")");
    std::set<std::string> names;
    for (size_t i = 0; i < c.automations.size(); ++i) {
        const Automation& a = c.automations[i];
        const int line = user["automations"] && user["automations"].IsSequence() && i < user["automations"].size()
                             ? line_of(user["automations"][i]) : 0;
        auto bad = [&](const std::string& why) { problems.add(file, line, "automations." + a.name, why); };
        if (!names.insert(a.name).second) bad("the name is given twice");
        std::vector<std::string> values;
        if (a.trigger == Trigger::kLifecycle) values = enum_at("customer", "rfm.lifecycle");
        for (const auto& t : c.rfm.tiers) if (a.trigger == Trigger::kTier) values.push_back(t.name);
        for (const auto& s : c.rfm.segments) if (a.trigger == Trigger::kSegment) values.push_back(s.name);
        if (!values.empty() && std::find(values.begin(), values.end(), a.to) == values.end())
            bad("to: " + quote_value(a.to) + " is not a " + name_of(a.trigger) + " (" + join(values, ", ") + ")");
        if (a.trigger == Trigger::kNoRepurchase && a.days <= 0) bad("days: no_repurchase needs the days after the first order");
        if (a.trigger == Trigger::kPointsExpiring && a.days <= 0) bad("days: points_expiring needs the days before the points are gone");
        if (a.trigger == Trigger::kDate && a.day.empty()) bad("day: a date trigger needs its day (MM-DD every year, or YYYY-MM-DD)");
        if (!a.day.empty() && !parse_date(a.day.size() == 5 ? "2000-" + a.day : a.day))  // 2000 has a 29 February
            bad("day: " + quote_value(a.day) + " is not a day of the year");
        for (size_t open = a.text.find('{'); open != std::string::npos; open = a.text.find('{', open + 1)) {
            const std::vector<std::string> known(std::begin(kTemplateFields), std::end(kTemplateFields));
            const size_t close = a.text.find('}', open);
            const std::string field = close == std::string::npos ? "" : a.text.substr(open + 1, close - open - 1);
            if (std::find(known.begin(), known.end(), field) == known.end())
                bad("template: " + quote_value(a.text.substr(open, close == std::string::npos ? 10 : close - open + 1)) +
                    " is not a field (" + join(known, ", ") + ")");
        }
    }
    check_loyalty(c, at({"loyalty"}), file, problems);
    if (c.health.high_below > c.health.medium_below)
        problems.add(file, at({"health", "risk"}), "health.risk",
                     "high_below (" + std::to_string(c.health.high_below) + ") must not be above medium_below (" +
                         std::to_string(c.health.medium_below) + ")");
    const HealthConfig& h = c.health;
    if (h.recency + h.volatility + h.complaints + h.interactions <= 0)
        problems.add(file, at({"health", "weights"}), "health.weights",
                     "recency, volatility, complaints and interactions weigh nothing: no score could be made");
    problems.raise(kConfig);
}

Config parse_config(const std::string& text, const std::string& file) {
    YAML::Node user = parse_yaml(text, file, kConfig);
    if (user.IsNull()) user = YAML::Node(YAML::NodeType::Map);
    Problems problems;
    validate(user, schema_for("config"), file, problems);
    problems.raise(kConfig);
    const YAML::Node root = overlay(defaults(), user, "");

    Config c;
    std::string why;
    const auto tz = root["timezone"];
    auto zone = Zone::parse(tz.Scalar(), &why);
    if (!zone) throw Failure(kConfig, located(file, line_of(tz), "timezone", quote_value(tz.Scalar()) + " " + why));
    c.zone = *zone;
    c.currency = root["currency"].Scalar();
    c.default_country = root["default_country"].Scalar();
    parse_calendar(root["calendar"], file, c);
    c.people = parse_people(root["people"], file);
    const YAML::Node user_leads = user["leads"];
    c.leads = parse_leads(root["leads"], file, user_leads ? line_of(user_leads["bant_weights"]) : 0);
    const YAML::Node user_tickets = user["tickets"];
    c.tickets = parse_tickets(root["tickets"], file, user_tickets ? user_tickets["sla"] : YAML::Node());
    c.rfm = parse_rfm(root["rfm"]);
    c.automations = parse_automations(root["automations"]);
    c.max_contacts_per_week = root["contact"]["max_per_week"].as<int>();
    c.loyalty = parse_loyalty(root["loyalty"]);
    c.value = parse_value(root["value"]);
    c.health = parse_health(root["health"]);
    for (const auto& k : root["kpi_targets"]) c.kpi_targets[k.first.Scalar()] = k.second.as<double>();
    check_across_keys(c, user, file);
    return c;
}

}  // namespace crm
