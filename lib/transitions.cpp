#include "transitions.h"

#include "text.h"
#include "yaml_read.h"

namespace crm {

std::string transitions_path(Date night) {
    const std::string day = format_date(night);
    return "transitions/" + day.substr(0, 4) + "/" + day.substr(5, 2) + ".csv";
}

std::string transitions_text(const std::vector<Transition>& list, bool new_file) {
    std::string text = new_file ? "date,customer,field,from,to\n" : "";
    for (const auto& t : list)
        text += format_date(t.date) + "," + t.customer + "," + t.field + "," + t.from + "," + t.to + "\n";
    return text;
}

std::vector<Transition> read_transitions(const Store& store, Date last) {
    std::vector<Transition> out;
    std::vector<std::string> files;
    std::error_code ec;
    for (auto it = fs::directory_iterator(store.path("transitions"), ec); !ec && it != fs::directory_iterator();
         it.increment(ec))
        for (auto& rel : store.list("transitions/" + it->path().filename().string(), ".csv")) files.push_back(rel);
    std::sort(files.begin(), files.end());
    for (const auto& rel : files)
        for (const auto& line : split(read_file(store.path(rel).string()), '\n')) {
            auto cells = split(line, ',');
            const auto day = cells.size() == 5 ? parse_date(cells[0]) : std::nullopt;
            if (day && *day <= last) out.push_back({*day, cells[1], cells[2], cells[3], cells[4]});
        }
    return out;
}

}  // namespace crm
