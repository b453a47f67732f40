// Contact data normalised on write, so duplicates can be found by equality:
// phones to E.164 (+8613800138000), emails lower-cased.
#pragma once
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace crm {

// "+86 138-0013-8000", "13800138000", "(010) 6552 9988", "0086..." -> E.164, given
// the store's default country (ISO 3166 alpha-2). nullopt with why on bad input.
std::optional<std::string> normalise_phone(std::string_view raw, const std::string& country, std::string* why);

std::optional<std::string> normalise_email(std::string_view raw, std::string* why);

// The countries whose calling code crm knows (a default_country outside them
// would turn every national number into a wrong one), in code order.
std::vector<std::string> known_countries();

// "+8613812345678" -> "138****5678" style masking for roles without pii.
std::string mask_phone(const std::string& e164);
std::string mask_email(const std::string& email);

}  // namespace crm
