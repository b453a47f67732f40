#include "config.h"

#include <algorithm>
#include <limits>

#include "calendar.h"
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

SlaTarget TicketsConfig::target(const std::string& priority, const std::string& type) const {
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

static std::vector<Segment> default_segments() {
    return {{"champions", {5}, {4, 5}},       {"loyal", {3, 4}, {4, 5}},     {"potential_loyalist", {4, 5}, {2, 3}},
            {"new", {5}, {1}},                {"promising", {4}, {1}},       {"need_attention", {3}, {3}},
            {"about_to_sleep", {3}, {1, 2}},  {"cannot_lose", {1, 2}, {5}},  {"at_risk", {1, 2}, {3, 4}},
            {"hibernating", {1, 2}, {1, 2}}};
}

Config parse_config(const std::string& text, const std::string& file) {
    YAML::Node root = parse_yaml(text, file, kConfig);
    if (root.IsNull()) root = YAML::Node(YAML::NodeType::Map);
    Problems problems;
    validate(root, schema_for("config"), file, problems);
    problems.raise(kConfig);

    Config c;
    if (auto tz = root["timezone"]) {
        std::string why;
        auto z = Zone::parse(tz.Scalar(), &why);
        if (!z) throw Failure(kConfig, located(file, line_of(tz), "timezone", quote_value(tz.Scalar()) + " " + why));
        c.zone = *z;
    } else {
        c.zone = *Zone::parse("+08:00");
    }
    if (auto v = root["currency"]) c.currency = v.Scalar();
    if (auto v = root["default_country"]) c.default_country = v.Scalar();

    static const char* days[] = {"mon", "tue", "wed", "thu", "fri", "sat", "sun"};
    const auto cal = root["calendar"];
    const auto hours = cal ? cal["hours"] : YAML::Node();
    for (int d = 0; d < 7; ++d) {
        std::vector<std::string> ranges = {"09:00-18:00"};
        if (d >= 5) ranges.clear();
        if (hours && hours[days[d]]) ranges = strings(hours[days[d]]);
        for (const auto& r : ranges) c.hours[d].push_back({minutes(r.substr(0, 5)), minutes(r.substr(6, 5))});
        std::sort(c.hours[d].begin(), c.hours[d].end());
        for (size_t i = 1; i < c.hours[d].size(); ++i)
            if (c.hours[d][i].first < c.hours[d][i - 1].second)
                throw Failure(kConfig, located(file, line_of(hours[days[d]]), std::string("calendar.hours.") + days[d],
                                               "time ranges overlap"));
    }
    if (cal) {
        for (const auto& s : strings(cal["holidays"])) c.holidays.insert(*parse_date(s));
        for (const auto& s : strings(cal["workdays"])) c.workdays.insert(*parse_date(s));
    }

    if (auto people = root["people"]) {
        for (const auto& p : people) {
            Person person;
            person.name = p["name"].Scalar();
            if (p["role"]) person.role = p["role"].Scalar();
            person.groups = strings(p["groups"]);
            person.away = p["away"] && p["away"].Scalar() == "true";
            if (p["max_open_leads"]) person.max_open_leads = p["max_open_leads"].as<int>();
            person.rights = strings(p["rights"]);
            if (c.person(person.name))
                throw Failure(kConfig, located(file, line_of(p), "people.name", quote_value(person.name) + " is listed twice"));
            c.people.push_back(person);
        }
    } else {
        c.people.push_back({"admin", "admin", {}, false, 0, {"pii"}});
    }

    LeadsConfig& l = c.leads;
    if (const auto leads = root["leads"]) {
        if (const auto w = leads["bant_weights"]) {
            if (w["budget"]) l.w_budget = w["budget"].as<double>();
            if (w["authority"]) l.w_authority = w["authority"].as<double>();
            if (w["need"]) l.w_need = w["need"].as<double>();
            if (w["timeline"]) l.w_timeline = w["timeline"].as<double>();
            if (l.w_budget + l.w_authority + l.w_need + l.w_timeline <= 0)
                throw Failure(kConfig, located(file, line_of(w), "leads.bant_weights", "at least one weight must be above 0"));
        }
        if (const auto g = leads["grades"]) {
            if (g["A"]) l.grade_a = g["A"].as<int>();
            if (g["B"]) l.grade_b = g["B"].as<int>();
        }
        if (leads["followup_hours"]) l.followup_hours = leads["followup_hours"].as<int>();
        if (leads["followup_clock"]) l.followup_business = leads["followup_clock"].Scalar() == "business";
        if (const auto rules = leads["assignment"]) {
            for (const auto& r : rules) {
                AssignmentRule rule;
                if (const auto m = r["match"]) {
                    if (m["region"]) rule.region = m["region"].Scalar();
                    if (m["industry"]) rule.industry = m["industry"].Scalar();
                    if (m["source"]) rule.source = m["source"].Scalar();
                }
                rule.group = r["group"].Scalar();
                if (r["strategy"]) rule.strategy = r["strategy"].Scalar();
                l.rules.push_back(rule);
            }
        }
    }
    if (!root["leads"] || !root["leads"]["assignment"]) l.rules.push_back(AssignmentRule{"", "", "", "sales", "round_robin"});

    TicketsConfig& t = c.tickets;
    t.routing = {{"quality", "production"}, {"service", "service"}, {"process", "logistics"}, {"other", "service"}};
    t.sla = {{"high", {60, 24 * 60, true}}, {"medium", {4 * 60, 48 * 60, true}}, {"low", {24 * 60, 72 * 60, true}}};
    t.levels = {{1, "team_lead", "warn"}, {2, "manager", "breach"}};
    if (const auto tickets = root["tickets"]) {
        if (const auto routing = tickets["routing"]) {
            t.routing.clear();
            for (const auto& kv : routing) t.routing[kv.first.Scalar()] = kv.second.Scalar();
        }
        if (const auto sla = tickets["sla"]) {
            auto target = [](const YAML::Node& n, SlaTarget base) {
                if (n["first_response"]) base.first_response = parse_duration_minutes(n["first_response"].Scalar());
                if (n["resolution"]) base.resolution = parse_duration_minutes(n["resolution"].Scalar());
                if (n["clock"]) base.business = n["clock"].Scalar() == "business";
                return base;
            };
            for (const auto& kv : sla) {
                const std::string priority = kv.first.Scalar();
                SlaTarget base = target(kv.second, t.sla.count(priority) ? t.sla[priority] : SlaTarget{});
                t.sla[priority] = base;
                if (const auto types = kv.second["types"])
                    for (const auto& tk : types) t.sla_by_type[priority][tk.first.Scalar()] = target(tk.second, base);
            }
        }
        if (const auto pause = tickets["pause_statuses"]) {
            t.pause_statuses.clear();
            for (const auto& x : pause) t.pause_statuses.insert(x.Scalar());
        }
        if (const auto esc = tickets["escalation"]) {
            if (esc["warn_at"]) t.warn_at = esc["warn_at"].as<double>();
            if (const auto levels = esc["levels"]) {
                t.levels.clear();
                for (const auto& l : levels)
                    t.levels.push_back({l["level"].as<int>(), l["group"].Scalar(), l["when"] ? l["when"].Scalar() : ""});
                std::sort(t.levels.begin(), t.levels.end(),
                          [](const EscalationLevel& a, const EscalationLevel& b) { return a.level < b.level; });
            }
        }
    }

    RfmConfig& r = c.rfm;
    const auto rfm = root["rfm"];
    if (rfm && rfm["window_days"]) r.window_days = rfm["window_days"].as<int>();
    if (rfm && rfm["lifecycle"]) {
        const auto l = rfm["lifecycle"];
        if (l["new_days"]) r.new_days = l["new_days"].as<int>();
        if (l["sleeping_days"]) r.sleeping_days = l["sleeping_days"].as<int>();
        if (l["lost_days"]) r.lost_days = l["lost_days"].as<int>();
    }
    if (rfm && rfm["high_value"]) {
        const auto h = rfm["high_value"];
        if (h["top"]) r.top = h["top"].as<double>();
        if (h["keep_top"]) r.keep_top = h["keep_top"].as<double>();
        if (h["min_orders"]) r.min_orders = h["min_orders"].as<int>();
    }
    if (rfm && rfm["tiers"]) {
        for (const auto& t : rfm["tiers"]) {
            // A condition left out never matches: {name: vip, min_orders: 20} ignores amount.
            Tier tier{t["name"].Scalar(), std::numeric_limits<Cents>::max(), std::numeric_limits<int>::max()};
            if (t["min_amount"]) tier.min_amount = *parse_money(t["min_amount"].Scalar());
            if (t["min_orders"]) tier.min_orders = t["min_orders"].as<int>();
            r.tiers.push_back(tier);
        }
    } else {
        r.tiers = {{"diamond", 2000000, 15}, {"gold", 500000, 8}, {"silver", 100000, 3}, {"normal", 0, 1}};
    }
    if (rfm && rfm["segments"]) {
        for (const auto& s : rfm["segments"]) {
            Segment seg{s["name"].Scalar(), {}, {}};
            for (const auto& x : s["r"]) seg.r.insert(x.as<int>());
            for (const auto& x : s["f"]) seg.f.insert(x.as<int>());
            r.segments.push_back(seg);
        }
    } else {
        r.segments = default_segments();
    }
    return c;
}

}  // namespace crm
