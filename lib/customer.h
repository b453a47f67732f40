// Customers: one YAML file each, customers/C-<id>.yaml. The fields are declared
// in schemas/customer.schema.yaml; record_io.h reads, writes and checks them.
#pragma once
#include <yaml-cpp/yaml.h>

#include <string>
#include <vector>

#include "record_io.h"

namespace crm {

struct Customer {
    std::string id, ref, kind, name, phone, email, wechat, region, industry, source, owner, credit_code, birthday;
    std::vector<std::string> tags;
    std::string preferred_channel;  // contact preferences: lib/automation.h respects them
    std::vector<std::string> refused_channels;
    std::string opt_out, quiet_hours;
    std::string lead;  // the lead this customer was converted from
    std::string created, updated;
    // The nightly job's stored classification (rfm: in the file).
    std::string segment, lifecycle, tier;
    bool high_value = false;
    // value recompute's stored risk band (health: in the file), written when it changes.
    std::string risk;
    YAML::Node extra;  // keys crm does not know, kept in file order
    std::string file;  // store-relative path, for messages
    // Erased by crm customer forget (lib/privacy.h): contacted no more.
    bool forgotten() const { return extra.IsMap() && extra["forgotten"]; }
};

const RecordKind<Customer>& record_kind(const Customer*);

}  // namespace crm
