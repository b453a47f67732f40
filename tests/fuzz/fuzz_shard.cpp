// libFuzzer: the order shard reader (strict line reader and yaml-cpp fallback);
// orders that read cleanly write back to text that reads the same.
#include <cstddef>
#include <cstdint>
#include <string>

#include "order.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    const std::string text(reinterpret_cast<const char*>(data), size);
    crm::Problems problems;
    auto orders = crm::read_shard(text, "orders/1997/01.yaml", problems);
    if (problems.empty() && !orders.empty()) {
        std::string once = crm::shard_yaml(orders);
        crm::Problems again;
        auto back = crm::read_shard(once, "orders/1997/01.yaml", again);
        if (!again.empty() || crm::shard_yaml(back) != once) __builtin_trap();
    }
    return 0;
}
