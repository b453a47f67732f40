#include "lead_import.h"

#include <algorithm>
#include <map>
#include <set>

#include "assign.h"
#include "customer.h"
#include "lead_view.h"
#include "text.h"

namespace crm {

std::vector<std::string> lead_changes(const Lead& before, const Lead& after, const Config& config) {
    std::vector<std::string> out = changed_columns(lead_table({before}, config, 0), lead_table({after}, config, 0),
                                                   {"id", "updated", "created", "followup_due"});
    if (before.history.size() != after.history.size()) out.push_back("history");
    if (before.log.size() != after.log.size()) out.push_back("log");
    return out;
}

std::vector<std::string> lead_import_columns() {
    std::vector<std::string> known = input_fields<Lead>();
    known.push_back("status");
    known.push_back("created");
    return known;
}

// One row as a new lead (problems go to p): its input fields, and the status
// and creation time of a lead brought over from another system.
static Lead read_lead_row(const ImportSource& src, const CsvRow& row, const Config& config, Time now, Problems& p) {
    Lead l;
    l.created = format_time(now, config.zone);
    for (size_t k = 0; k < src.table.header.size(); ++k) {
        const std::string& field = src.table.header[k];
        const std::string value = trim(row.fields[k]);
        if (field == "created") {
            if (value.empty()) continue;
            auto t = parse_time(value, config.zone);
            if (!t) p.add(src.table.name, row.line, field, quote_value(value) + " is not an RFC 3339 time or date");
            else l.created = format_time(*t, config.zone);
        } else if (field == "status") {
            if (value.empty()) continue;
            if (auto s = enum_named<LeadStatus>(value)) l.status = *s;
            else p.add(src.table.name, row.line, field, quote_value(value) + " is not one of " + join(enum_names<LeadStatus>(), ", "));
        } else if (std::string why = set_lead_field(l, field, value, config); !why.empty()) {
            p.add(src.table.name, row.line, field, why);
        }
    }
    return l;
}

LeadImportResult import_leads(Writer& writer, const Store& store, ImportSource& src, const LeadImportOptions& options) {
    const Config& config = store.config();
    const Time now = writer.now();
    auto leads = load_records<Lead>(store);
    std::map<std::string, size_t> stored_refs;  // ref -> its lead in leads
    for (size_t i = 0; i < leads.size(); ++i)
        if (!leads[i].ref.empty()) stored_refs.emplace(leads[i].ref, i);
    std::map<std::string, int> file_refs;  // ref -> its first line in this file
    ContactIndex contacts(leads, load_records<Customer>(store));
    std::vector<Lead> fresh;
    LeadImportResult out;
    validate_rows(src, options.skip_bad, [&](const CsvRow& row, Problems& p) {
        Lead l = read_lead_row(src, row, config, now, p);
        if (!p.empty()) return;
        if (!l.ref.empty()) {
            if (auto [it, first] = file_refs.emplace(l.ref, row.line); !first)
                return p.add(src.table.name, row.line, "ref",
                             quote_value(l.ref) + " appears twice (also line " + std::to_string(it->second) + ")");
            if (auto it = stored_refs.find(l.ref); it != stored_refs.end()) {
                // Already imported: the same row again is idempotent; different data is refused, never skipped.
                const Lead& stored = leads[it->second];
                Lead probe = stored;
                for (size_t k = 0; k < src.table.header.size(); ++k)
                    if (const std::string& f = src.table.header[k]; f != "created" && f != "status" && !trim(row.fields[k]).empty())
                        set_lead_field(probe, f, trim(row.fields[k]), config);
                const auto differ = lead_changes(stored, probe, config);
                if (differ.empty()) return void(++out.present);
                return p.add(src.table.name, row.line, "ref",
                             quote_value(l.ref) + " is lead " + stored.id + ", whose " + join(differ, ", ") +
                                 " differ from this row; change them with crm lead set " + stored.id);
            }
        }
        if (l.status == LeadStatus::kLost) p.add(src.table.name, row.line, "status", "a lost lead needs its reason: add it with crm lead status");
        if (std::string twin = options.allow_duplicate ? "" : contacts.find(l); !twin.empty())
            p.add(src.table.name, row.line, "", "likely duplicate of " + twin);
        if (!p.empty()) return;
        // Later rows are checked against this one; it has no ID yet, so it goes by its line.
        contacts.add(src.table.name + ":" + std::to_string(row.line), l.phone, l.email);
        l.updated = l.created;
        score_lead(l, config.leads);
        l.file = std::to_string(row.line);
        fresh.push_back(std::move(l));
    });
    RoundRobin rr = load_round_robin(store);
    const RoundRobin rr_before = rr;
    std::set<std::string> minted;
    for (auto& l : fresh) {
        if (options.auto_assign && l.owner.empty() && is_open(l)) l.owner = choose_owner(l, config, leads, rr).owner;
        l.id = mint_id<Lead>(store, now, &minted);
        leads.push_back(l);  // assignment counts see earlier rows
        save_record(writer, l);
        writer.audit(l.id, lead_changes(Lead{}, l, config));
        out.ids.push_back(l.id);
    }
    if (rr != rr_before) writer.put(kRoundRobinFile, round_robin_yaml(rr));
    return out;
}

}  // namespace crm
