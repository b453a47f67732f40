#include "ids.h"

#include <cstdlib>
#include <random>

namespace crm {

static const char kAlphabet[] = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

static void append_base32(std::string& out, uint64_t value, int chars) {
    for (int i = chars - 1; i >= 0; --i) out += kAlphabet[(value >> (5 * i)) & 31];
}

std::string new_id(char prefix, Time now) {
    // $CRM_TEST_SEED (tests only) makes the IDs a run generates repeatable.
    static std::mt19937_64 rng([now] {
        if (const char* seed = std::getenv("CRM_TEST_SEED")) return uint64_t(std::strtoull(seed, nullptr, 10));
        std::random_device device;
        return (uint64_t(device()) << 32) ^ device() ^ uint64_t(now);
    }());
    std::string id(1, prefix);
    id += '-';
    append_base32(id, uint64_t(now < 0 ? 0 : now), 7);
    append_base32(id, rng(), 5);
    return id;
}

std::string new_unique_id(char prefix, Time now, const std::function<bool(const std::string&)>& taken) {
    std::string id;
    do id = new_id(prefix, now);
    while (taken(id));
    return id;
}

std::string derived_id(char prefix, std::string_view content, std::string_view more) {
    uint64_t h = 1469598103934665603ULL;  // FNV-1a
    for (std::string_view part : {content, more})
        for (unsigned char c : part) {
            h ^= c;
            h *= 1099511628211ULL;
        }
    std::string id(1, prefix);
    id += '-';
    append_base32(id, h >> 4, 12);  // 60 bits in 12 characters
    append_base32(id, h & 15, 1);
    return id;
}

static bool in_alphabet(char c) {
    for (const char* p = kAlphabet; *p; ++p)
        if (*p == c) return true;
    return false;
}

bool is_generated_id(std::string_view id, char prefix) {
    if (id.size() < 3 || id[0] != prefix || id[1] != '-') return false;
    for (size_t i = 2; i < id.size(); ++i)
        if (!in_alphabet(id[i])) return false;
    return id.size() >= 10 && id.size() <= 20;
}

bool is_safe_id(std::string_view id) {
    if (id.empty() || id.size() > 64 || id[0] == '.') return false;
    for (char c : id) {
        bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' ||
                  c == '_' || c == '-';
        if (!ok) return false;
    }
    return true;
}

std::string normalise_id_arg(std::string_view arg, char prefix) {
    std::string id;
    for (char c : arg) id += (c >= 'a' && c <= 'z') ? char(c - 'a' + 'A') : c;
    if (id.size() < 2 || id[0] != prefix || id[1] != '-') id = std::string(1, prefix) + "-" + id;
    for (size_t i = 2; i < id.size(); ++i)
        if (!in_alphabet(id[i])) return "";
    return id;
}

}  // namespace crm
