// Crash-safe file replacement: temp file in .crm/tmp, fsync, rename over the
// target, fsync the directory. A killed process leaves the old file or the new
// one, never half of one; leftovers in .crm/tmp are swept by the next writer.
#pragma once
#include <filesystem>
#include <string>

namespace crm {

// Writes content to target atomically, creating parent directories.
// tmp_dir must be on the same file system (the store's .crm/tmp).
// durable = false skips the fsyncs: for derived caches, which are rebuilt when lost.
void write_file_atomic(const std::filesystem::path& target, const std::string& content,
                       const std::filesystem::path& tmp_dir, bool durable = true);

// Appends one block to a log file with O_APPEND and (when durable) fsyncs it.
void append_file(const std::filesystem::path& target, const std::string& content, bool durable = true);

void fsync_dir(const std::filesystem::path& dir);

// The pieces Writer stages with: a plain (unsynced) write of a new file, one
// syncfs() for all staged data, and rename.
void write_file(const std::filesystem::path& path, const std::string& content);
void sync_filesystem(const std::filesystem::path& any_path_on_it);
void rename_file(const std::filesystem::path& from, const std::filesystem::path& to);
void make_dirs(const std::filesystem::path& dir);

}  // namespace crm
