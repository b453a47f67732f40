#include "yaml_read.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <vector>

#include "error.h"
#include "text.h"
#include "yaml_limits.h"
#include "yaml_write.h"

namespace crm {

static int line_of_offset(const std::string& text, size_t offset) {
    int line = 1;
    for (size_t i = 0; i < offset && i < text.size(); ++i)
        if (text[i] == '\n') ++line;
    return line;
}

YAML::Node parse_yaml(const std::string& text, const std::string& file, int code) {
    if (!valid_utf8(text)) {
        size_t bad = 0;
        // Find the first offending line for the message.
        for (size_t start = 0; start < text.size();) {
            size_t end = text.find('\n', start);
            if (end == std::string::npos) end = text.size();
            if (!valid_utf8(std::string_view(text).substr(start, end - start))) { bad = start; break; }
            start = end + 1;
        }
        throw Failure(code, located(file, line_of_offset(text, bad), "", "invalid UTF-8"));
    }
    if (text.find('\0') != std::string::npos)
        throw Failure(code, located(file, line_of_offset(text, text.find('\0')), "", "binary data (NUL byte)"));
    check_line_lengths(text, file, code);
    check_yaml_shape(text, file, code);
    try {
        return YAML::Load(text);
    } catch (const YAML::Exception& e) {
        throw Failure(code, located(file, e.mark.line >= 0 ? e.mark.line + 1 : 0, "", "YAML syntax: " + e.msg));
    }
}

std::string read_file(const std::string& path) {
    int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NOFOLLOW);
    if (fd < 0 && errno == ELOOP)
        throw Failure(kCantCreate, path + ": is a symbolic link; crm does not read or write through links in a store "
                                          "(a store can carry one from elsewhere): replace it with the file itself");
    if (fd < 0) throw Failure(kNoInput, path + ": cannot open");
    struct stat st {};
    // Read straight into the string, sized by fstat, growing if the file does.
    std::string out(::fstat(fd, &st) == 0 && st.st_size > 0 ? size_t(st.st_size) + 1 : 4096, '\0');
    size_t used = 0;
    for (;;) {
        if (used == out.size()) out.resize(out.size() * 2);
        ssize_t n = ::read(fd, out.data() + used, out.size() - used);
        if (n < 0 && errno == EINTR) continue;
        if (n < 0) {
            ::close(fd);
            throw Failure(kNoInput, path + ": cannot read");
        }
        if (n == 0) break;
        used += size_t(n);
    }
    ::close(fd);
    out.resize(used);
    return out;
}

YAML::Node load_yaml_file(const std::string& path, const std::string& shown, int code) {
    return parse_yaml(read_file(path), shown, code);
}

bool read_simple_scalar(std::string_view text, size_t& i, std::string_view end, std::string& value, bool& quoted) {
    value.clear();
    quoted = i < text.size() && text[i] == '"';
    if (quoted) {
        for (++i;;) {
            if (i >= text.size()) return false;
            char c = text[i++];
            if (c == '"') return true;
            if (static_cast<unsigned char>(c) < 0x20) return false;
            if (c != '\\') { value += c; continue; }
            if (i >= text.size()) return false;
            switch (text[i++]) {
                case 'n': value += '\n'; break;
                case 't': value += '\t'; break;
                case 'r': value += '\r'; break;
                case '"': value += '"'; break;
                case '\\': value += '\\'; break;
                case 'x': {  // the writer's escape for control bytes
                    auto hex = [](char h) { return h >= '0' && h <= '9' ? h - '0' : h >= 'a' && h <= 'f' ? h - 'a' + 10 : -1; };
                    if (i + 2 > text.size() || hex(text[i]) < 0 || hex(text[i + 1]) < 0) return false;
                    value += char(hex(text[i]) * 16 + hex(text[i + 1]));
                    i += 2;
                    break;
                }
                default: return false;  // \u and friends: leave to yaml-cpp
            }
        }
    }
    size_t stop = end.empty() ? text.size() : text.find(end, i);
    if (stop == std::string_view::npos) stop = text.size();
    std::string_view plain = text.substr(i, stop - i);
    if (plain.empty() || plain.back() == ' ' || plain.back() == ':') return false;
    static const std::string_view bad_first = "-?:,[]{}#&*!|>'\"%@`~ ";
    if (bad_first.find(plain.front()) != std::string_view::npos) return false;
    if (plain.find(": ") != std::string_view::npos || plain.find(" #") != std::string_view::npos) return false;
    for (char c : plain) {
        if (static_cast<unsigned char>(c) < 0x20 || c == 0x7F) return false;
        if (!end.empty() && (c == ',' || c == '[' || c == ']' || c == '{' || c == '}')) return false;
    }
    if (plain == "null" || plain == "Null" || plain == "NULL") return false;
    value.assign(plain);
    i = stop;
    return true;
}

// The keys of one mapping being read, to refuse a repeated one. (Asking the
// node converts every key it holds to a string: quadratic, and slow.)
struct SeenKeys {
    std::vector<std::string> keys;
    bool add(const std::string& key) {
        if (keys.size() >= kMaxKeys) return false;  // yaml-cpp's reading says so
        if (std::find(keys.begin(), keys.end(), key) != keys.end()) return false;
        keys.push_back(key);
        return true;
    }
};

static YAML::Node scalar_node(const std::string& value, bool quoted) {
    YAML::Node n(value);
    n.SetTag(quoted ? "!" : "?");
    return n;
}

// Reads "[a, "b, c"]" or "{k: v, k: "v"}" (one level, scalars only) from text.
static bool parse_flow(std::string_view text, YAML::Node& out) {
    if (text.size() < 2) return false;
    const bool map = text.front() == '{';
    if ((map && text.back() != '}') || (!map && (text.front() != '[' || text.back() != ']'))) return false;
    std::string_view body = text.substr(1, text.size() - 2);
    out = YAML::Node(map ? YAML::NodeType::Map : YAML::NodeType::Sequence);
    std::string value;
    bool quoted;
    SeenKeys seen;
    for (size_t i = 0; i < body.size();) {
        std::string key;
        if (map) {
            size_t colon = body.find(": ", i);
            if (colon == std::string_view::npos) return false;
            key = std::string(body.substr(i, colon - i));
            if (!is_plain_key(key)) return false;
            if (!seen.add(key)) return false;
            i = colon + 2;
        }
        if (!read_simple_scalar(body, i, ", ", value, quoted)) return false;
        if (map) out.force_insert(key, scalar_node(value, quoted));  // no search: seen has the keys
        else out.push_back(scalar_node(value, quoted));
        if (i < body.size()) {
            if (body.substr(i, 2) != ", ") return false;
            i += 2;
        }
    }
    return true;
}

bool parse_flow_pairs(std::string_view line, std::vector<FlowPair>& out) {
    // The pairs of the last line are reused, their strings' room with them:
    // a shard of fifty thousand lines allocates for its first line only.
    size_t n = 0;
    auto done = [&](bool ok) {
        out.resize(n);
        return ok;
    };
    while (!line.empty() && line.back() == ' ') line.remove_suffix(1);
    if (line.size() < 4 || line.substr(0, 3) != "- {" || line.back() != '}') return done(false);
    const std::string_view body = line.substr(3, line.size() - 4);
    for (size_t i = 0; i < body.size();) {
        const size_t colon = body.find(": ", i);
        if (colon == std::string_view::npos) return done(false);
        if (n == out.size()) out.emplace_back();
        FlowPair& p = out[n++];
        p.key.assign(body.substr(i, colon - i));
        if (!is_plain_key(p.key)) return done(false);
        for (size_t j = 0; j + 1 < n; ++j)
            if (out[j].key == p.key) return done(false);  // a duplicate key: yaml-cpp's guard names it
        i = colon + 2;
        if (!read_simple_scalar(body, i, ", ", p.value, p.quoted)) return done(false);
        if (i < body.size()) {
            if (body.substr(i, 2) != ", ") return done(false);
            i += 2;
        }
    }
    return done(true);
}

YAML::Node flow_pairs_node(const std::vector<FlowPair>& pairs) {
    YAML::Node out(YAML::NodeType::Map);
    for (const auto& p : pairs) out.force_insert(p.key, scalar_node(p.value, p.quoted));
    return out;
}

bool is_plain_key(std::string_view key) {
    for (char c : key)
        if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_')) return false;
    return true;
}

// One indented line under a "key:" line: "- {flow map}" (block becomes a list)
// or "key: scalar" (block becomes a map). False for anything else.
static bool read_block_line(std::string_view line, YAML::Node& block, SeenKeys& seen) {
    const bool fresh = !block || block.IsNull();
    std::string value;
    bool quoted;
    if (line.substr(0, 2) == "- ") {
        if (!fresh && !block.IsSequence()) return false;
        if (fresh) block = YAML::Node(YAML::NodeType::Sequence);
        YAML::Node item;
        if (!parse_flow(line.substr(2), item) || !item.IsMap()) return false;
        block.push_back(item);
        return true;
    }
    size_t colon = line.find(": ");
    if (colon == std::string_view::npos || colon == 0) return false;
    if (fresh) block = YAML::Node(YAML::NodeType::Map);
    if (!block.IsMap()) return false;
    std::string key(line.substr(0, colon));
    size_t i = colon + 2;
    // Only a key the writer leaves plain reads as itself; a quoted one is yaml-cpp's.
    if (yaml_string(key) != key) return false;
    if (!seen.add(key) || !read_simple_scalar(line, i, "", value, quoted) || i != line.size()) return false;
    block.force_insert(key, scalar_node(value, quoted));
    return true;
}

// The value of a top-level "key: value" line: a flow list or a scalar.
static bool read_value(std::string_view text, const std::string& key, YAML::Node& out) {
    if (text.substr(0, 1) == "[") {
        YAML::Node list;
        if (!parse_flow(text, list)) return false;
        out.force_insert(key, list);
        return true;
    }
    std::string value;
    bool quoted;
    size_t i = 0;
    if (!read_simple_scalar(text, i, "", value, quoted) || i != text.size()) return false;
    out.force_insert(key, scalar_node(value, quoted));
    return true;
}

bool parse_canonical(std::string_view text, YAML::Node& out) {
    out = YAML::Node(YAML::NodeType::Map);
    YAML::Node block;         // the map or list under a "key:" line
    std::string block_key;
    SeenKeys seen, block_seen;  // nodes are filled with force_insert: these refuse repeats
    for (size_t start = 0; start < text.size();) {
        size_t end = text.find('\n', start);
        if (end == std::string_view::npos) end = text.size();
        std::string_view line = text.substr(start, end - start);
        start = end + 1;
        if (line.substr(0, 2) == "  ") {
            if (block_key.empty()) return false;
            line.remove_prefix(2);
            if (!read_block_line(line, block, block_seen)) return false;
            continue;
        }
        if (!block_key.empty()) {
            if (!block || block.IsNull()) return false;
            out.force_insert(block_key, block);
            block_key.clear();
        }
        size_t colon = line.find(':');
        if (colon == std::string_view::npos || colon == 0) return false;
        std::string key(line.substr(0, colon));
        if (!is_plain_key(key) || !seen.add(key)) return false;
        if (colon + 1 == line.size()) {
            block_key = key;
            block = YAML::Node();
            block_seen = SeenKeys();
            continue;
        }
        if (line.substr(colon, 2) != ": " || !read_value(line.substr(colon + 2), key, out)) return false;
    }
    if (!block_key.empty()) {
        if (!block || block.IsNull()) return false;
        out.force_insert(block_key, block);
    }
    return true;
}

YAML::Node parse_record(const std::string& text, const std::string& file, int code, bool* fast) {
    if (text.size() > kMaxRecordBytes)
        throw Failure(code, located(file, 1, "", "the file is " + std::to_string(text.size()) +
                                                     " bytes, more than a record may be (" +
                                                     std::to_string(kMaxRecordBytes) + ")"));
    check_line_lengths(text, file, code);
    YAML::Node node;
    bool ok = valid_utf8(text) && text.find('\0') == std::string::npos && parse_canonical(text, node);
    if (fast) *fast = ok;
    return ok ? node : parse_yaml(text, file, code);
}

int line_of(const YAML::Node& n) {
    if (!n) return 0;
    int line = n.Mark().line;
    return line >= 0 ? line + 1 : 0;
}

}  // namespace crm
