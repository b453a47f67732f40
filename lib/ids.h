// Record IDs: "<prefix>-<time part><random part>" in Crockford base32, so IDs sort
// by creation and two clones never mint the same one without a central counter.
#pragma once
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>

#include "clock.h"

namespace crm {

// 7 characters of seconds since 1970 and 5 random ones, e.g. "C-1KQ3M8ZAB4XY".
std::string new_id(char prefix, Time now);

// new_id until taken(id) is false: the one loop that mints every record's ID.
std::string new_unique_id(char prefix, Time now, const std::function<bool(const std::string&)>& taken);

// Content-derived ID for rows imported without one ("O-" + 13 characters of a
// 64-bit hash), so importing the same file twice yields the same IDs.
// The content may come in two parts, read as one (no string made to join them).
std::string derived_id(char prefix, std::string_view content, std::string_view more = {});

// True for a well-formed generated ID of this prefix.
bool is_generated_id(std::string_view id, char prefix);

// IDs given by users (order ids from an ERP): letters, digits, '.', '_', '-',
// 1-64 characters, not starting with '.', so they can never name a path.
bool is_safe_id(std::string_view id);

// Upper-cases a user's (partial) ID and adds "P-" when missing; nullopt-like
// empty result when it holds characters no ID can.
std::string normalise_id_arg(std::string_view arg, char prefix);

}  // namespace crm
