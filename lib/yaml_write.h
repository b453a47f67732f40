// The canonical YAML writer. Every record goes through it, so the same record
// always yields the same bytes: fixed key order chosen by the caller, two-space
// indent, strings quoted only when a plain scalar would be misread.
#pragma once
#include <yaml-cpp/yaml.h>

#include <string>
#include <string_view>
#include <vector>

namespace crm {

// A string as a YAML scalar: plain when that reads back as the same string,
// otherwise double-quoted with escapes.
std::string yaml_string(std::string_view s);
// A scalar that is plain by nature (number, bool, date, time): written as is
// when safe, otherwise quoted.
std::string yaml_plain(std::string_view s);
// The same, appended to out (a million shard lines a night allocate nothing).
void append_yaml_string(std::string& out, std::string_view s);
void append_yaml_plain(std::string& out, std::string_view s);

class YamlWriter {
public:
    // Block mapping entries at the current depth. Empty strings are skipped,
    // so absent fields leave no line.
    void str(std::string_view key, std::string_view value);
    void plain(std::string_view key, std::string_view value);
    void flow_list(std::string_view key, const std::vector<std::string>& items);
    // A block list with one flow mapping per line ("  - {at: ..., to: won}"),
    // for histories; pairs hold already-rendered scalars, empty ones left out.
    void flow_items(std::string_view key, const std::vector<std::vector<std::pair<std::string, std::string>>>& items);
    void begin_map(std::string_view key);
    void end_map();
    // An arbitrary node kept from a hand-edited file (unknown keys).
    void node(std::string_view key, const YAML::Node& value);
    // Every key of map, in the order of the file it came from.
    void extra(const YAML::Node& map);
    const std::string& text() const { return out_; }

private:
    void key_line(std::string_view key);
    void write_node(const YAML::Node& n, int indent);
    void write_map(const YAML::Node& n, int indent, bool after_dash);
    std::string out_;
    int depth_ = 0;
};

// One flow mapping on one line, for high-volume sharded files and histories:
// {id: O-1, amount: "12.50"}. Pairs are (key, already-rendered scalar).
std::string yaml_flow_map(const std::vector<std::pair<std::string, std::string>>& pairs);

}  // namespace crm
