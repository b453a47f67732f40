#include "commands.h"

#include <stdexcept>

namespace crm {

namespace {
constexpr unsigned kSalesMgr = kSales | kManager, kServiceMgr = kService | kManager, kAll = kSales | kService | kManager;
constexpr bool W = true;  // writes
}  // namespace

const std::vector<CommandSpec>& commands() {
    static const std::vector<CommandSpec> table = {
        {"init", "Create a new store (crm.yaml with commented defaults, .gitignore)", kAnyone},
        {"check", "Validate the store against its schemas; exit 1 listing every problem", kManager},
        {"customer", "Customers: add, show, list, set, import, export, forget"},
        {"customer add", "Add a customer; prints its ID", kSalesMgr, W},
        {"customer set", "Change fields of a customer; writes nothing when nothing changes", kSalesMgr, W},
        {"customer show", "Show one customer, with live R/F/M", kAll},
        {"customer list", "List customers", kAll},
        {"customer timeline", "The customer's journey: orders, contacts, leads, tickets, RFM changes, messages", kAll},
        {"customer import", "Import customers from CSV (matched on id, then ref)", kManager, W},
        {"customer export", "Export all customers as CSV, or one customer's data as JSON", kManager},
        {"customer forget", "Erase a customer's personal data everywhere (orders kept, anonymised)", 0, W},
        {"order", "Orders: add, import, list"},
        {"order add", "Add an order; prints its ID", kSalesMgr, W},
        {"order import", "Import orders from CSV (customer,date,amount[,id,quantity,...])", kManager, W},
        {"order list", "List orders", kSalesMgr},
        {"lead", "Leads: capture, score, assign, pipeline, follow-up, convert"},
        {"lead add", "Add a lead (refused when its phone or email is already known); prints its ID", kSalesMgr, W},
        {"lead show", "Show a lead with its history and contact log", kSalesMgr},
        {"lead list", "List leads", kSalesMgr},
        {"lead set", "Change fields of a lead; BANT changes rescore it", kSalesMgr, W},
        {"lead assign", "Assign a lead (or every unassigned open lead) by the rules, or --to someone", kManager, W},
        {"lead status", "Move a lead along the pipeline", kSalesMgr, W},
        {"lead log", "Record a contact attempt (the first one meets the follow-up SLA)", kSalesMgr, W},
        {"lead convert", "Turn a won lead into a customer; prints the customer ID", kSalesMgr, W},
        {"lead import", "Import leads from CSV (idempotent on ref)", kManager, W},
        {"lead rescore", "Rewrite stored BANT scores and grades that crm.yaml's weights or grades changed", kManager, W},
        {"followup", "Lead follow-ups"},
        {"followup due", "Open leads whose first contact or next follow-up is due today or overdue", kSalesMgr},
        {"ticket", "Tickets: complaints and service requests with SLA clocks"},
        {"ticket open", "Open a ticket; routes it by type and starts its SLA clocks; prints its ID", kAll, W},
        {"ticket show", "Show a ticket with its SLA states and history", kServiceMgr},
        {"ticket list", "List tickets with their SLA states", kServiceMgr},
        {"ticket reply", "Reply to the customer; the first reply stops the first-response clock", kServiceMgr, W},
        {"ticket note", "Add an internal note", kServiceMgr, W},
        {"ticket status", "Set the status: open|pending|on_hold|solved|closed", kServiceMgr, W},
        {"ticket assign", "Assign to an agent (--to) or a group (--group)", kServiceMgr, W},
        {"ticket escalate", "Raise a ticket one level, or --auto: every ticket its SLA clocks call for", kServiceMgr, W},
        {"ticket rate", "Record the customer's rating of a solved or closed ticket", kServiceMgr, W},
        {"ticket import", "Import history from an old helpdesk (CSV; idempotent on ref)", kManager, W},
        {"interaction", "Interactions: every call, message, e-mail and visit, linked to its customer"},
        {"interaction log", "Log an interaction with a customer; prints its ID", kAll, W},
        {"interaction list", "List interactions", kAll},
        {"automation", "Lifecycle automations: decide who is due a message, into the outbox"},
        {"automation run", "Evaluate every automation as of now (nightly, after rfm recompute); idempotent", kManager, W},
        {"outbox", "Messages automations decided on, for a sender to send"},
        {"outbox list", "List messages (--status due: what to send now)", kAll},
        {"outbox mark", "Report a message sent or failed; a sent one becomes an interaction", kAll, W},
        {"points", "Loyalty points: a ledger of earns, redemptions and expiries, oldest points spent first"},
        {"points earn", "Earn points for an event (check_in, referral, review), or --orders: for every order", kAll, W},
        {"points redeem", "Spend points on a reward, oldest first; refused past the balance", kAll, W},
        {"points adjust", "Add or take points by hand, with a reason", kManager, W},
        {"points reverse", "Undo an earn (what its lot still holds) or a redeem", kManager, W},
        {"points expire", "Write the expiry of every lot past its day (nightly); idempotent", kManager, W},
        {"points balance", "Points held, what expires within 30/60/90 days, the next expiry", kAll},
        {"points history", "A customer's ledger, with the running balance", kAll},
        {"audit", "The audit log: every write, who made it and what it changed"},
        {"audit list", "List audit entries", kManager},
        {"completion", "Print the bash or zsh completion script", kAnyone},
        {"rfm", "RFM scores, segments, lifecycle, high value and tiers"},
        {"rfm recompute", "Recompute every customer's classification as of a date (nightly)", kManager, W},
        {"value", "Predicted customer value: BG/NBD and Gamma-Gamma fitted to the orders"},
        {"value fit", "Fit the value models to the orders up to a day; compare with the purchases after it", kManager},
        {"value recompute", "Fit the value models as of a date, keep the fit in state/value.yaml and the risk bands that moved (nightly)", kManager, W},
        {"report", "Reports for analysts (CSV-friendly)"},
        {"report rfm", "Customers per segment, lifecycle or tier: count, share, R/F/M averages", kManager},
        {"report funnel", "Leads per stage, stage-to-stage conversion, won rate, median days per stage", kManager},
        {"report leads", "Lead counts, grades, scores and won rate", kManager},
        {"report sla", "Ticket SLA achievement per group; --leads: the lead follow-up SLA", kManager},
        {"report complaints", "The monthly complaint review: share by type, on-time and resolution rates, CSAT",
         kManager},
        {"report health", "Customers per risk band: share, mean health score and its components, potential value", kManager},
        {"report kpi", "The monthly KPI review: repurchase, activation, CLV change, CSAT, churn, resolution, follow-up against targets",
         kManager},
        {"report retention", "Per month: active, new and returning customers, repurchase and churn rates", kManager},
        {"report engagement", "Messages per automation and channel: sent, suppressed, response and repurchase rates",
         kManager},
        {"report points", "Points outstanding and their value by tier, expiring within 30/60/90 days; or flows by month",
         kManager},
        {"report interactions", "Interactions per month and channel, and the share logged within the hour", kManager},
    };
    return table;
}

const CommandSpec& command_named(std::string_view name) {
    for (const auto& c : commands())
        if (c.name == name) return c;
    throw std::logic_error("command '" + std::string(name) + "' is not in the registry (lib/commands.cpp)");
}

static constexpr std::pair<Role, std::string_view> kRoleNames[] = {
    {kSales, "sales"}, {kService, "service"}, {kManager, "manager"}, {kAdmin, "admin"}};

unsigned role_named(std::string_view name) {
    for (const auto& [role, n] : kRoleNames)
        if (n == name) return role;
    return 0;
}

std::string role_name(unsigned role) {
    for (const auto& [r, n] : kRoleNames)
        if (r == role) return std::string(n);
    return "";
}

}  // namespace crm
