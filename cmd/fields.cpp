#include "fields.h"

#include "../lib/error.h"
#include "../lib/text.h"

namespace crm {

void add_field_flags(CLI::App* cmd, const std::vector<std::string>& fields, std::map<std::string, std::string>& out,
                     const std::string& what) {
    for (const auto& f : fields) {
        // An empty value is a slip (an unset shell variable), never "clear it" or 0:
        // `lead add --budget ""` once stored a budget of 0.
        cmd->add_option_function<std::string>(
            flag_name(f),
            [f, &out](const std::string& v) {
                if (trim(v).empty())
                    throw Failure(kUsage, flag_name(f) + ": is empty; leave the flag out to leave the field as it is");
                out[f] = v;
            },
            what + " " + f);
    }
}

std::string flag_name(const std::string& field) {
    std::string flag = "--" + field;
    for (auto& c : flag) if (c == '_') c = '-';
    return flag;
}

}  // namespace crm
