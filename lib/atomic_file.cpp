#include "atomic_file.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <set>

#include "error.h"

namespace crm {

namespace fs = std::filesystem;

void io_step(const fs::path& path) {
    static const long fail_at = [] {
        const char* env = std::getenv("CRM_TEST_FAIL_AT");
        return env ? std::atol(env) : 0L;
    }();
    static long steps = 0;
    if (fail_at > 0 && ++steps == fail_at)
        throw Failure(kIoErr, path.string() + ": write failed: " + std::strerror(ENOSPC) + " (CRM_TEST_FAIL_AT)");
}

static void write_all(int fd, const std::string& content, const fs::path& shown) {
    size_t done = 0;
    while (done < content.size()) {
        ssize_t n = ::write(fd, content.data() + done, content.size() - done);
        if (n < 0) {
            if (errno == EINTR) continue;
            throw Failure(kIoErr, shown.string() + ": write failed: " + std::strerror(errno));
        }
        done += size_t(n);
    }
}

void fsync_dir(const fs::path& dir) {
    int fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY);
    if (fd < 0) return;
    ::fsync(fd);
    ::close(fd);
}

// Each directory it creates is made durable in its parent, so that a file
// renamed into a new month's folder survives a power cut with its folder.
void make_dirs(const fs::path& dir) {
    std::error_code ec;
    if (dir.empty() || fs::is_directory(dir, ec)) return;
    make_dirs(dir.parent_path());
    fs::create_directory(dir, ec);
    if (ec && !fs::is_directory(dir)) throw Failure(kCantCreate, dir.string() + ": cannot create directory: " + ec.message());
    fsync_dir(dir.parent_path().empty() ? fs::path(".") : dir.parent_path());
}

void write_file(const fs::path& path, const std::string& content, unsigned mode) {
    io_step(path);
    make_dirs(path.parent_path());
    int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC | O_NOFOLLOW, 0666);
    if (fd < 0) throw Failure(kCantCreate, path.string() + ": cannot create: " + std::strerror(errno));
    try {
        if (mode && ::fchmod(fd, mode_t(mode)) != 0)
            throw Failure(kIoErr, path.string() + ": cannot set its mode: " + std::strerror(errno));
        write_all(fd, content, path);
    } catch (...) {
        ::close(fd);
        throw;
    }
    if (::close(fd) != 0) throw Failure(kIoErr, path.string() + ": close failed: " + std::strerror(errno));
}

void sync_filesystem(const fs::path& p) {
    io_step(p);
    int fd = ::open(p.c_str(), O_RDONLY | O_DIRECTORY);
    if (fd < 0) throw Failure(kIoErr, p.string() + ": cannot open: " + std::strerror(errno));
    int rc = ::syncfs(fd);
    int err = errno;
    ::close(fd);
    if (rc != 0) throw Failure(kIoErr, p.string() + ": syncfs failed: " + std::strerror(err));
}

void rename_file(const fs::path& from, const fs::path& to) {
    io_step(to);
    if (::rename(from.c_str(), to.c_str()) != 0)
        throw Failure(kIoErr, to.string() + ": rename failed: " + std::strerror(errno));
}

void rename_if_there(const fs::path& from, const fs::path& to) {
    io_step(to);
    if (::rename(from.c_str(), to.c_str()) != 0 && errno != ENOENT)
        throw Failure(kIoErr, to.string() + ": rename failed: " + std::strerror(errno));
}

void refuse_links(const fs::path& root, const std::string& rel) {
    static std::set<std::string> plain_dirs;  // "root\0dir" already checked
    const fs::path relp(rel);
    fs::path at = root, part;
    for (auto it = relp.begin(); it != relp.end(); ++it) {
        at /= *it;
        part /= *it;
        const bool last = std::next(it) == relp.end();
        const std::string key = root.string() + '\0' + part.string();
        if (!last && plain_dirs.count(key)) continue;
        struct stat st;
        if (::lstat(at.c_str(), &st) != 0) return;  // not there yet: crm creates the rest
        if (S_ISLNK(st.st_mode))
            throw Failure(kCantCreate, part.string() + ": is a symbolic link; crm does not write through links "
                                                       "(a store can carry one from elsewhere): replace it with "
                                                       "the " + std::string(last ? "file" : "folder") + " itself");
        if (!last) plain_dirs.insert(key);
    }
}

void write_file_atomic(const fs::path& target, const std::string& content, const fs::path& tmp_dir, bool durable) {
    static std::atomic<int> counter{0};
    if (durable) io_step(target);
    make_dirs(target.parent_path());
    make_dirs(tmp_dir);
    fs::path tmp = tmp_dir / (target.filename().string() + "." + std::to_string(::getpid()) + "." +
                              std::to_string(counter++) + ".tmp");
    int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC | O_NOFOLLOW, 0666);
    if (fd < 0) throw Failure(kCantCreate, tmp.string() + ": cannot create: " + std::strerror(errno));
    try {
        write_all(fd, content, target);
        if (durable && ::fsync(fd) != 0) throw Failure(kIoErr, target.string() + ": fsync failed: " + std::strerror(errno));
    } catch (...) {
        ::close(fd);
        ::unlink(tmp.c_str());
        throw;
    }
    ::close(fd);
    if (::rename(tmp.c_str(), target.c_str()) != 0) {
        int err = errno;
        ::unlink(tmp.c_str());
        throw Failure(kIoErr, target.string() + ": rename failed: " + std::strerror(err));
    }
    if (durable) fsync_dir(target.parent_path());
}

void append_file(const fs::path& target, const std::string& content, bool durable) {
    make_dirs(target.parent_path());
    int fd = ::open(target.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC | O_NOFOLLOW, 0666);
    if (fd < 0) throw Failure(kCantCreate, target.string() + ": cannot open for append: " + std::strerror(errno));
    try {
        write_all(fd, content, target);
        if (durable) ::fsync(fd);
    } catch (...) {
        ::close(fd);
        throw;
    }
    ::close(fd);
}

long long log_size(const fs::path& log) {
    struct stat st;
    if (::lstat(log.c_str(), &st) != 0) return -1;
    return S_ISREG(st.st_mode) ? (long long)st.st_size : 0;
}

void append_log(const fs::path& log, long long at, const std::string& text) {
    io_step(log);
    make_dirs(log.parent_path());
    int fd = ::open(log.c_str(), O_RDWR | O_CREAT | O_APPEND | O_CLOEXEC | O_NOFOLLOW, 0666);
    if (fd < 0) throw Failure(kCantCreate, log.string() + ": cannot open for append: " + std::strerror(errno));
    try {
        struct stat st;
        const off_t from = at < 0 ? 0 : off_t(at);
        if (::fstat(fd, &st) == 0 && S_ISREG(st.st_mode) && st.st_size >= from + off_t(text.size())) {
            std::string there(text.size(), '\0');
            if (::pread(fd, there.data(), there.size(), from) == ssize_t(there.size()) && there == text) {
                ::close(fd);
                return;  // appended before a crash
            }
        }
        if (S_ISREG(st.st_mode) && st.st_size > from && ::ftruncate(fd, from) != 0)
            throw Failure(kIoErr, log.string() + ": cannot truncate: " + std::strerror(errno));
        write_all(fd, text, log);
        if (::fsync(fd) != 0) throw Failure(kIoErr, log.string() + ": fsync failed: " + std::strerror(errno));
    } catch (...) {
        ::close(fd);
        throw;
    }
    ::close(fd);
    if (at < 0) fsync_dir(log.parent_path());
}

void truncate_log(const fs::path& log, long long at) {
    struct stat st;
    if (::lstat(log.c_str(), &st) != 0 || !S_ISREG(st.st_mode)) return;  // absent, or /dev/full: nothing was written
    if (at < 0) {
        if (::unlink(log.c_str()) != 0) throw Failure(kIoErr, log.string() + ": cannot remove: " + std::strerror(errno));
        fsync_dir(log.parent_path());
        return;
    }
    if (st.st_size <= at) return;
    int fd = ::open(log.c_str(), O_WRONLY | O_CLOEXEC | O_NOFOLLOW);
    const bool ok = fd >= 0 && ::ftruncate(fd, off_t(at)) == 0 && ::fsync(fd) == 0;
    const int err = errno;
    if (fd >= 0) ::close(fd);
    if (!ok) throw Failure(kIoErr, log.string() + ": cannot truncate: " + std::strerror(err));
}

}  // namespace crm
