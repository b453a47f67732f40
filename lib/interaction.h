// Interactions: every call, WeChat message, e-mail, SMS, visit or app message,
// in or out, linked to its customer. Kept a month to a file like orders
// (interactions/YYYY/MM.yaml, lib/shard_io.h); the fields are declared in
// schemas/interaction.schema.yaml.
#pragma once
#include <yaml-cpp/yaml.h>

#include <string>
#include <utility>
#include <vector>

#include "shard_io.h"

namespace crm {

struct Interaction {
    static constexpr bool sharded = true;
    std::string id, customer, at, channel, direction, by, lead, ticket, message, note, created;
    std::vector<std::pair<std::string, std::string>> extra;  // keys crm does not know: (key, rendered scalar)
    std::string file;
};

const RecordKind<Interaction>& record_kind(const Interaction*);

// The contact channels (the schema's enum), for flags and crm.yaml.
const std::vector<std::string>& contact_channels();

}  // namespace crm
