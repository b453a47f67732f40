#include "interaction.h"

namespace crm {

const RecordKind<Interaction>& record_kind(const Interaction*) {
    using I = Interaction;
    static const RecordKind<Interaction> kind(
        "interaction", "interactions", 'I',
        [] {
            Slots<I> s;
            for (auto [key, member] : {std::pair{"id", &I::id}, {"customer", &I::customer}, {"at", &I::at},
                                       {"channel", &I::channel}, {"direction", &I::direction}, {"by", &I::by},
                                       {"lead", &I::lead}, {"ticket", &I::ticket}, {"message", &I::message},
                                       {"note", &I::note}, {"created", &I::created}})
                s.push_back(text_slot(key, member));
            return s;
        }(),
        "at");
    return kind;
}

const std::vector<std::string>& contact_channels() {
    return enum_at("interaction", "channel");
}

}  // namespace crm
