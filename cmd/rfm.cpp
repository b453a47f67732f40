// crm rfm recompute: the nightly job of SPEC 4.4.
#include <iostream>

#include "../lib/customer.h"
#include "../lib/customer_view.h"
#include "../lib/order.h"
#include "../lib/rfm.h"
#include "../lib/transitions.h"
#include "context.h"

namespace crm {

namespace {

void run_recompute(Context& ctx) {
    Store store = ctx.open_store();
    const Time now = ctx.now(store);
    const Date as_of = local_date(now, store.config().zone);
    Writer writer = ctx.writer(store, now);
    auto customers = load_records<Customer>(store, &skipped_files());  // a bad one keeps its values
    auto results = rfm_for(customers, store, as_of);

    std::vector<Transition> transitions;
    size_t changed = 0;
    for (size_t i = 0; i < customers.size(); ++i) {
        Customer& c = customers[i];
        const RfmResult& r = results[i];
        std::vector<std::string> fields;
        auto update = [&](const char* field, std::string& stored, const std::string& value) {
            if (stored == value) return;
            transitions.push_back({as_of, c.id, field, stored, value});
            fields.push_back(std::string("rfm.") + field);
            stored = value;
        };
        update("lifecycle", c.lifecycle, r.lifecycle);
        update("segment", c.segment, r.segment);
        update("tier", c.tier, r.tier);
        std::string high = c.high_value ? "true" : "false";
        update("high_value", high, r.high_value ? "true" : "false");
        c.high_value = r.high_value;
        if (fields.empty()) continue;
        ++changed;
        {
            save_record(writer, c);
            writer.audit(c.id, fields);
        }
    }
    if (!transitions.empty()) {
        // One log line per transition, sharded by the as-of month like orders.
        const std::string rel = transitions_path(as_of);
        const std::string text = transitions_text(transitions, !fs::exists(store.path(rel)));
        writer.append(rel, text);
    }
    // The night the stored classification is of, for customer list. A quiet night
    // leaves it: the last night's classification is this night's too.
    if (const auto nights = stored_rfm_nights(store); !nights || !transitions.empty())
        writer.put(kRfmNightFile, rfm_nights_yaml(nights, now, as_of, store.config().zone));
    writer.commit();

    std::string summary = std::string(ctx.dry_run ? "would change " : "changed ") + std::to_string(changed) + " of " +
                          std::to_string(customers.size()) + " customers (" + std::to_string(transitions.size()) +
                          " transitions) as of " + format_date(as_of);
    if (ctx.quiet) {
        std::cout << summary << '\n';
        return;
    }
    Table t;
    t.columns = {{"customer", Kind::Text}, {"field", Kind::Text}, {"from", Kind::Text}, {"to", Kind::Text}};
    for (const auto& x : transitions) t.add({x.customer, x.field, x.from, x.to});
    render(select_fields(t, ctx.fields, {}), ctx.output(), std::cout);
    std::cerr << summary << '\n';
}

}  // namespace

void add_rfm_commands(CLI::App& app, Context& ctx) {
    auto* noun = add_noun(app, "rfm");
    add_command(noun, ctx, "recompute", run_recompute);
}

}  // namespace crm
