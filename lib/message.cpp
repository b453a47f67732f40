#include "message.h"

namespace crm {

const RecordKind<Message>& record_kind(const Message*) {
    using M = Message;
    static const RecordKind<Message> kind(
        "message", "outbox", 'M',
        [] {
            Slots<M> s;
            for (auto [key, member] :
                 {std::pair{"id", &M::id}, {"customer", &M::customer}, {"automation", &M::automation}, {"kind", &M::kind},
                  {"channel", &M::channel}, {"status", &M::status}, {"due", &M::due}, {"reason", &M::reason},
                  {"text", &M::text}, {"key", &M::key}, {"ticket", &M::ticket}, {"created", &M::created},
                  {"updated", &M::updated}, {"sent", &M::sent}, {"note", &M::note}})
                s.push_back(text_slot(key, member));
            return s;
        }(),
        "due");
    return kind;
}

}  // namespace crm
