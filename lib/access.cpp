#include "access.h"

#include <algorithm>
#include <map>
#include <vector>

#include "error.h"
#include "text.h"

namespace crm {

// Commands and the roles that may run them; admin may run everything. A noun
// alone ("lead") covers its verbs unless a verb has its own line.
static const std::map<std::string, std::vector<std::string>>& permissions() {
    static const std::map<std::string, std::vector<std::string>> table = {
        {"customer", {"sales", "manager"}},
        {"customer show", {"sales", "service", "manager"}},
        {"customer list", {"sales", "service", "manager"}},
        {"customer import", {"manager"}},
        {"customer export", {"manager"}},
        {"customer forget", {}},
        {"order", {"sales", "manager"}},
        {"order import", {"manager"}},
        {"lead", {"sales", "manager"}},
        {"lead import", {"manager"}},
        {"lead assign", {"manager"}},
        {"followup", {"sales", "manager"}},
        {"ticket", {"service", "manager"}},
        {"ticket open", {"sales", "service", "manager"}},
        {"ticket import", {"manager"}},
        {"rfm", {"manager"}},
        {"report", {"manager"}},
        {"check", {"manager"}},
        {"audit", {"manager"}},
    };
    return table;
}

Access::Access(const Config& config, const std::string& actor, const std::string& command) : actor_(actor) {
    enforced_ = std::any_of(config.people.begin(), config.people.end(),
                            [](const Person& p) { return p.role != "admin"; });
    if (!enforced_) return;
    const Person* person = config.person(actor);
    if (!person)
        throw Failure(kNoPerm, "actor " + quote_value(actor) +
                                   " is not in people: of crm.yaml (set --actor or $CRM_ACTOR to who you are)");
    pii_ = person->role == "admin" ||
           std::find(person->rights.begin(), person->rights.end(), "pii") != person->rights.end();
    own_only_ = person->role == "sales";
    if (person->role == "admin") return;
    const auto& table = permissions();
    auto it = table.find(command);
    if (it == table.end()) it = table.find(command.substr(0, command.find(' ')));
    bool allowed = it != table.end() && std::find(it->second.begin(), it->second.end(), person->role) != it->second.end();
    if (!allowed)
        throw Failure(kNoPerm, "crm " + command + ": not allowed for " + actor + " (role " + person->role + ")");
}

void Access::require_owner(const std::string& owner, const std::string& what) const {
    if (!may_see(owner))
        throw Failure(kNoPerm, what + " belongs to " + (owner.empty() ? std::string("nobody") : owner) + ", not to " +
                                   actor_ + " (sales people work on their own records)");
}

}  // namespace crm
