#include "yaml_limits.h"

#include <yaml-cpp/eventhandler.h>
#include <yaml-cpp/mark.h>
#include <yaml-cpp/parser.h>
#include <yaml-cpp/yaml.h>

#include <sstream>
#include <unordered_set>
#include <vector>

#include "error.h"

namespace crm {

void check_line_lengths(const std::string& text, const std::string& file, int code) {
    int line = 1;
    for (size_t start = 0; start < text.size(); ++line) {
        size_t end = text.find('\n', start);
        if (end == std::string::npos) end = text.size();
        if (end - start > kMaxLineBytes)
            throw Failure(code, located(file, line, "", "line is " + std::to_string(end - start) +
                                                            " bytes long, more than crm reads (" +
                                                            std::to_string(kMaxLineBytes) + ")"));
        start = end + 1;
    }
}

namespace {

// One open mapping or sequence.
struct Frame {
    bool map = false;
    bool at_key = true;  // a map's next scalar is a key
    std::unordered_set<std::string> keys;
};

class ShapeCheck : public YAML::EventHandler {
public:
    ShapeCheck(const std::string& file, int code) : file_(file), code_(code) {}

    void OnDocumentStart(const YAML::Mark& mark) override {
        if (++documents_ > 1) fail(mark, "a second YAML document (crm reads one per file)");
    }
    void OnDocumentEnd() override {}
    void OnNull(const YAML::Mark& mark, YAML::anchor_t anchor) override { node(mark, "?", anchor, nullptr); }
    void OnAlias(const YAML::Mark& mark, YAML::anchor_t) override {
        fail(mark, "an alias (*name): crm reads no anchors or aliases");
    }
    void OnAnchor(const YAML::Mark& mark, const std::string&) override {
        fail(mark, "an anchor (&name): crm reads no anchors or aliases");
    }
    void OnScalar(const YAML::Mark& mark, const std::string& tag, YAML::anchor_t anchor,
                  const std::string& value) override {
        node(mark, tag, anchor, &value);
    }
    void OnSequenceStart(const YAML::Mark& mark, const std::string& tag, YAML::anchor_t anchor,
                         YAML::EmitterStyle::value) override {
        open(mark, tag, anchor, false);
    }
    void OnSequenceEnd() override { close(); }
    void OnMapStart(const YAML::Mark& mark, const std::string& tag, YAML::anchor_t anchor,
                    YAML::EmitterStyle::value) override {
        open(mark, tag, anchor, true);
    }
    void OnMapEnd() override { close(); }

    [[noreturn]] void fail(const YAML::Mark& mark, const std::string& why) const {
        throw Failure(code_, located(file_, mark.line >= 0 ? mark.line + 1 : 0, "", why));
    }

private:
    // Every node: no anchor or tag; as a key, text not seen before in its map.
    void node(const YAML::Mark& mark, const std::string& tag, YAML::anchor_t anchor, const std::string* scalar) {
        if (anchor != YAML::NullAnchor) fail(mark, "an anchor (&name): crm reads no anchors or aliases");
        if (tag != "?" && tag != "!" && !tag.empty()) fail(mark, "a tag (" + tag + "): crm reads untagged values only");
        if (stack_.empty() || !stack_.back().map) return;
        Frame& f = stack_.back();
        f.at_key = !f.at_key;
        if (f.at_key) return;  // that was a value
        if (!scalar) fail(mark, "a key must be text");
        if (*scalar == "<<" && tag == "?") fail(mark, "a merge key (<<): crm reads each key written out");
        if (f.keys.size() >= kMaxKeys)
            fail(mark, "more than " + std::to_string(kMaxKeys) + " keys in one mapping");
        if (!f.keys.insert(*scalar).second) fail(mark, "duplicate key \"" + *scalar + "\"");
    }
    void open(const YAML::Mark& mark, const std::string& tag, YAML::anchor_t anchor, bool map) {
        node(mark, tag, anchor, nullptr);
        if (stack_.size() >= size_t(kMaxDepth))
            fail(mark, "nested more than " + std::to_string(kMaxDepth) + " levels deep");
        stack_.push_back(Frame{map, true, {}});
    }
    void close() { stack_.pop_back(); }

    const std::string& file_;
    int code_;
    int documents_ = 0;
    std::vector<Frame> stack_;
};

}  // namespace

void check_yaml_shape(const std::string& text, const std::string& file, int code) {
    std::istringstream in(text);
    ShapeCheck check(file, code);
    try {
        YAML::Parser parser(in);
        while (parser.HandleNextDocument(check)) {
        }
    } catch (const YAML::Exception& e) {
        check.fail(e.mark, "YAML syntax: " + e.msg);
    }
}

}  // namespace crm
