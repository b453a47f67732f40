// crm followup due: what to chase today.
#include <iostream>

#include "../lib/lead.h"
#include "context.h"

namespace crm {

namespace {

std::string owner;

void run_due(Context& ctx) {
    Store store = ctx.open_store();
    const Config& config = store.config();
    const Time now = ctx.now(store);
    require_person(store, "--owner", owner);
    const std::string today = format_date(local_date(now, config.zone));
    Table t;
    t.columns = {{"id", Kind::Text},    {"name", Kind::Text}, {"company", Kind::Text}, {"owner", Kind::Text},
                 {"status", Kind::Text}, {"due", Kind::Text}, {"reason", Kind::Text},  {"phone", Kind::Text}};
    for (const auto& l : load_records_at<Lead>(store, now)) {
        if (!is_open(l) || (!owner.empty() && l.owner != owner) || !ctx.access->may_see(l.owner)) continue;
        if (l.first_contact.empty() && followup_overdue(l, config, now)) {
            t.add({l.id, l.name, l.company, l.owner, name_of(l.status), format_time(*followup_due(l, config), config.zone),
                   "first contact overdue", l.phone});
        } else if (!l.next_followup.empty() && l.next_followup <= today) {
            t.add({l.id, l.name, l.company, l.owner, name_of(l.status), l.next_followup,
                   l.next_followup < today ? "follow-up overdue" : "follow-up today", l.phone});
        }
    }
    mask_unless_pii(ctx, t);
    render(select_fields(t, ctx.fields, {}), ctx.output(), std::cout);
}

}  // namespace

void add_followup_commands(CLI::App& app, Context& ctx) {
    auto* noun = add_noun(app, "followup");
    auto* due = add_command(noun, ctx, "due", run_due);
    due->add_option("--owner", owner, "only this owner's leads");
}

}  // namespace crm
