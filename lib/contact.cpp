#include "contact.h"

#include <map>

#include "text.h"

namespace crm {

static const std::map<std::string, std::string>& calling_codes() {
    static const std::map<std::string, std::string> codes = {
        {"CN", "86"}, {"HK", "852"}, {"MO", "853"}, {"TW", "886"}, {"SG", "65"}, {"MY", "60"}, {"JP", "81"},
        {"KR", "82"}, {"US", "1"},   {"CA", "1"},   {"GB", "44"},  {"DE", "49"}, {"FR", "33"}, {"AU", "61"},
        {"IN", "91"}, {"TH", "66"},  {"VN", "84"},  {"ID", "62"},  {"PH", "63"}, {"RU", "7"},  {"IT", "39"},
        {"ES", "34"}, {"NL", "31"},  {"CH", "41"},  {"SE", "46"},  {"NZ", "64"}, {"AE", "971"}};
    return codes;
}

std::vector<std::string> known_countries() {
    std::vector<std::string> out;
    for (const auto& [code, calling] : calling_codes()) out.push_back(code);
    return out;
}

std::optional<std::string> normalise_phone(std::string_view raw, const std::string& country, std::string* why) {
    std::string digits;
    bool plus = false;
    for (size_t i = 0; i < raw.size(); ++i) {
        char c = raw[i];
        if (c >= '0' && c <= '9') digits += c;
        else if (c == '+' && digits.empty() && !plus) plus = true;
        else if (c == ' ' || c == '-' || c == '(' || c == ')' || c == '.') continue;
        else {
            if (why) *why = "is not a phone number (digits, spaces, -, (), and a leading + only)";
            return std::nullopt;
        }
    }
    if (!plus && digits.compare(0, 2, "00") == 0) { plus = true; digits.erase(0, 2); }
    if (!plus) {
        auto it = calling_codes().find(country);
        std::string cc = it == calling_codes().end() ? "86" : it->second;
        if (cc == "86" && digits.size() == 13 && digits.compare(0, 2, "86") == 0 && digits[2] == '1')
            digits.erase(0, 2);  // "86 138..." written without the plus
        if (cc != "1" && !digits.empty() && digits[0] == '0') digits.erase(0, 1);  // trunk prefix
        if (cc == "86" && digits.size() == 11 && digits[0] == '1' && (digits[1] < '3'))
            digits = "";  // no mainland mobile starts 10x/11x/12x
        digits = cc + digits;
    }
    if (digits.size() < 7 || digits.size() > 15 || digits[0] == '0') {
        if (why) *why = "is not a phone number (7 to 15 digits with the country code)";
        return std::nullopt;
    }
    return "+" + digits;
}

std::optional<std::string> normalise_email(std::string_view raw, std::string* why) {
    std::string e = lower(trim(raw));
    size_t at = e.find('@');
    bool ok = at != std::string::npos && at > 0 && e.find('@', at + 1) == std::string::npos &&
              e.find('.', at + 2) != std::string::npos && e.back() != '.' && e.size() <= 254;
    for (char c : e)
        if (c == ' ' || c == ',' || c == ';' || c == '<' || c == '>' || static_cast<unsigned char>(c) < 0x21) ok = false;
    if (!ok) {
        if (why) *why = "is not an email address";
        return std::nullopt;
    }
    return e;
}

std::string mask_phone(const std::string& p) {
    // Keep the national number's first 3 and last 4 digits: +8613812345678 -> 138****5678.
    std::string national = p;
    if (starts_with(p, "+86")) national = p.substr(3);
    else if (!p.empty() && p[0] == '+') national = p.substr(1);
    if (national.size() <= 7) return std::string(national.size(), '*');
    return national.substr(0, 3) + std::string(national.size() - 7, '*') + national.substr(national.size() - 4);
}

std::string mask_email(const std::string& e) {
    size_t at = e.find('@');
    if (at == std::string::npos) return "***";
    return e.substr(0, 1) + "***" + e.substr(at);
}

}  // namespace crm
