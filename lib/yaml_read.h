// Loading YAML files with errors that name the file and line.
#pragma once
#include <yaml-cpp/yaml.h>

#include <array>
#include <string>
#include <string_view>
#include <vector>

namespace crm {

// Parses text (named file in messages) into a node. Throws Failure(code) with
// "file:line: message" on invalid UTF-8 or a YAML syntax error.
YAML::Node parse_yaml(const std::string& text, const std::string& file, int code);
YAML::Node load_yaml_file(const std::string& path, const std::string& shown_name, int code);

// 1-based line of a node, 0 when unknown.
int line_of(const YAML::Node& n);

// The scalar values of keys in a mapping ("" for an absent or non-scalar one),
// read in one pass: looking keys up one by one compares every key each time.
template <size_t N>
std::array<std::string, N> scalars_of(const YAML::Node& map, const std::array<const char*, N>& keys) {
    std::array<std::string, N> out;
    for (const auto& kv : map)
        for (size_t i = 0; i < N; ++i)
            if (kv.first.Scalar() == keys[i] && kv.second.IsScalar()) out[i] = kv.second.Scalar();
    return out;
}

// For the strict readers of canonical files: reads the scalar at text[i], a
// double-quoted string (escapes \" \\ \n \t \r \xNN) or a plain one running to
// `end` ("" = end of text). Moves i past it. Returns false for anything a
// canonical writer would not emit (the caller then falls back to yaml-cpp).
bool read_simple_scalar(std::string_view text, size_t& i, std::string_view end, std::string& value, bool& quoted);

// The strict reader of one line of a shard, "- {k: v, k: "v"}": its pairs of
// scalars, in order. False for anything else (a duplicate key included).
struct FlowPair {
    std::string key, value;
    bool quoted = false;
};
bool parse_flow_pairs(std::string_view line, std::vector<FlowPair>& out);
// The mapping yaml-cpp would read from such pairs (quoted scalars tagged "!").
YAML::Node flow_pairs_node(const std::vector<FlowPair>& pairs);

// True for a key crm writes: [a-z0-9_]+ (anything else is left to yaml-cpp).
bool is_plain_key(std::string_view key);

// The strict reader of the block form YamlWriter writes: "key: scalar",
// "key: [a, b]", "key:" with an indented map of scalars or a list of one-line
// flow maps. Builds the same node yaml-cpp would (quoted scalars tagged "!"),
// without line marks. Returns false for anything else.
bool parse_canonical(std::string_view text, YAML::Node& out);

// parse_canonical when it can, else yaml-cpp (parse_yaml). Nodes from the
// strict reader carry no lines, so a caller that finds problems should
// re-read with parse_yaml for messages that name them.
YAML::Node parse_record(const std::string& text, const std::string& file, int code, bool* fast);

// Reads a whole file; throws Failure(66) when it cannot, Failure(73) when it
// is a symbolic link (the files crm reads are the store's own).
std::string read_file(const std::string& path);

}  // namespace crm
