#include "records.h"

#include "ids.h"
#include "text.h"

namespace crm {

std::string resolve_record_id(const Store& store, const std::string& arg, char prefix, const std::string& dir,
                              const std::string& noun,
                              const std::function<std::vector<std::pair<std::string, std::string>>()>& refs) {
    const std::string id = normalise_id_arg(arg, prefix);
    std::vector<std::string> matches;
    std::error_code ec;
    if (id.size() > 2) {
        if (fs::is_regular_file(store.path(dir + "/" + id + ".yaml"), ec)) return id;
        for (const auto& rel : store.list(dir, ".yaml")) {
            std::string name = rel.substr(dir.size() + 1, rel.size() - dir.size() - 6);
            if (starts_with(name, id)) matches.push_back(name);
        }
    }
    if (matches.size() > 1) throw Failure(kUsage, noun + " " + quote_value(arg) + " is ambiguous: " + join(matches, ", "));
    if (matches.size() == 1) return matches[0];
    // Not an ID: an external reference (ERP number, old helpdesk case) names a record too.
    if (!arg.empty() && valid_utf8(arg))
        for (const auto& [record, ref] : refs())
            if (ref == arg) matches.push_back(record);
    if (matches.size() > 1)
        throw Failure(kUsage, noun + " ref " + quote_value(arg) + " is ambiguous: " + join(matches, ", "));
    if (matches.empty()) throw Failure(kNoInput, noun + " " + quote_value(arg) + ": no " + noun + " with this ID or ref");
    return matches[0];
}

}  // namespace crm
