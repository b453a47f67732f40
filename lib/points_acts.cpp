// The acts of crm points: what each writes into the ledger, and when it is refused.
#include <algorithm>
#include <unordered_set>

#include "ids.h"
#include "money.h"
#include "points.h"
#include "text.h"

namespace crm {

namespace {

PointsEntry entry_for(const Act& act, PointsType type, const Config& config) {
    PointsEntry e;
    e.customer = act.customer;
    e.type = type;
    e.at = format_time(act.at, config.zone);
    e.reason = act.reason;
    e.by = act.actor;
    e.created = format_time(act.now, config.zone);
    return e;
}

PointsEntry earn_lot(Ledger& ledger, PointsEntry e, long long points, const Config& config) {
    const Date expires = expiry_day(*parse_time(e.at, config.zone), config);
    e.points = int(points);
    e.expires = format_date(expires);
    add_lot(ledger.accounts[e.customer], {e.id, *parse_time(e.at, config.zone), *parse_time(e.created, config.zone), expires, points, points});
    return e;
}

}  // namespace

std::string benefits_text(const LoyaltyConfig& loyalty, const std::string& tier) {
    const auto it = loyalty.benefits.find(tier);
    if (it == loyalty.benefits.end()) return "";
    std::vector<std::string> parts;
    if (it->second.discount) parts.push_back("discount " + std::to_string(it->second.discount) + "%");
    if (it->second.free_shipping) parts.push_back("free shipping");
    if (it->second.birthday_coupon) parts.push_back("birthday coupon " + format_money(it->second.birthday_coupon));
    return join(parts, ", ");
}

std::string describe_balance(const Account& account, Date day) {
    std::map<Date, long long> by_day;
    for (const auto& lot : account.lots)
        if (lot.expires > day && lot.left > 0) by_day[lot.expires] += lot.left;
    std::vector<std::string> parts;
    for (const auto& [expires, n] : by_day) parts.push_back(std::to_string(n) + " expire " + format_date(expires));
    return std::to_string(account.balance(day)) + (parts.empty() ? "" : " (" + join(parts, ", ") + ")");
}

PointsEntry event_earn(Ledger& ledger, const Act& act, const std::string& event, const std::string& source,
                       const Config& config) {
    const auto it = config.loyalty.events.find(event);
    if (it == config.loyalty.events.end() || it->second <= 0)
        throw Failure(kDataErr, "--event: " + quote_value(event) + " earns no points (crm.yaml loyalty.events)");
    PointsEntry e = entry_for(act, PointsType::kEarn, config);
    if (event == "check_in") {
        if (!source.empty()) throw Failure(kUsage, "--source: a check-in is its day; give --at for another day");
        e.source = "check_in:" + format_date(local_date(act.at, config.zone));
        e.id = derived_id('E', e.source + ":" + act.customer);
    } else {
        if (source.empty()) throw Failure(kUsage, "--source: a " + event + " needs what it is for (the referred order, the review's ref)");
        e.source = event + ":" + source;
        e.id = derived_id('E', e.source);  // once per order or review, whoever claims it
    }
    if (const PointsEntry* had = ledger.find(e.id))
        throw Failure(kDataErr, "points for " + e.source + " were earned already: " + had->id + " (" + had->customer + ", " + had->at + ")");
    return earn_lot(ledger, std::move(e), it->second, config);
}

PointsEntry take_points(Ledger& ledger, const Act& act, PointsType type, long long points, const std::string& reward,
                        const Config& config) {
    Account& account = ledger.accounts[act.customer];
    const Date day = local_date(act.at, config.zone);
    if (points <= 0) throw Failure(kUsage, "--points: must be more than 0");
    PointsEntry e = entry_for(act, type, config);
    e.reward = reward;
    Account after = account;  // points earned after act.at are not there to take at act.at
    if (const long long usable = take_oldest(after, points, act.at, act.now, day, e.lots); usable < points)
        throw Failure(kDataErr, act.customer + " holds " + describe_balance(account, day) + " points" +
                                    (usable < account.balance(day) ? ", " + std::to_string(usable) + " of them earned by " + e.at : "") +
                                    ", fewer than " + std::to_string(points));
    account = std::move(after);
    e.id = new_unique_id('E', act.at, [&](const std::string& id) { return ledger.find(id) != nullptr; });
    e.points = -int(points);
    return e;
}

PointsEntry add_points(Ledger& ledger, const Act& act, long long points, const Config& config) {
    PointsEntry e = entry_for(act, PointsType::kAdjust, config);
    e.id = new_unique_id('E', act.at, [&](const std::string& id) { return ledger.find(id) != nullptr; });
    return earn_lot(ledger, std::move(e), points, config);
}

PointsEntry reverse_entry(Ledger& ledger, const Act& act, const std::string& entry_id, const Config& config) {
    const PointsEntry* target = ledger.find(entry_id);
    if (!target) throw Failure(kNoInput, "no points entry " + quote_value(entry_id));
    // A return (a reverse for an order) is undone as a redeem is: what it took goes back.
    const bool gives_back = target->type == PointsType::kRedeem ||
                            (target->type == PointsType::kReverse && target->source.starts_with("order:"));
    if (target->type != PointsType::kEarn && !gives_back)
        throw Failure(kDataErr, entry_id + " is " + name_of(target->type) + ": only an earn, a redeem or a return can be reversed");
    if (!in_ledger_at(*target, act.at) || !in_ledger_at(*target, act.now))
        throw Failure(kDataErr, entry_id + " is dated " + target->at + " and written " + target->created +
                                    ": not yet in the ledger at " + format_time(act.at, config.zone));
    Act undo = act;
    undo.customer = target->customer;
    PointsEntry e = entry_for(undo, PointsType::kReverse, config);
    e.id = derived_id('E', "reverse:" + entry_id);
    e.source = "entry:" + entry_id;
    if (const PointsEntry* had = ledger.find(e.id)) throw Failure(kDataErr, entry_id + " was reversed already: " + had->id);
    Account& account = ledger.accounts[target->customer];
    // A lot gone by the act's day, or by today (its expiry may be written), gets nothing back.
    const Date day = std::max(local_date(act.at, config.zone), local_date(act.now, config.zone));
    long long moved = 0;
    if (target->type == PointsType::kEarn) {  // take back what its lot still holds, if not yet gone
        for (auto& lot : account.lots)
            if (lot.id == entry_id && lot.expires > day && lot.left > 0) {
                moved = lot.left;
                lot.left = 0;
                e.lots = lot.id + ":" + std::to_string(moved);
            }
        e.points = -int(moved);
        if (moved < target->points && e.reason.empty())
            e.reason = std::to_string(target->points - moved) + " of its " + std::to_string(target->points) +
                       " points were spent or expired already";
    } else {  // give back to the lots it took from, those not gone since
        std::vector<std::pair<std::string, long long>> taken;
        if (!target->lots.empty() && !parse_lots(target->lots, taken))
            throw Failure(kDataErr, target->file + ": " + entry_id + ": lots: " + quote_value(target->lots) + " is not a list of LOT:POINTS");
        for (const auto& [lot_id, n] : taken)
            for (auto& lot : account.lots)
                if (lot.id == lot_id && lot.expires > day) {
                    lot.left += n;
                    moved += n;
                    e.lots += (e.lots.empty() ? "" : " ") + lot_id + ":" + std::to_string(n);
                }
        e.points = int(moved);
    }
    if (moved == 0 && e.reason.empty()) e.reason = "nothing left to move: spent or expired";
    return e;
}

}  // namespace crm
