// Money is exact: decimal text <-> int64 minor units (cents). Never a double.
#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace crm {

using Cents = int64_t;

// The largest amount one value may hold, either sign: a trillion yuan. Sums of
// amounts are checked for overflow besides.
inline constexpr Cents kMaxAmount = Cents(100) * 1000 * 1000 * 1000 * 1000;

// Parses "12", "12.5", "-0.07". Rejects "12,5", "1e3", "1.234", "", "+1",
// " 1", beyond kMaxAmount.
// On failure returns nullopt and sets why (e.g. "more than 2 decimals").
std::optional<Cents> parse_money(std::string_view text, std::string* why = nullptr);

// 1250 -> "12.50", -7 -> "-0.07".
std::string format_money(Cents cents);

}  // namespace crm
