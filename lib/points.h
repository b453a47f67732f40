// The points ledger (crm-points(1)): points/YYYY/MM.yaml, a month to a file
// like orders, by the month of `at` (lib/shard_io.h); the fields are declared
// in schemas/points.schema.yaml. What a customer holds follows from the
// entries alone: lots (earns, and adjusts that add) less what later entries
// took from them by name, less the lots past their day. Nothing is stored
// that the ledger does not explain.
#pragma once
#include <limits>
#include <map>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include "config.h"
#include "order.h"
#include "shard_io.h"

namespace crm {

struct PointsEntry {
    static constexpr bool sharded = true;
    std::string id, customer;
    PointsType type = PointsType::kEarn;
    int points = 0;  // added (> 0) or taken (< 0)
    std::string at, expires, source, reward, lots, reason, by, created;
    std::vector<std::pair<std::string, std::string>> extra;  // keys crm does not know: (key, rendered scalar)
    std::string file;
};

const RecordKind<PointsEntry>& record_kind(const PointsEntry*);

// Points earned (or added) together, usable before their day.
struct Lot {
    std::string id;
    Time at = 0, created = 0;  // when earned, and when written
    Date expires = 0;          // the first day they are gone
    long long points = 0, left = 0;
};

// The moment past which a ledger has everything: what every write reads, so
// that an act dated in the past (--at, --as-of) still sees what later entries
// took, and never overdraws a lot.
inline constexpr Time kWholeLedger = std::numeric_limits<Time>::max();
// Whether e is in the ledger as it stood at t: dated and written by then.
bool in_ledger_at(const PointsEntry& e, Time t);

// One customer's points as of a moment.
struct Account {
    std::vector<Lot> lots;  // by (at, id): the order they are spent in
    // What can be spent on day.
    long long balance(Date day) const;
    // What is still held on day and gone by until (inclusive).
    long long expiring(Date day, Date until) const;
};
// Adds a lot to the account in spending order: by (at, id).
void add_lot(Account& account, Lot lot);

// "E-1:300 E-2:700" -> (lot, points) pairs; false when it is not that.
bool parse_lots(const std::string& text, std::vector<std::pair<std::string, long long>>& out);

// Every customer's account from the entries visible at t (at and created no
// later), in ledger order. An entry taking from a lot that is not the
// customer's, is later than it, or more than the lot holds, is a problem
// naming the entry's file:line (crm check, and every command that reads).
std::map<std::string, Account> read_accounts(const Store& store, const std::vector<PointsEntry>& entries, Time t,
                                             Problems& problems);

// crm check: the ledger as it stands, every entry of it.
void check_whole(const Store& store, const std::vector<PointsEntry>& entries, Problems& problems);

// The whole ledger, and every account as of t (throws 65 on a problem).
struct Ledger {
    std::vector<PointsEntry> entries;  // only ever appended to
    std::map<std::string, Account> accounts;
    // The entry with this ID, or null (indexed as entries are added).
    const PointsEntry* find(const std::string& id) const;

private:
    mutable std::unordered_map<std::string, size_t> by_id_;
    mutable size_t indexed_ = 0;
};
Ledger load_ledger(const Store& store, Time t);
// One customer's entries and account as of t, read through the ledger's
// customer index (lib/shard_index.h): what load_ledger gives for them, without
// reading the other customers' entries. For reading; every write weighs the
// whole ledger.
Ledger load_account(const Store& store, const std::string& customer, Time t);

// Points an order of this amount earns at the tier held when it was placed:
// amount x earn_per_unit x the tier's multiplier, rounded by the rule.
long long order_points(Cents amount, const std::string& tier, const LoyaltyConfig& loyalty);

// Takes up to `points` from the account's oldest lots usable at `at` (local
// day `day`: earned by then, written by `now`, not gone) and returns how many
// it took, naming them in lots ("E-..:n ...").
long long take_oldest(Account& account, long long points, Time at, Time now, Date day, std::string& lots);

// The entries crm writes for orders: an earn for each positive amount, at the
// tier held the day before, and a reverse for each return (negative amount)
// taking its amount's base points (no tier multiplier: never more than its
// purchase earned) from the oldest lots, never below zero.
// Orders that have theirs already are skipped (IDs derive from the order's).
// Updates ledger.accounts with what it adds.
std::vector<PointsEntry> order_entries(const Store& store, Ledger& ledger, const std::vector<Order>& orders, Time now,
                                       const std::string& actor);

// `crm points earn --orders`: order_entries for every order of the store,
// and a reverse for each earn whose order is gone.
std::vector<PointsEntry> order_reconciliation(const Store& store, Ledger& ledger, Time now, const std::string& actor);

// An expire entry for every lot past its day by t that still holds points
// (idempotent: one per lot).
std::vector<PointsEntry> expiry_entries(const Ledger& ledger, Time t, const Zone& zone, const std::string& actor);

// The local day points earned at `at` are gone.
Date expiry_day(Time at, const Config& config);

// The acts of crm points (lib/points_acts.cpp). Each returns the entry to
// write, its account in ledger updated, or throws Failure(65) saying why not.
struct Act {
    std::string customer, actor, reason;
    Time at = 0, now = 0;  // when it happened (--at), and when it is written
};
// An earn for an event of loyalty.events: check_in (once a day), referral
// (source: the referred order, once), review (source: the review's ref, once).
PointsEntry event_earn(Ledger& ledger, const Act& act, const std::string& event, const std::string& source,
                       const Config& config);
// A redeem (reward named) or an adjust that takes points, oldest first;
// refused past the balance, with what is held and when it expires.
PointsEntry take_points(Ledger& ledger, const Act& act, PointsType type, long long points, const std::string& reward,
                        const Config& config);
// An adjust that adds points: a lot of its own, gone expiry_days on.
PointsEntry add_points(Ledger& ledger, const Act& act, long long points, const Config& config);
// Undoes an earn (takes back what its lot still holds) or a redeem (gives
// back to its lots what has not expired since); once per entry.
PointsEntry reverse_entry(Ledger& ledger, const Act& act, const std::string& entry_id, const Config& config);
// What a tier's members get (loyalty.benefits): "discount 5%, free shipping,
// birthday coupon 50.00", or "" for none.
std::string benefits_text(const LoyaltyConfig& loyalty, const std::string& tier);
// "1300 (300 expire 2026-12-01, 1000 expire 2027-03-02)": a balance explained.
std::string describe_balance(const Account& account, Date day);

}  // namespace crm
