// Crash-safe file replacement: temp file in .crm/tmp, fsync, rename over the
// target, fsync the directory. A killed process leaves the old file or the new
// one, never half of one; leftovers in .crm/tmp are swept by the next writer.
#pragma once
#include <filesystem>
#include <string>

namespace crm {

// Throws Failure(73) when a part of rel below root (a folder or the file
// itself) is a symbolic link: crm never writes through one, since a store
// pulled from someone else can carry a link to ~/.bashrc. Call it before the
// first byte of a write; every file crm creates is also opened O_NOFOLLOW.
// Folders found plain are remembered for the process.
void refuse_links(const std::filesystem::path& root, const std::string& rel);

// Writes content to target atomically, creating parent directories.
// tmp_dir must be on the same file system (the store's .crm/tmp).
// durable = false skips the fsyncs: for derived caches, which are rebuilt when lost.
void write_file_atomic(const std::filesystem::path& target, const std::string& content,
                       const std::filesystem::path& tmp_dir, bool durable = true);

// Appends one block to a derived file (a cache) with O_APPEND, unsynced.
void append_file(const std::filesystem::path& target, const std::string& content, bool durable = true);

// The size of a log before a commit appends to it; -1 when it does not exist.
long long log_size(const std::filesystem::path& log);
// Makes text the log's bytes from offset at (its size before, from log_size)
// and fsyncs it: appends, or does nothing when they are there already, so a
// commit's appends can be redone after a crash. -1: the log did not exist.
void append_log(const std::filesystem::path& log, long long at, const std::string& text);
// Undoes append_log: cuts the log back to at, or removes it when at is -1.
void truncate_log(const std::filesystem::path& log, long long at);

// A test-only fault: with $CRM_TEST_FAIL_AT=N, the Nth durable write step of
// this process (a staged write, a sync, a rename, a log append) fails as a
// full disk would. Real failures take the same paths.
void io_step(const std::filesystem::path& path);

void fsync_dir(const std::filesystem::path& dir);

// The pieces Writer stages with: a plain (unsynced) write of a new file, one
// syncfs() for all staged data, and rename.
// New files get 0666 less the user's umask; mode, when not 0, is set instead
// (a rewrite keeps the permissions of the file it replaces).
void write_file(const std::filesystem::path& path, const std::string& content, unsigned mode = 0);
void sync_filesystem(const std::filesystem::path& any_path_on_it);
void rename_file(const std::filesystem::path& from, const std::filesystem::path& to);
// rename_file, doing nothing when from is not there (a journal applied again).
void rename_if_there(const std::filesystem::path& from, const std::filesystem::path& to);
void make_dirs(const std::filesystem::path& dir);

}  // namespace crm
