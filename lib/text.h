// Small string helpers shared by every reader and writer: UTF-8 and widths.
#pragma once
#include <string>
#include <string_view>
#include <vector>

namespace crm {

std::string trim(std::string_view s);
std::string lower(std::string_view s);
std::vector<std::string> split(std::string_view s, char sep);
std::string join(const std::vector<std::string>& parts, std::string_view sep);
bool starts_with(std::string_view s, std::string_view prefix);

// True when s is well-formed UTF-8 (no overlongs, no surrogates).
bool valid_utf8(std::string_view s);

// Terminal columns s occupies: CJK and other East Asian wide characters count 2,
// combining marks 0. Used to align `--format table`.
int display_width(std::string_view s);

// Quotes s for messages: "abc" with control bytes escaped, cut at 60 bytes.
std::string quote_value(std::string_view s);

// A value a spreadsheet would run as a formula (OWASP's CSV injection): it
// starts with = + - or @ and is not a number or a phone number. Imports and
// check report such values, since crm's CSV output goes back into spreadsheets.
bool formula_like(std::string_view cell);

}  // namespace crm
