#include "access.h"

#include <algorithm>
#include <vector>

#include "commands.h"
#include "error.h"
#include "text.h"

namespace crm {

Access::Access(const Config& config, const std::string& actor, const std::string& command) : actor_(actor) {
    enforced_ = std::any_of(config.people.begin(), config.people.end(),
                            [](const Person& p) { return p.role != kAdmin; });
    if (!enforced_) return;
    const Person* person = config.person(actor);
    if (!person)
        throw Failure(kNoPerm, "actor " + quote_value(actor) +
                                   " is not in people: of crm.yaml (set --actor or $CRM_ACTOR to who you are)");
    pii_ = person->role == kAdmin ||
           std::find(person->rights.begin(), person->rights.end(), "pii") != person->rights.end();
    own_only_ = person->role == kSales;
    const unsigned role = person->role;
    if (role == kAdmin) return;
    if (!(command_named(command).roles & role))
        throw Failure(kNoPerm, "crm " + command + ": not allowed for " + actor + " (role " + role_name(person->role) + ")");
}

void Access::require_owner(const std::string& owner, const std::string& what) const {
    if (!may_see(owner))
        throw Failure(kNoPerm, what + " belongs to " + (owner.empty() ? std::string("nobody") : owner) + ", not to " +
                                   actor_ + " (sales people work on their own records)");
}

}  // namespace crm
