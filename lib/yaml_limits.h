// What crm reads of YAML, bounded: a file pulled from someone else cannot make
// crm expand aliases without end, hold a document nested without end, or
// search a mapping of a hundred thousand keys. And only what crm can read
// completely: a file with anything it would drop on the next write (a second
// document, a duplicate key, a tag, a merge key) is refused, never read in part.
#pragma once
#include <cstddef>
#include <string>

namespace crm {

inline constexpr size_t kMaxRecordBytes = size_t(8) << 20;  // one record file
inline constexpr size_t kMaxLineBytes = size_t(1) << 20;    // any line: a 100,000-byte description, escaped
inline constexpr int kMaxDepth = 16;                        // records nest 3 deep
inline constexpr size_t kMaxKeys = 1000;                    // keys in one mapping

// Throws Failure(code, "file:line: ...") for a line longer than kMaxLineBytes.
void check_line_lengths(const std::string& text, const std::string& file, int code);

// Walks text's YAML events (no tree is built, no alias expanded) and throws
// Failure(code, "file:line: ...") at the first anchor, alias, explicit tag,
// merge key, duplicate or non-text key, mapping of more than kMaxKeys keys,
// nesting deeper than kMaxDepth, second document or syntax error.
void check_yaml_shape(const std::string& text, const std::string& file, int code);

}  // namespace crm
