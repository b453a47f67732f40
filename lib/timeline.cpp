#include "timeline.h"

#include <algorithm>
#include <tuple>

#include "customer.h"
#include "message.h"
#include "order.h"
#include "transitions.h"

namespace crm {

std::vector<Interaction> derived_interactions(const std::vector<Lead>& leads, const std::vector<Ticket>& tickets) {
    std::vector<Interaction> out;
    for (const auto& l : leads)
        for (const auto& e : l.log)
            out.push_back({l.id, l.customer, e.at, e.channel, "out", e.actor, l.id, "", "", e.note, e.at, {}, l.file});
    for (const auto& t : tickets)
        for (const auto& e : t.history)
            if (e.event == "reply")
                out.push_back({t.id, t.customer, e.at, t.channel, "out", e.actor, "", t.id, "", e.note, e.at, {}, t.file});
    return out;
}

Table customer_timeline(const Store& store, const std::string& customer, Time now) {
    const Zone& zone = store.config().zone;
    struct Row {
        Time at;
        std::string when, what, id, event, detail;
    };
    std::vector<Row> rows;
    auto add = [&](const std::string& when, std::string what, std::string id, std::string event, std::string detail) {
        const auto t = parse_time(when, zone);
        if (t && *t <= now) rows.push_back({*t, format_time(*t, zone), std::move(what), std::move(id), std::move(event), std::move(detail)});
    };
    const Customer c = load_record<Customer>(store, customer);
    add(c.created, "customer", c.id, "registered", c.source);

    const Date today = local_date(now, zone);
    for_each_shard(store, &skipped_files(), [&](const std::vector<Order>& shard) {
        for (const auto& o : shard)
            if (o.customer == customer && o.date <= today)
                add(format_date(o.date), "order", o.id, "order", format_money(o.amount) + (o.product.empty() ? "" : " " + o.product));
    });

    std::vector<Lead> leads = load_records_at<Lead>(store, now);
    std::erase_if(leads, [&](const Lead& l) { return l.customer != customer && l.id != c.lead; });
    std::vector<Ticket> tickets = load_records_at<Ticket>(store, now);
    std::erase_if(tickets, [&](const Ticket& t) { return t.customer != customer; });
    std::vector<Interaction> contacts = derived_interactions(leads, tickets);
    for_each_shard_of<Interaction>(store, &skipped_files(), [&](std::vector<Interaction>& shard) {
        for (auto& x : shard)
            // One sent from the outbox is the message's row below.
            if (x.customer == customer && x.message.empty() && parse_time(x.created, zone) <= now)
                contacts.push_back(std::move(x));
    });
    for (const auto& x : contacts) add(x.at, "interaction", x.id, x.channel + " " + x.direction, x.note);

    for (const auto& l : leads) {
        add(l.created, "lead", l.id, "created", l.source);
        for (const auto& h : l.history) add(h.at, "lead", l.id, h.from + " -> " + h.to, h.note);
    }
    for (const auto& t : tickets) {
        add(t.created, "ticket", t.id, "opened", t.subject);
        for (const auto& e : t.history)
            if (e.event != "reply")  // replies are interactions, listed above
                add(e.at, "ticket", t.id, e.event + (e.to.empty() ? "" : " " + e.from + " -> " + e.to), e.note);
    }
    for (const auto& t : read_transitions(store, today))
        if (t.customer == customer)
            add(format_date(t.date), "rfm", "", t.field, (t.from.empty() ? "-" : t.from) + " -> " + t.to);
    for_each_shard_of<Message>(store, &skipped_files(), [&](std::vector<Message>& shard) {
        for (const auto& m : shard)
            if (m.customer == customer && parse_time(m.created, zone) <= now) {
                // Marked sent or failed after now: as of now it was still due.
                const bool marked = m.status == "sent" || m.status == "failed";
                const std::string status = marked && parse_time(m.updated, zone) > now ? "due" : m.status;
                add(status == "sent" ? m.sent : m.due, "message", m.id, m.automation + " " + status,
                    status == "suppressed" ? m.reason : m.text);
            }
    });

    // At one moment, cause before effect: who, then what they did, then what crm made of it.
    static const std::vector<std::string> kOrder = {"customer", "lead", "order", "ticket", "interaction", "rfm", "message"};
    auto rank = [](const std::string& what) { return std::find(kOrder.begin(), kOrder.end(), what) - kOrder.begin(); };
    std::stable_sort(rows.begin(), rows.end(), [&](const Row& a, const Row& b) {
        return std::tuple(a.at, rank(a.what), a.id) < std::tuple(b.at, rank(b.what), b.id);
    });
    Table table;
    table.columns = {{"at", Kind::Text}, {"what", Kind::Text}, {"id", Kind::Text}, {"event", Kind::Text}, {"detail", Kind::Text}};
    for (auto& r : rows) table.add({r.when, r.what, r.id, r.event, r.detail});
    return table;
}

}  // namespace crm
