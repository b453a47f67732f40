#include "ticket_import.h"

#include <algorithm>
#include <map>
#include <optional>
#include <set>

#include "customer.h"
#include "text.h"
#include "ticket.h"

namespace crm {

namespace {

const std::vector<std::string> kImportFields = {"ref",   "customer", "subject", "type",           "priority", "channel",
                                                "group", "status",   "created", "first_response", "solved",   "closed"};

// field -> column: the field's own name, unless --map FIELD=COLUMN says otherwise.
std::map<std::string, int> mapped_columns(const ImportSource& src, const std::vector<std::string>& maps) {
    const std::string& shown = src.table.name;
    std::map<std::string, int> column;
    for (const auto& f : kImportFields) column[f] = src.col(f);
    for (const auto& m : maps) {
        size_t eq = m.find('=');
        std::string field = m.substr(0, eq);
        if (eq == std::string::npos || !column.count(field))
            throw Failure(kUsage, "--map: " + quote_value(m) + " is not FIELD=COLUMN with FIELD one of " + join(kImportFields, ","));
        int c = src.col(m.substr(eq + 1));
        if (c < 0) throw Failure(kDataErr, shown + ":1: " + m.substr(eq + 1) + ": no such column (from --map " + m + ")");
        column[field] = c;
    }
    if (column["created"] < 0) throw Failure(kDataErr, shown + ":1: created: required column is missing (or --map created=COLUMN)");
    return column;
}

// Reads one row into t; problems name the row's line.
class RowReader {
public:
    RowReader(const ImportSource& src, const CsvRow& row, const std::map<std::string, int>& column, Problems& p)
        : src_(src), row_(row), column_(column), p_(p) {}
    std::string get(const char* f) const { return trim(src_.table.get(row_, column_.at(f))); }
    void bad(const char* f, const std::string& why) const { p_.add(src_.table.name, row_.line, f, why); }
    // A value of an enum, case and spaces forgiven ("On hold" is on_hold); fallback when empty.
    void choice(const char* f, std::string& slot, const std::vector<std::string>& allowed, const std::string& fallback) const {
        slot = lower(get(f));
        for (auto& c : slot)
            if (c == ' ') c = '_';
        if (slot.empty()) slot = fallback;
        if (std::find(allowed.begin(), allowed.end(), slot) == allowed.end())
            bad(f, quote_value(get(f)) + " is not one of " + join(allowed, ", "));
    }
    template <class E>
    void choice(const char* f, E& slot, E fallback) const {
        std::string name;
        choice(f, name, enum_names<E>(), name_of(fallback));
        slot = enum_named<E>(name).value_or(fallback);
    }

private:
    const ImportSource& src_;
    const CsvRow& row_;
    const std::map<std::string, int>& column_;
    Problems& p_;
};

// The four times of a row: created is required, and none may come before it.
void read_times(const RowReader& in, Ticket& t, const TicketImportOptions& options, const Zone& zone,
                const Config& config, std::optional<Time> (&times)[4]) {
    const char* fields[4] = {"created", "first_response", "solved", "closed"};
    std::string* slots[4] = {&t.created, &t.first_response, &t.solved, &t.closed};
    for (int k = 0; k < 4; ++k) {
        std::string v = in.get(fields[k]);
        if (v.empty()) {
            if (k == 0) in.bad("created", "is required");
            continue;
        }
        times[k] = options.time_format.empty() ? parse_time(v, zone) : parse_time_format(v, options.time_format, zone);
        if (!times[k])
            in.bad(fields[k], quote_value(v) + " is not a time" +
                                  (options.time_format.empty() ? " (RFC 3339; --time-format for others)"
                                                               : " in --time-format " + options.time_format));
        else *slots[k] = format_time(*times[k], config.zone);
    }
    for (int k = 1; k < 4; ++k)
        if (times[0] && times[k] && *times[k] < *times[0]) in.bad(fields[k], *slots[k] + " is before created " + t.created);
}

}  // namespace

Zone ticket_import_zone(const std::string& timezone, const Config& config) {
    if (timezone.empty()) return config.zone;
    std::string why;
    auto z = Zone::parse(timezone, &why);
    if (!z) throw Failure(kUsage, "--timezone: " + quote_value(timezone) + " " + why);
    return *z;
}

TicketImportResult import_tickets(Writer& writer, const Store& store, ImportSource& src,
                                  const TicketImportOptions& options) {
    const Config& config = store.config();
    const Zone zone = ticket_import_zone(options.timezone, config);
    const std::map<std::string, int> column = mapped_columns(src, options.maps);
    std::set<std::string> refs;
    for (const auto& t : load_records<Ticket>(store))
        if (!t.ref.empty()) refs.insert(t.ref);
    Problems ignore;
    std::map<std::string, std::string> customer_by_key;
    for (const auto& c : load_records<Customer>(store, &ignore)) {
        customer_by_key[c.id] = c.id;
        if (!c.ref.empty()) customer_by_key.emplace(c.ref, c.id);
    }
    std::map<std::string, int> file_refs;
    std::vector<Ticket> fresh;
    TicketImportResult out;
    validate_rows(src, options.skip_bad, [&](const CsvRow& row, Problems& p) {
        const RowReader in(src, row, column, p);
        Ticket t;
        t.ref = in.get("ref");
        if (!t.ref.empty()) {
            if (refs.count(t.ref)) return void(++out.present);
            auto [pos, first] = file_refs.emplace(t.ref, row.line);
            if (!first) in.bad("ref", quote_value(t.ref) + " appears twice (also line " + std::to_string(pos->second) + ")");
        }
        std::optional<Time> times[4];
        read_times(in, t, options, zone, config, times);
        in.choice("type", t.type, enum_at("ticket", "type"), "other");
        in.choice("priority", t.priority, Priority::kMedium);
        in.choice("status", t.status,
                  times[3] ? TicketStatus::kClosed : times[2] ? TicketStatus::kSolved : TicketStatus::kOpen);
        if (t.status == TicketStatus::kClosed && t.solved.empty()) t.solved = t.closed;
        t.subject = in.get("subject");
        t.channel = in.get("channel");
        static const FieldInfo& channel = kind_of<Ticket>().field("channel");
        if (!t.channel.empty())
            if (std::string why = configured_value_problem(channel, t.channel, config); !why.empty()) in.bad("channel", why);
        t.group = in.get("group").empty() ? routed_group(config, t.type) : in.get("group");
        if (std::string c = in.get("customer"); !c.empty()) {
            auto it = customer_by_key.find(c);
            if (it == customer_by_key.end()) in.bad("customer", quote_value(c) + ": no customer with this ID or ref");
            else t.customer = it->second;
        }
        if (!p.empty()) return;
        t.id = "T-0000000000";  // checked as it will be written, by the ticket schema's rules
        t.updated = t.created;
        for (const auto& why : record_problems(t)) p.add(src.table.name, row.line, "", why);
        if (p.empty()) fresh.push_back(std::move(t));
    });
    std::set<std::string> minted;
    for (auto& t : fresh) {
        t.id = mint_id<Ticket>(store, writer.now(), &minted);
        t.updated = format_time(writer.now(), config.zone);
        save_record(writer, t);
        writer.audit(t.id, {"ref", "created", "status"});
        out.ids.push_back(t.id);
    }
    return out;
}

}  // namespace crm
