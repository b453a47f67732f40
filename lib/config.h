// crm.yaml: the store's configuration. Every default is written once, in
// lib/crm.default.yaml (built in); parse_config lays the user's file over it.
// The defaults below are for keys left out of a list item (a person, a tier).
#pragma once
#include <map>
#include <set>
#include <string>
#include <vector>

#include "clock.h"
#include "commands.h"
#include "enums.h"
#include "health.h"
#include "money.h"

namespace crm {

struct Person {
    std::string name;
    unsigned role = kSales;  // a Role
    std::vector<std::string> groups;
    bool away = false;
    int max_open_leads = 0;
    std::vector<std::string> rights;
};

struct Tier {
    std::string name;
    Cents min_amount = 0;
    int min_orders = 0;
};

struct Segment {
    std::string name;
    std::set<int> r, f;
};

struct RfmConfig {
    int window_days = 0;
    int new_days = 0, sleeping_days = 0, lost_days = 0;
    double top = 0, keep_top = 0;
    int min_orders = 0;
    TierAssessment tier_assessment = TierAssessment::kRolling;
    std::vector<Tier> tiers;
    std::vector<Segment> segments;
};

struct AssignmentRule {
    std::string region, industry, source;  // empty = any
    std::string group;
    Strategy strategy = Strategy::kRoundRobin;
};

struct LeadsConfig {
    double w_budget = 0, w_authority = 0, w_need = 0, w_timeline = 0;
    int grade_a = 0, grade_b = 0;
    int followup_hours = 0;
    ClockKind followup_clock = ClockKind::kCalendar;
    std::vector<AssignmentRule> rules;
};

struct SlaTarget {
    long long first_response = 0, resolution = 0;  // minutes
    ClockKind clock = ClockKind::kBusiness;
};

struct EscalationLevel {
    int level = 1;
    std::string group;
    std::string when;  // warn | breach | "" (manual only)
};

struct TicketsConfig {
    std::vector<std::string> channels;           // where a ticket may come in
    std::map<std::string, std::string> routing;  // type -> group
    std::map<Priority, SlaTarget> sla;
    std::map<Priority, std::map<std::string, SlaTarget>> sla_by_type;  // priority -> type -> targets
    std::set<TicketStatus> pause_statuses;
    double warn_at = 0;
    std::vector<EscalationLevel> levels;
    // The targets for a ticket of this priority and type.
    SlaTarget target(Priority priority, const std::string& type) const;
};

// The fields an automation's template may name: {name}, {tier}, {segment},
// {lifecycle} (the customer's), {coupon} (the automation's), {ticket} (the
// solved ticket's ID), {points} and {expires} (points_expiring: how many, and
// the day they are gone), {amount} (birthday_coupon: the tier's coupon).
// lib/automation.cpp gives each its value, in this order.
inline constexpr const char* kTemplateFields[] = {"name",   "tier",   "segment", "lifecycle", "coupon",
                                                  "ticket", "points", "expires", "amount"};

// One lifecycle automation (crm.yaml automations:, crm-automation(1)): when its
// trigger occurs for a customer, a message is due `delay` later, unless it is
// `within` past due by the night it is found.
struct Automation {
    std::string name;
    Trigger trigger = Trigger::kFirstOrder;
    std::string to;         // lifecycle, segment, tier: the value moved to
    int days = 0;           // no_repurchase: days after the first order; points_expiring: days before
    std::string day;        // date: "MM-DD" every year, or "YYYY-MM-DD" once
    long long delay = 0;    // minutes after the occurrence the message is due
    long long within = 0;   // minutes after due it may still be written (the nightly window)
    bool marketing = true;  // kind: marketing (opt-out and the cap apply) or service
    std::vector<std::string> channels;  // in order of preference; "preferred" is the customer's own
    std::string text, coupon;           // template: {name} {tier} {segment} {lifecycle} {coupon} {ticket}
};

// A reward points buy (crm.yaml loyalty.rewards): voucher_10 = 1000 points for 10.00.
struct Reward {
    std::string name;
    long long points = 0;
    Cents value = 0;
};

// What a tier's members get besides points (shown by customer show).
struct TierBenefits {
    int discount = 0;  // percent off
    bool free_shipping = false;
    Cents birthday_coupon = 0;
};

// The membership programme (crm.yaml loyalty:, crm-points(1)). Rates are in
// hundredths, so 1.5 points a yuan is exact.
struct LoyaltyConfig {
    long long earn_per_unit = 100;  // points per unit of the currency spent, x100
    Rounding rounding = Rounding::kDown;
    std::map<std::string, long long> multipliers;  // tier -> x100
    std::map<std::string, long long> events;       // check_in, referral, review -> points
    int expiry_days = 365;
    std::vector<Reward> rewards;
    std::map<std::string, TierBenefits> benefits;  // tier ->
    const Reward* reward(const std::string& name) const;
};

// crm.yaml value: an order's gross margin by its product (crm-value(1)).
struct Margin {
    std::string product;  // the name, or a pattern where * is any text
    double margin = 0;
};
struct ValueConfig {
    double default_margin = 0;
    std::vector<Margin> margins;
    // The first margin whose product matches, else the default.
    double margin_of(const std::string& product) const;
};

struct Config {
    Zone zone;
    std::string currency, default_country;
    // Business hours: per weekday (0 = Monday) a list of [start, end) minutes.
    std::vector<std::pair<int, int>> hours[7];
    std::set<Date> holidays, workdays;
    std::vector<Person> people;
    RfmConfig rfm;
    LeadsConfig leads;
    TicketsConfig tickets;
    std::vector<Automation> automations;
    int max_contacts_per_week = 0;  // marketing messages past it are suppressed; service ones count
    LoyaltyConfig loyalty;
    ValueConfig value;
    HealthConfig health;
    std::map<std::string, double> kpi_targets;  // report kpi: metric -> target
    const Person* person(const std::string& name) const;
};

// Parses and validates crm.yaml text (shown as file in messages).
// Throws Failure(78) listing every problem as "crm.yaml:line: key: message".
Config parse_config(const std::string& text, const std::string& file);

// The commented crm.yaml that `crm init` writes: SPEC 2's defaults, spelt out.
const std::string& default_config_text();

}  // namespace crm
