// The closed sets of values that crm's rules branch on: lead and ticket
// statuses, priorities, assignment strategies, SLA clocks. Code compares
// enumerators, never strings, so a misspelt value does not compile.
// Each enum's names are listed once here; where a record field holds one,
// its schema's `enum:` is checked against this list when the kind is bound
// (record_kind.h), so the two cannot disagree.
#pragma once
#include <array>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace crm {

// Pipeline order: a lead moves forward only (won and lost last).
enum class LeadStatus { kNew, kContacted, kQualified, kProposal, kNegotiation, kWon, kLost };
enum class TicketStatus { kOpen, kPending, kOnHold, kSolved, kClosed };
enum class Priority { kHigh, kMedium, kLow };
enum class Strategy { kRoundRobin, kLeastOpen, kWeighted };
enum class ClockKind { kCalendar, kBusiness };
// What sets off an automation (crm.yaml automations: trigger).
enum class Trigger {
    kFirstOrder, kNoRepurchase, kLifecycle, kSegment, kTier, kTicketSolved, kBirthday, kAnniversary, kHighValueQuarterly, kDate,
    kPointsExpiring, kBirthdayCoupon
};
// What a points ledger entry does (lib/points.h), and how an order's points are rounded.
enum class PointsType { kEarn, kRedeem, kExpire, kAdjust, kReverse };
enum class Rounding { kDown, kNearest, kUp };
// How a tier is assessed: over rfm.window_days, or by calendar year.
enum class TierAssessment { kRolling, kCalendar };

template <class E>
struct EnumNames;
template <>
struct EnumNames<LeadStatus> {
    static constexpr std::array<std::string_view, 7> names{"new",      "contacted", "qualified", "proposal",
                                                           "negotiation", "won",   "lost"};
};
template <>
struct EnumNames<TicketStatus> {
    static constexpr std::array<std::string_view, 5> names{"open", "pending", "on_hold", "solved", "closed"};
};
template <>
struct EnumNames<Priority> {
    static constexpr std::array<std::string_view, 3> names{"high", "medium", "low"};
};
template <>
struct EnumNames<Strategy> {
    static constexpr std::array<std::string_view, 3> names{"round_robin", "least_open", "weighted"};
};
template <>
struct EnumNames<ClockKind> {
    static constexpr std::array<std::string_view, 2> names{"calendar", "business"};
};

template <>
struct EnumNames<Trigger> {
    static constexpr std::array<std::string_view, 12> names{"first_order", "no_repurchase", "lifecycle",
                                                            "segment",     "tier",          "ticket_solved",
                                                            "birthday",    "anniversary",   "high_value_quarterly",
                                                            "date",        "points_expiring", "birthday_coupon"};
};

template <>
struct EnumNames<PointsType> {
    static constexpr std::array<std::string_view, 5> names{"earn", "redeem", "expire", "adjust", "reverse"};
};
template <>
struct EnumNames<Rounding> {
    static constexpr std::array<std::string_view, 3> names{"down", "nearest", "up"};
};

template <>
struct EnumNames<TierAssessment> {
    static constexpr std::array<std::string_view, 2> names{"rolling", "calendar"};
};

template <class E>
std::string name_of(E e) {
    return std::string(EnumNames<E>::names.at(size_t(e)));
}

template <class E>
std::optional<E> enum_named(std::string_view text) {
    for (size_t i = 0; i < EnumNames<E>::names.size(); ++i)
        if (EnumNames<E>::names[i] == text) return E(i);
    return std::nullopt;
}

template <class E>
std::vector<std::string> enum_names() {
    return {EnumNames<E>::names.begin(), EnumNames<E>::names.end()};
}

}  // namespace crm
