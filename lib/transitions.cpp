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
    // Cut by hand, not split(): a year of nights is a few hundred thousand lines.
    for (const auto& rel : files) {
        const std::string text = read_file(store.path(rel).string());
        for (size_t start = 0; start < text.size();) {
            size_t end = text.find('\n', start);
            if (end == std::string::npos) end = text.size();
            const std::string_view line(text.data() + start, end - start);
            start = end + 1;
            std::string_view cells[5];
            size_t n = 0, from = 0;
            for (size_t comma; n < 5 && (comma = line.find(',', from)) != std::string_view::npos; from = comma + 1)
                cells[n++] = line.substr(from, comma - from);
            if (n != 4) continue;  // not date,customer,field,from,to (five cells)
            cells[4] = line.substr(from);
            const auto day = parse_date(cells[0]);
            if (day && *day <= last)
                out.push_back({*day, std::string(cells[1]), std::string(cells[2]), std::string(cells[3]), std::string(cells[4])});
        }
    }
    return out;
}

}  // namespace crm
