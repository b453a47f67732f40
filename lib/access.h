// Who may do what (SPEC 6): the acting person's role from crm.yaml decides which
// commands run (else exit 77), whether a sales person sees only their own
// records, and whether contact data is shown unmasked (the pii right).
// Roles take effect once people: lists a team (anyone not an admin); a
// single-user store, with admins only, does not ask who acts.
#pragma once
#include <string>

#include "config.h"

namespace crm {

class Access {
public:
    // Throws Failure(77) when roles are in force and the actor is not in people:
    // or may not run command ("customer set", "report sla", ...).
    Access(const Config& config, const std::string& actor, const std::string& command);
    bool enforced() const { return enforced_; }
    bool sees_pii() const { return pii_; }
    // Sales people see and change only what they own; everyone else sees all.
    bool may_see(const std::string& owner) const { return !own_only_ || owner == actor_; }
    // Throws Failure(77) unless may_see(owner); what names the record for the message.
    void require_owner(const std::string& owner, const std::string& what) const;
    const std::string& actor() const { return actor_; }

private:
    std::string actor_;
    bool enforced_ = false, pii_ = true, own_only_ = false;
};

}  // namespace crm
