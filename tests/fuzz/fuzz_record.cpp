// libFuzzer: the customer, lead and ticket readers (strict reader and yaml-cpp
// fallback) must accept or reject any bytes with a Failure, never crash or hang.
#include <cstddef>
#include <cstdint>
#include <string>

#include "customer.h"
#include "lead.h"
#include "ticket.h"
#include "yaml_read.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    const std::string text(reinterpret_cast<const char*>(data), size);
    crm::Problems problems;
    try {
        crm::Customer c = crm::read_record_text<crm::Customer>(text, "customers/C-1NG8H4RNM0QE.yaml", problems);
        if (problems.empty()) {
            // What reads cleanly must write and read back to the same bytes.
            std::string once = crm::record_yaml(c);
            crm::Problems again;
            crm::Customer back = crm::read_record_text<crm::Customer>(once, "customers/" + c.id + ".yaml", again);
            if (again.empty() && crm::record_yaml(back) != once) __builtin_trap();
        }
    } catch (const crm::Failure&) {
    }
    try {
        YAML::Node root = crm::parse_yaml(text, "x.yaml", crm::kDataErr);
        crm::Problems p;
        crm::Lead l = crm::record_from_yaml<crm::Lead>(root, "leads/L-1NG8H4RNM0QE.yaml", p);
        if (p.empty()) crm::record_yaml(l);
        crm::Ticket t = crm::record_from_yaml<crm::Ticket>(root, "tickets/T-1NG8H4RNM0QE.yaml", p);
        if (p.empty()) crm::record_yaml(t);
    } catch (const crm::Failure&) {
    }
    return 0;
}
