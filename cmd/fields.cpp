#include "fields.h"

namespace crm {

void add_field_flags(CLI::App* cmd, const std::vector<std::string>& fields, std::map<std::string, std::string>& out,
                     const std::string& what) {
    for (const auto& f : fields) {
        std::string flag = "--" + f;
        for (auto& c : flag) if (c == '_') c = '-';
        cmd->add_option_function<std::string>(flag, [f, &out](const std::string& v) { out[f] = v; }, what + " " + f);
    }
}

std::string flag_name(const std::string& field) {
    std::string flag = "--" + field;
    for (auto& c : flag) if (c == '_') c = '-';
    return flag;
}

}  // namespace crm
