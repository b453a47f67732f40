#include "points.h"

#include <algorithm>
#include <climits>
#include <limits>
#include <unordered_map>
#include <unordered_set>

#include "ids.h"
#include "shard_index.h"
#include "store.h"
#include "text.h"
#include "transitions.h"

namespace crm {

constexpr Time kDay = 86400;

const RecordKind<PointsEntry>& record_kind(const PointsEntry*) {
    using P = PointsEntry;
    static const RecordKind<PointsEntry> kind(
        "points", "points", 'E',
        [] {
            Slots<P> s;
            s.push_back(text_slot("id", &P::id));
            s.push_back(text_slot("customer", &P::customer));
            s.push_back(enum_slot("type", &P::type));
            s.push_back(int_slot("points", &P::points));
            for (auto [key, member] : {std::pair{"at", &P::at}, {"expires", &P::expires}, {"source", &P::source},
                                       {"reward", &P::reward}, {"lots", &P::lots}, {"reason", &P::reason},
                                       {"by", &P::by}, {"created", &P::created}})
                s.push_back(text_slot(key, member));
            return s;
        }(),
        "at");
    return kind;
}

bool in_ledger_at(const PointsEntry& e, Time t) {
    const auto at = parse_time(e.at, Zone()), created = parse_time(e.created, Zone());
    return at && created && *at <= t && *created <= t;
}

// Spending order: the oldest lot first.
static bool spent_before(const Lot& a, const Lot& b) { return std::tie(a.at, a.id) < std::tie(b.at, b.id); }

void add_lot(Account& account, Lot lot) {
    if (account.lots.empty() || !spent_before(lot, account.lots.back())) account.lots.push_back(std::move(lot));  // lots come in order, mostly
    else account.lots.insert(std::upper_bound(account.lots.begin(), account.lots.end(), lot, spent_before), std::move(lot));
}

long long Account::balance(Date day) const {
    long long sum = 0;
    for (const auto& lot : lots)
        if (lot.expires > day) sum += lot.left;
    return sum;
}

long long Account::expiring(Date day, Date until) const {
    long long sum = 0;
    for (const auto& lot : lots)
        if (lot.expires > day && lot.expires <= until) sum += lot.left;
    return sum;
}

namespace {

bool adds_lot(const PointsEntry& e) {
    return e.type == PointsType::kEarn || (e.type == PointsType::kAdjust && e.points > 0);
}

}  // namespace

// "E-1:300 E-2:700" -> (lot, points) pairs; false when it is not that.
bool parse_lots(const std::string& text, std::vector<std::pair<std::string, long long>>& out) {
    out.clear();
    for (const auto& item : split(text, ' ')) {
        const size_t colon = item.rfind(':');
        if (colon == std::string::npos || colon == 0 || colon + 1 == item.size() || colon + 10 < item.size()) return false;
        long long n = 0;
        for (size_t i = colon + 1; i < item.size(); ++i) {
            if (item[i] < '0' || item[i] > '9') return false;
            n = n * 10 + (item[i] - '0');
        }
        if (n <= 0) return false;
        out.emplace_back(item.substr(0, colon), n);
    }
    return !out.empty();
}

// The line of entry e in its shard, for a problem found after the read (which
// may have come from the cache); 0 when the file no longer has it.
static int line_in_shard(const Store& store, const PointsEntry& e) {
    std::string text;
    try {
        text = read_file(store.path(e.file).string());
    } catch (const Failure&) {
        return 0;
    }
    const size_t at = text.find("id: " + e.id);
    return at == std::string::npos ? 0 : 1 + int(std::count(text.begin(), text.begin() + long(at), '\n'));
}

std::map<std::string, Account> read_accounts(const Store& store, const std::vector<PointsEntry>& entries, Time t,
                                             Problems& problems) {
    std::map<std::string, Account> out;
    auto bad = [&](const PointsEntry& e, const std::string& field, const std::string& why) {
        problems.add(e.file, line_in_shard(store, e), field, why);
    };
    std::vector<const PointsEntry*> visible;
    for (const auto& e : entries)
        if (in_ledger_at(e, t)) visible.push_back(&e);
    for (const PointsEntry* e : visible)
        if (adds_lot(*e)) {
            const auto expires = parse_date(e->expires);
            if (!expires) {
                bad(*e, "expires", "an earn must say the day its points are gone");
                continue;
            }
            out[e->customer].lots.push_back(
                {e->id, *parse_time(e->at, Zone()), *parse_time(e->created, Zone()), *expires, e->points, e->points});
        }
    std::unordered_map<std::string, const PointsEntry*> earned;  // lot -> its entry
    for (const PointsEntry* e : visible)
        if (adds_lot(*e)) earned.emplace(e->id, e);
    std::unordered_map<std::string, std::pair<std::string, Lot*>> lots;  // id -> customer, lot
    for (auto& [customer, account] : out) {
        std::sort(account.lots.begin(), account.lots.end(), spent_before);
        for (auto& lot : account.lots) lots.emplace(lot.id, std::pair{customer, &lot});
    }
    std::vector<std::pair<std::string, long long>> taken;
    for (const PointsEntry* e : visible) {
        if (adds_lot(*e)) continue;
        auto bad_lots = [&](const std::string& why) { bad(*e, "lots", why); };
        if (e->lots.empty()) {
            if (e->points != 0) bad_lots("an entry that takes or gives back points must name the lots");
            continue;
        }
        if (!parse_lots(e->lots, taken)) {
            bad_lots(quote_value(e->lots) + " is not a list of LOT:POINTS");
            continue;
        }
        long long sum = 0;
        const Time at = *parse_time(e->at, Zone());
        for (const auto& [id, n] : taken) {
            sum += n;
            auto it = lots.find(id);
            if (it == lots.end() || it->second.first != e->customer) {
                bad_lots(id + " is not a lot of " + e->customer + " by " + e->at);
                continue;
            }
            Lot& lot = *it->second.second;
            if (lot.at > at) bad_lots(id + " was earned after " + e->at);
            lot.left += e->points < 0 ? -n : n;
        }
        if (sum != std::llabs(e->points))
            bad_lots("the lots add up to " + std::to_string(sum) + ", not the entry's " + std::to_string(std::llabs(e->points)));
    }
    for (const auto& [id, where] : lots) {
        const Lot& lot = *where.second;
        if (lot.left < 0 || lot.left > lot.points)
            bad(*earned.at(id), "points", "later entries leave this lot " + std::to_string(lot.left) + " of its " +
                                              std::to_string(lot.points) + " points");
    }
    return out;
}

const PointsEntry* Ledger::find(const std::string& id) const {
    for (; indexed_ < entries.size(); ++indexed_) by_id_.emplace(entries[indexed_].id, indexed_);
    const auto it = by_id_.find(id);
    return it == by_id_.end() ? nullptr : &entries[it->second];
}

void check_whole(const Store& store, const std::vector<PointsEntry>& entries, Problems& problems) {
    read_accounts(store, entries, std::numeric_limits<Time>::max(), problems);
}

Ledger load_ledger(const Store& store, Time t) {
    Ledger ledger;
    ledger.entries = load_sharded<PointsEntry>(store, nullptr);
    Problems problems;
    ledger.accounts = read_accounts(store, ledger.entries, t, problems);
    problems.raise(kDataErr);
    return ledger;
}

Ledger load_account(const Store& store, const std::string& customer, Time t) {
    auto entries = records_where<PointsEntry>(store, "customer", customer);
    if (!entries) return load_ledger(store, t);
    Ledger ledger;
    ledger.entries = std::move(*entries);
    Problems problems;
    ledger.accounts = read_accounts(store, ledger.entries, t, problems);
    if (!problems.empty()) return load_ledger(store, t);  // which names the problem
    return ledger;
}

long long order_points(Cents amount, const std::string& tier, const LoyaltyConfig& loyalty) {
    const auto it = loyalty.multipliers.find(tier);
    const long long multiplier = it == loyalty.multipliers.end() ? 100 : it->second;
    // cents x (points a unit x 100) x (multiplier x 100) / 10^6 = points
    const __int128 num = __int128(std::llabs(amount)) * loyalty.earn_per_unit * multiplier, den = 1000000;
    switch (loyalty.rounding) {
    case Rounding::kDown: return (long long)(num / den);
    case Rounding::kNearest: return (long long)((num + den / 2) / den);
    case Rounding::kUp: return (long long)((num + den - 1) / den);
    }
    return 0;
}

long long take_oldest(Account& account, long long points, Time at, Time now, Date day, std::string& lots) {
    long long taken = 0;
    for (auto& lot : account.lots) {
        if (taken == points) break;
        if (lot.at > at || lot.created > now || lot.expires <= day || lot.left <= 0) continue;
        const long long n = std::min(lot.left, points - taken);
        lot.left -= n;
        taken += n;
        lots += (lots.empty() ? "" : " ") + lot.id + ":" + std::to_string(n);
    }
    return taken;
}

Date expiry_day(Time at, const Config& config) { return local_date(at, config.zone) + config.loyalty.expiry_days; }

std::vector<PointsEntry> order_entries(const Store& store, Ledger& ledger, const std::vector<Order>& orders, Time now,
                                       const std::string& actor) {
    const Config& config = store.config();
    const LoyaltyConfig& loyalty = config.loyalty;
    // The tier each customer held night by night (rfm recompute's transitions):
    // an order earns at the one held before its day.
    std::unordered_map<std::string, std::vector<std::pair<Date, std::string>>> tiers;
    if (!loyalty.multipliers.empty())
        for (auto& t : read_transitions(store, INT_MAX))
            if (t.field == "tier") tiers[t.customer].emplace_back(t.date, std::move(t.to));
    std::vector<const Order*> sorted;
    for (const auto& o : orders) sorted.push_back(&o);
    auto by_day = [](const Order* a, const Order* b) { return std::tie(a->date, a->id) < std::tie(b->date, b->id); };
    if (!std::is_sorted(sorted.begin(), sorted.end(), by_day))  // as the shards hold them, mostly
        std::sort(sorted.begin(), sorted.end(), by_day);
    // An order ID twice (a hand edit) earns once. Such IDs are found first,
    // by sorting their hashes (cheaper than a hash set of a million), and only
    // their entries are then remembered.
    std::unordered_set<std::string_view> repeated, ids;  // ids: this batch's, in out (which never moves)
    {
        std::vector<std::pair<size_t, std::string_view>> hashed;
        hashed.reserve(orders.size());
        for (const auto& o : orders) hashed.emplace_back(std::hash<std::string_view>()(o.id), o.id);
        std::sort(hashed.begin(), hashed.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
        for (size_t i = 1; i < hashed.size(); ++i)
            for (size_t j = i; j-- > 0 && hashed[j].first == hashed[i].first;)
                if (hashed[j].second == hashed[i].second) repeated.insert(hashed[i].second);
    }
    const std::string stamp = format_time(now, config.zone);
    std::vector<PointsEntry> out;
    out.reserve(sorted.size());
    // Orders come a day at a time: the day's time and expiry are written once.
    Date day = INT_MIN;
    Time at = 0;
    std::string at_text, expires_text;
    // What a customer's orders read, looked up once a customer (a million orders, one hash each):
    struct Held {
        bool looked = false;
        const std::vector<std::pair<Date, std::string>>* tiers = nullptr;  // transitions, by night
        Account* account = nullptr;  // in ledger.accounts, made when an entry is written
    };
    std::unordered_map<std::string_view, Held> held_by;
    held_by.reserve(sorted.size() / 4);
    static const std::string kNoTier;
    for (const Order* o : sorted) {
        if (o->amount == 0) continue;
        if (o->date != day) {
            day = o->date;
            at = config.zone.from_local(int64_t(day) * kDay);
            at_text = format_time(at, config.zone);
            expires_text = format_date(day + loyalty.expiry_days);
        }
        Held& held = held_by[o->customer];
        if (!held.looked) {
            held.looked = true;
            if (auto it = tiers.find(o->customer); it != tiers.end()) held.tiers = &it->second;
        }
        const std::string* held_tier = &kNoTier;  // the tier held before the order's day
        if (held.tiers)
            for (const auto& [night, to] : *held.tiers)
                if (night < o->date) held_tier = &to;
        const std::string& tier = *held_tier;
        const long long due = order_points(o->amount, o->amount > 0 ? tier : kNoTier, loyalty);
        PointsEntry e;
        e.id = derived_id('E', o->amount > 0 ? "earn:" : "return:", o->id);
        const bool twice = !repeated.empty() && repeated.count(o->id);
        if (ledger.find(e.id) || (twice && ids.count(e.id)) || (o->amount > 0 && due == 0)) continue;
        e.customer = o->customer;
        e.at = at_text;
        e.source = "order:" + o->id;
        e.by = actor;
        e.created = stamp;
        if (!held.account) held.account = &ledger.accounts[o->customer];
        Account& account = *held.account;
        if (o->amount > 0) {
            e.type = PointsType::kEarn;
            e.points = int(due);
            const Date expires = o->date + loyalty.expiry_days;
            e.expires = expires_text;
            if (!tier.empty() && loyalty.multipliers.count(tier)) e.reason = "tier " + tier;
            add_lot(account, {e.id, at, now, expires, due, due});
        } else {
            // A return takes back its amount's base points, from the oldest
            // points held then, never more than the customer holds.
            e.type = PointsType::kReverse;
            const long long taken = take_oldest(account, due, at, now, o->date, e.lots);
            e.points = -int(taken);
            e.reason = "returned" + (taken < due ? ": " + std::to_string(due) + " points due back, " + std::to_string(taken) + " held" : "");
        }
        out.push_back(std::move(e));
        if (twice) ids.insert(out.back().id);
    }
    return out;
}

std::vector<PointsEntry> order_reconciliation(const Store& store, Ledger& ledger, Time now, const std::string& actor) {
    const std::vector<Order> orders = load_orders(store);
    std::vector<PointsEntry> out = order_entries(store, ledger, orders, now, actor);
    std::unordered_set<std::string_view> order_ids;
    if (!ledger.entries.empty()) {
        order_ids.reserve(orders.size());
        for (const auto& o : orders) order_ids.insert(o.id);
    }
    Act act{"", actor, "the order is no longer in the store", now, now};
    // An order gone: its earn is taken back, and a return's take given back.
    for (const auto& e : ledger.entries)
        if ((e.type == PointsType::kEarn || e.type == PointsType::kReverse) && e.source.starts_with("order:") &&
            !order_ids.count(std::string_view(e.source).substr(6)) && in_ledger_at(e, now) &&
            !ledger.find(derived_id('E', "reverse:" + e.id)))
            out.push_back(reverse_entry(ledger, act, e.id, store.config()));
    return out;
}

std::vector<PointsEntry> expiry_entries(const Ledger& ledger, Time t, const Zone& zone, const std::string& actor) {
    const Date today = local_date(t, zone);
    const std::string stamp = format_time(t, zone);
    std::vector<PointsEntry> out;
    for (const auto& [customer, account] : ledger.accounts)
        for (const auto& lot : account.lots) {
            if (lot.expires > today || lot.left <= 0 || lot.created > t) continue;
            PointsEntry e;
            e.id = derived_id('E', "expire:" + lot.id);
            if (ledger.find(e.id)) continue;
            e.customer = customer;
            e.type = PointsType::kExpire;
            e.points = -int(lot.left);
            e.at = format_time(zone.from_local(int64_t(lot.expires) * kDay), zone);
            e.lots = lot.id + ":" + std::to_string(lot.left);
            e.source = "entry:" + lot.id;
            e.by = actor;
            e.created = stamp;
            out.push_back(std::move(e));
        }
    return out;
}

}  // namespace crm
