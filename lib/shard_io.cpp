#include "shard_io.h"

namespace crm {

std::vector<std::string> list_shards(const Store& store, const std::string& dir) {
    std::vector<std::string> out;
    std::error_code ec;
    for (auto it = fs::directory_iterator(store.path(dir), ec); !ec && it != fs::directory_iterator(); it.increment(ec)) {
        std::string year = it->path().filename().string();
        if (year.size() != 4 || !it->is_directory()) continue;
        for (const auto& rel : store.list(dir + "/" + year, ".yaml")) out.push_back(rel);
    }
    std::sort(out.begin(), out.end());
    return out;
}

std::string shard_path(const std::string& dir, const std::string& date_or_time) {
    if (date_or_time.size() < 7) return dir + "/undated.yaml";  // never a shard: list_shards reads YYYY/MM
    return dir + "/" + date_or_time.substr(0, 4) + "/" + date_or_time.substr(5, 2) + ".yaml";
}

}  // namespace crm
