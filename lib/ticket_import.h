// `crm ticket import`: history from an old helpdesk's CSV export. Columns are
// the ticket's fields (or --map FIELD=COLUMN); only created is required; times
// in RFC 3339 or a strptime format; idempotent on ref. Each row is checked by
// the ticket schema's rules and named by its line.
#pragma once
#include <string>
#include <vector>

#include "clock.h"
#include "import.h"
#include "store.h"

namespace crm {

struct TicketImportOptions {
    std::vector<std::string> maps;  // FIELD=COLUMN
    std::string time_format;        // strptime format, or "" for RFC 3339
    std::string timezone;           // of the times, or "" for the store's
    bool skip_bad = false;
};
struct TicketImportResult {
    std::vector<std::string> ids;
    int present = 0;  // rows whose ref is already a ticket
};

// The zone of the imported times: --timezone, or the store's. Throws Failure(64) for a bad one.
Zone ticket_import_zone(const std::string& timezone, const Config& config);

TicketImportResult import_tickets(Writer& writer, const Store& store, ImportSource& src,
                                  const TicketImportOptions& options);

}  // namespace crm
