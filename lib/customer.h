// Customers: one YAML file each, customers/C-<id>.yaml.
#pragma once
#include <yaml-cpp/yaml.h>

#include <string>
#include <vector>

#include "config.h"
#include "error.h"
#include "store.h"

namespace crm {

struct Customer {
    std::string id, ref, kind, name, phone, email, wechat, region, industry, source, owner, credit_code, birthday;
    std::vector<std::string> tags;
    std::string lead;  // the lead this customer was converted from
    std::string created, updated;
    // The nightly job's stored classification (rfm: in the file).
    std::string segment, lifecycle, tier;
    bool high_value = false;
    YAML::Node extra;  // keys crm does not know, kept in file order
    std::string file;  // store-relative path, for messages
};

// The fields a user may give on add/set/import, in canonical order.
const std::vector<std::string>& customer_input_fields();

// Sets one user-facing field from text, normalising contact data. Returns an
// error message ("is not a phone number ...") or "" on success. An empty value
// clears the field (name excepted).
std::string set_customer_field(Customer& c, const std::string& field, const std::string& value, const Config& config);

// Canonical YAML bytes for the record.
std::string customer_yaml(const Customer& c);

// Builds a customer from a parsed file; schema problems are added to problems.
Customer customer_from_yaml(const YAML::Node& root, const std::string& file, Problems& problems);

// Reads a customer file's text: a strict reader for the canonical form, yaml-cpp
// for anything else; both give the same record and problems. fast (optional)
// tells which one read it. Throws Failure(65) on a YAML syntax error.
Customer read_customer_text(const std::string& text, const std::string& file, Problems& problems, bool* fast);

std::string customer_path(const std::string& id);

// Reads one customer file; throws Failure(65) listing its problems.
Customer load_customer(const Store& store, const std::string& id);
// Reads every customer. Files with problems go to problems (or throw 65 when null).
std::vector<Customer> load_customers(const Store& store, Problems* problems = nullptr);

// Turns a full or unambiguous partial ID, or else an exact ref, into the
// customer's ID. Throws Failure(66) when none matches, Failure(64) when several do.
std::string resolve_customer_id(const Store& store, const std::string& arg);

// Writes c when its bytes differ from what is stored; returns whether it did.
bool save_customer(Writer& writer, const Customer& c);

}  // namespace crm
