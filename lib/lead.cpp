#include "lead.h"

#include <algorithm>
#include <cmath>

#include "calendar.h"
#include "contact.h"
#include "ids.h"
#include "records.h"
#include "schema.h"
#include "text.h"
#include "yaml_read.h"
#include "yaml_write.h"

namespace crm {

const std::vector<std::string> kLeadStatuses = {"new", "contacted", "qualified", "proposal", "negotiation", "won", "lost"};

bool is_open(const Lead& l) { return l.status != "won" && l.status != "lost"; }

static int stage(const std::string& status) {
    return int(std::find(kLeadStatuses.begin(), kLeadStatuses.end(), status) - kLeadStatuses.begin());
}

void score_lead(Lead& l, const LeadsConfig& c) {
    auto v = [](int x) { return x < 0 ? 0.0 : double(x); };
    double weights = c.w_budget + c.w_authority + c.w_need + c.w_timeline;
    double sum = c.w_budget * v(l.budget) + c.w_authority * v(l.authority) + c.w_need * v(l.need) +
                 c.w_timeline * v(l.timeline);
    l.score = int(std::floor(4 * sum / weights + 0.5 + 1e-9));
    l.grade = l.score >= c.grade_a ? "A" : l.score >= c.grade_b ? "B" : "C";
}

static std::string* lead_text(Lead& l, const std::string& f) {
    if (f == "ref") return &l.ref;
    if (f == "name") return &l.name;
    if (f == "company") return &l.company;
    if (f == "phone") return &l.phone;
    if (f == "email") return &l.email;
    if (f == "region") return &l.region;
    if (f == "industry") return &l.industry;
    if (f == "source") return &l.source;
    if (f == "owner") return &l.owner;
    return nullptr;
}

static int* lead_bant(Lead& l, const std::string& f) {
    if (f == "budget") return &l.budget;
    if (f == "authority") return &l.authority;
    if (f == "need") return &l.need;
    if (f == "timeline") return &l.timeline;
    return nullptr;
}

std::string set_lead_field(Lead& l, const std::string& field, const std::string& raw, const Config& config) {
    if (!valid_utf8(raw)) return "is not valid UTF-8";
    if (raw.size() > 10000) return "is longer than 10000 bytes";
    std::string value = trim(raw);
    for (char ch : value)
        if (static_cast<unsigned char>(ch) < 0x20) return "holds a control character";
    if (int* slot = lead_bant(l, field)) {
        if (value.empty()) *slot = -1;
        else {
            bool digits = value.size() <= 2;
            for (char c : value) digits = digits && c >= '0' && c <= '9';
            if (!digits || std::stoi(value) > 25) return quote_value(value) + " is not a whole number from 0 to 25";
            *slot = std::stoi(value);
        }
        score_lead(l, config.leads);
        return "";
    }
    std::string* slot = lead_text(l, field);
    if (!slot) return "is not a lead field";
    if (value.empty()) {
        if (field == "name") return "must not be empty";
        slot->clear();
        return "";
    }
    std::string why;
    if (field == "phone") {
        auto p = normalise_phone(value, config.default_country, &why);
        if (!p) return quote_value(value) + " " + why;
        value = *p;
    } else if (field == "email") {
        auto e = normalise_email(value, &why);
        if (!e) return quote_value(value) + " " + why;
        value = *e;
    } else if (field == "source") {
        static const std::vector<std::string> sources = {"exhibition", "web", "referral", "content", "ads", "other"};
        if (std::find(sources.begin(), sources.end(), value) == sources.end())
            return quote_value(value) + " is not one of " + join(sources, ", ");
    } else if (field == "owner") {
        if (!config.person(value)) return quote_value(value) + " is not in people: of crm.yaml";
    }
    *slot = value;
    return "";
}

std::string move_lead(Lead& l, const std::string& to, const std::string& note, const std::string& reason, bool force,
                      const std::string& actor, const std::string& at) {
    if (stage(to) >= int(kLeadStatuses.size())) return quote_value(to) + " is not one of " + join(kLeadStatuses, ", ");
    if (to == l.status) return "the lead is " + to + " already";
    if (!force) {
        if (!is_open(l)) return "the lead is " + l.status + "; moving out of it needs --force";
        if (to != "lost" && stage(to) < stage(l.status))
            return "moving back from " + l.status + " to " + to + " needs --force";
    }
    if (to == "lost" && trim(reason).empty()) return "lost needs --reason";
    l.history.push_back({at, actor, l.status, to, note});
    l.status = to;
    l.lost_reason = to == "lost" ? trim(reason) : "";
    if (to != "new" && l.first_contact.empty()) l.first_contact = at;
    return "";
}

std::optional<Time> followup_due(const Lead& l, const Config& config) {
    auto parsed = parse_time(l.created, config.zone);
    if (!parsed) return std::nullopt;
    Time created = *parsed;
    long long minutes = (long long)config.leads.followup_hours * 60;
    if (config.leads.followup_business) return Calendar(config).add_business_minutes(created, minutes);
    return created + minutes * 60;
}

bool followup_overdue(const Lead& l, const Config& config, Time now) {
    auto due = followup_due(l, config);
    return is_open(l) && l.first_contact.empty() && due && now > *due;
}

std::string lead_yaml(const Lead& l) {
    YamlWriter w;
    w.str("id", l.id);
    w.str("ref", l.ref);
    w.str("name", l.name);
    w.str("company", l.company);
    w.str("phone", l.phone);
    w.str("email", l.email);
    w.str("region", l.region);
    w.str("industry", l.industry);
    w.str("source", l.source);
    for (auto [key, v] : {std::pair{"budget", l.budget}, {"authority", l.authority}, {"need", l.need},
                          {"timeline", l.timeline}})
        if (v >= 0) w.plain(key, std::to_string(v));
    w.plain("score", std::to_string(l.score));
    w.str("grade", l.grade);
    w.str("status", l.status);
    w.str("lost_reason", l.lost_reason);
    w.str("owner", l.owner);
    w.str("customer", l.customer);
    w.plain("created", l.created);
    w.plain("updated", l.updated);
    w.plain("first_contact", l.first_contact);
    w.plain("next_followup", l.next_followup);
    std::vector<std::vector<std::pair<std::string, std::string>>> items;
    for (const auto& h : l.history)
        items.push_back({{"at", h.at}, {"actor", h.actor.empty() ? "" : yaml_string(h.actor)},
                         {"from", yaml_string(h.from)}, {"to", h.to}, {"note", h.note.empty() ? "" : yaml_string(h.note)}});
    w.flow_items("history", items);
    items.clear();
    for (const auto& c : l.log)
        items.push_back({{"at", c.at}, {"actor", c.actor.empty() ? "" : yaml_string(c.actor)}, {"channel", c.channel},
                         {"note", c.note.empty() ? "" : yaml_string(c.note)}, {"next", c.next}});
    w.flow_items("log", items);
    w.extra(l.extra);
    return w.text();
}

static const std::vector<std::string>& known_keys() {
    static const std::vector<std::string> k = {
        "id",    "ref",   "name",   "company", "phone",       "email", "region",   "industry", "source",
        "budget", "authority", "need", "timeline", "score", "grade", "status", "lost_reason", "owner",
        "customer", "created", "updated", "first_contact", "next_followup", "history", "log"};
    return k;
}

Lead lead_from_yaml(const YAML::Node& root, const std::string& file, Problems& problems) {
    Lead l;
    l.file = file;
    if (!valid_record(root, "lead", file, problems)) return l;
    l.extra = YAML::Node(YAML::NodeType::Map);
    for (const auto& kv : root) {
        const std::string key = kv.first.Scalar();
        if (std::find(known_keys().begin(), known_keys().end(), key) == known_keys().end()) {
            l.extra[key] = kv.second;
        } else if (key == "history") {
            for (const auto& h : kv.second) {
                auto [at, actor, from, to, note] = scalars_of<5>(h, {"at", "actor", "from", "to", "note"});
                l.history.push_back({at, actor, from, to, note});
            }
        } else if (key == "log") {
            for (const auto& c : kv.second) {
                auto [at, actor, channel, note, next] = scalars_of<5>(c, {"at", "actor", "channel", "note", "next"});
                l.log.push_back({at, actor, channel, note, next});
            }
        } else if (int* bant = lead_bant(l, key)) {
            *bant = std::stoi(kv.second.Scalar());
        } else if (std::string* slot = lead_text(l, key)) {
            *slot = kv.second.Scalar();
        } else {
            const std::string v = kv.second.Scalar();
            if (key == "id") l.id = v;
            else if (key == "score") l.score = std::stoi(v);
            else if (key == "grade") l.grade = v;
            else if (key == "status") l.status = v;
            else if (key == "lost_reason") l.lost_reason = v;
            else if (key == "customer") l.customer = v;
            else if (key == "created") l.created = v;
            else if (key == "updated") l.updated = v;
            else if (key == "first_contact") l.first_contact = v;
            else if (key == "next_followup") l.next_followup = v;
        }
    }
    if (file != lead_path(l.id) && file.find("leads/") == 0)
        problems.add(file, line_of(root["id"]), "id", quote_value(l.id) + " does not match the file name");
    return l;
}

static Lead read_lead_file(const Store& store, const std::string& rel, Problems& problems) {
    return read_record_file<Lead>(store, rel, problems, lead_from_yaml);
}

std::string lead_path(const std::string& id) { return "leads/" + id + ".yaml"; }

Lead load_lead(const Store& store, const std::string& id) {
    const std::string rel = lead_path(id);
    Problems problems;
    Lead l = read_lead_file(store, rel, problems);
    problems.raise(kDataErr);
    return l;
}

// The cached form (lib/pack.h); change the format name with the fields.
template <class Io>
void visit(Io& io, Lead& l) {
    for (auto* s : {&l.id, &l.ref, &l.name, &l.company, &l.phone, &l.email, &l.region, &l.industry, &l.source, &l.grade,
                    &l.status, &l.lost_reason, &l.owner, &l.customer, &l.created, &l.updated, &l.first_contact,
                    &l.next_followup})
        io(*s);
    for (int* n : {&l.budget, &l.authority, &l.need, &l.timeline, &l.score}) io(*n);
    io.list(l.history, [&](StatusChange& e) {
        for (auto* s : {&e.at, &e.actor, &e.from, &e.to, &e.note}) io(*s);
    });
    io.list(l.log, [&](ContactLog& e) {
        for (auto* s : {&e.at, &e.actor, &e.channel, &e.note, &e.next}) io(*s);
    });
}

std::vector<Lead> load_leads(const Store& store, Problems* problems) {
    return load_folder<Lead>(store, "leads", [&](const std::string& rel, Problems& p) {
        return read_lead_file(store, rel, p);
    }, problems, "lead 1");
}

std::string resolve_lead_id(const Store& store, const std::string& arg) {
    return resolve_record_id(store, arg, 'L', "leads", "lead", [&] {
        return id_refs([&](Problems* p) { return load_leads(store, p); });
    });
}

}  // namespace crm
