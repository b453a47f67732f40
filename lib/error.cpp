#include "error.h"

namespace crm {

std::string located(const std::string& file, int line, const std::string& field, const std::string& message) {
    std::string out = file;
    if (line > 0) out += ":" + std::to_string(line);
    if (!out.empty()) out += ": ";
    if (!field.empty()) out += field + ": ";
    return out + message;
}

void Problems::raise(int code) const {
    if (list_.empty()) return;
    std::string all;
    for (size_t i = 0; i < list_.size(); ++i) {
        if (i) all += "\n";
        all += list_[i];
    }
    throw Failure(code, all);
}

Problems& skipped_files() {
    static Problems skipped;
    return skipped;
}

}  // namespace crm
