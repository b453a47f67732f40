// Reading one customer's lines of a sharded kind without reading the rest:
// `crm points balance C` at a million ledger entries. A derived index per
// shard, .crm/cache/DIR-by-FIELD/YYYY-MM, holds the byte range of every line
// under a hash of its FIELD value, sorted, beside the stamp of the shard it was
// built from. An index whose stamp no longer matches is built again from the
// shard's text (only that shard), and is written whole and synced, so a crash
// leaves the old index or the new one; it is never trusted for a shard written
// in the last second (lib/file_cache.h). A shard that is not one item per line
// (edited by hand) is read whole instead. Delete the folder at will.
#pragma once
#include <optional>
#include <string>
#include <vector>

#include "shard_io.h"

namespace crm {

// The text of every line of a shard of dir whose field may be value (a hash
// match: the caller reads the lines and keeps the records whose field is
// value), as (shard, lines) pairs in shard order.
std::vector<std::pair<std::string, std::string>> lines_where(const Store& store, const std::string& dir,
                                                             const std::string& field, const std::string& value);

// The records of R whose field is value, in shard order then line order;
// nullopt when a line crm read so does not read cleanly (the caller reads the
// whole kind, which names the problem).
template <Sharded R>
std::optional<std::vector<R>> records_where(const Store& store, const std::string& field, const std::string& value) {
    const auto& k = kind_of<R>();
    const Slot<R>& slot = *k.slots[size_t(k.index(field))];
    std::vector<R> out;
    for (const auto& [rel, text] : lines_where(store, k.dir, field, value)) {
        Problems problems;
        std::vector<R> read = read_shard_of<R>(text, rel, problems);
        if (!problems.empty()) return std::nullopt;
        for (auto& r : read)
            if (slot.text(r) == value) out.push_back(std::move(r));
    }
    return out;
}

}  // namespace crm
