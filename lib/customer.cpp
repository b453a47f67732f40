#include "customer.h"

namespace crm {

// Each key of schemas/customer.schema.yaml, in its order, and where it lives.
const RecordKind<Customer>& record_kind(const Customer*) {
    using C = Customer;
    static const RecordKind<Customer> kind("customer", "customers", 'C', [] {
        Slots<C> s;
        for (auto [key, member] : {std::pair{"id", &C::id}, {"ref", &C::ref}, {"kind", &C::kind}, {"name", &C::name},
                                   {"phone", &C::phone}, {"email", &C::email}, {"wechat", &C::wechat},
                                   {"region", &C::region}, {"industry", &C::industry}, {"source", &C::source},
                                   {"owner", &C::owner}, {"credit_code", &C::credit_code}, {"birthday", &C::birthday}})
            s.push_back(text_slot(key, member));
        s.push_back(list_slot("tags", &C::tags));
        s.push_back(text_slot("preferred_channel", &C::preferred_channel));
        s.push_back(list_slot("refused_channels", &C::refused_channels));
        s.push_back(text_slot("opt_out", &C::opt_out));
        s.push_back(text_slot("quiet_hours", &C::quiet_hours));
        for (auto [key, member] : {std::pair{"lead", &C::lead}, {"created", &C::created}, {"updated", &C::updated},
                                   {"rfm.segment", &C::segment}, {"rfm.lifecycle", &C::lifecycle}, {"rfm.tier", &C::tier}})
            s.push_back(text_slot(key, member));
        s.push_back(flag_slot("rfm.high_value", &C::high_value));
        s.push_back(text_slot("health.risk", &C::risk));
        return s;
    }());
    return kind;
}

}  // namespace crm
