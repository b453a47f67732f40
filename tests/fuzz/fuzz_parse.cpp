// libFuzzer: money, dates, times, zones and phone numbers from arbitrary text.
#include <cstddef>
#include <cstdint>
#include <string>

#include "clock.h"
#include "contact.h"
#include "money.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    const std::string text(reinterpret_cast<const char*>(data), size);
    if (auto m = crm::parse_money(text)) {
        if (crm::parse_money(crm::format_money(*m)) != m) __builtin_trap();  // exact round trip
    }
    if (auto d = crm::parse_date(text)) {
        if (crm::format_date(*d) != text) __builtin_trap();
    }
    crm::Zone zone = *crm::Zone::parse("+08:00");
    if (auto t = crm::parse_time(text, zone)) {
        if (crm::parse_time(crm::format_time(*t, zone), zone) != t) __builtin_trap();
    }
    crm::parse_time_format(text, "%m/%d/%Y %I:%M:%S %p", zone);
    if (auto z = crm::Zone::parse(text)) z->offset_at(0);
    std::string why;
    crm::normalise_phone(text, "CN", &why);
    crm::normalise_email(text, &why);
    return 0;
}
