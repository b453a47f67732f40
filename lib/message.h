// The outbox: messages automations decided on (lib/automation.h), kept a
// month to a file like orders (outbox/YYYY/MM.yaml by `due`); the fields are
// declared in schemas/message.schema.yaml.
#pragma once
#include <yaml-cpp/yaml.h>

#include <string>
#include <utility>
#include <vector>

#include "shard_io.h"

namespace crm {

struct Message {
    static constexpr bool sharded = true;
    std::string id, customer, automation, kind, channel, status, due, reason, text, key, ticket, created, updated, sent,
        note;
    std::vector<std::pair<std::string, std::string>> extra;  // keys crm does not know: (key, rendered scalar)
    std::string file;
};

const RecordKind<Message>& record_kind(const Message*);

}  // namespace crm
