#include "lock.h"

#include <fcntl.h>
#include <signal.h>
#include <sys/time.h>
#include <sys/file.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstdlib>
#include <cstring>
#include <thread>

#include "error.h"

namespace crm {

double lock_timeout() {
    const char* env = std::getenv("CRM_LOCK_TIMEOUT");
    return env && *env ? std::atof(env) : 60;
}

StoreLock::StoreLock(const std::filesystem::path& crm_dir, bool wait) {
    std::error_code ec;
    std::filesystem::create_directories(crm_dir, ec);
    auto path = crm_dir / "LOCK";
    fd_ = ::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0660);
    if (fd_ < 0) {
        if (!wait) return;
        throw Failure(kCantCreate, path.string() + ": cannot open lock file: " + std::strerror(errno));
    }
    auto deadline = std::chrono::steady_clock::now() + std::chrono::duration<double>(lock_timeout());
    auto pause = std::chrono::milliseconds(2);
    while (::flock(fd_, LOCK_EX | LOCK_NB) != 0) {
        const int err = errno;
        if (!wait || (err != EWOULDBLOCK && err != EINTR)) {
            ::close(fd_);
            fd_ = -1;
            if (!wait) return;
            throw Failure(kIoErr, path.string() + ": cannot lock: " + std::strerror(err));
        }
        if (std::chrono::steady_clock::now() >= deadline) {
            ::close(fd_);
            fd_ = -1;
            throw Failure(kTempFail, "store is locked by another crm process (" + path.string() + "); try again later");
        }
        std::this_thread::sleep_for(pause);
        if (pause < std::chrono::milliseconds(50)) pause *= 2;
    }
}

StoreLock::~StoreLock() {
    if (fd_ >= 0) ::close(fd_);  // closing releases the flock
}

ApplyLock::ApplyLock(const std::filesystem::path& crm_dir) : path_(crm_dir / "APPLY") {
    std::error_code ec;
    std::filesystem::create_directories(crm_dir, ec);
    fd_ = ::open(path_.c_str(), O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0660);
    if (fd_ < 0) fd_ = ::open(path_.c_str(), O_RDONLY | O_CLOEXEC | O_NOFOLLOW);  // flock needs no write access
}

ApplyLock::~ApplyLock() {
    if (fd_ >= 0) ::close(fd_);
}

// A blocking flock (the kernel wakes the waiter as soon as it can be granted,
// where polling could miss the moment between two readers) that gives up
// after the lock timeout: a repeating timer interrupts the wait to look at
// the clock (repeating, so a tick before the wait began cannot be lost).
static void take(int fd, int how, const std::filesystem::path& path) {
    if (fd < 0 || ::flock(fd, how | LOCK_NB) == 0) return;
    if (errno != EWOULDBLOCK && errno != EINTR)
        throw Failure(kIoErr, path.string() + ": cannot lock: " + std::strerror(errno));
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::duration<double>(lock_timeout());
    struct sigaction tick = {}, old_action = {};
    tick.sa_handler = [](int) {};
    sigemptyset(&tick.sa_mask);  // no SA_RESTART: the signal ends the wait with EINTR
    ::sigaction(SIGALRM, &tick, &old_action);
    itimerval every = {{0, 100000}, {0, 100000}}, old_timer = {}, off = {};
    ::setitimer(ITIMER_REAL, &every, &old_timer);
    int rc, err = 0;
    while ((rc = ::flock(fd, how)) != 0 && (err = errno) == EINTR && std::chrono::steady_clock::now() < deadline) {
    }
    ::setitimer(ITIMER_REAL, &off, nullptr);
    ::sigaction(SIGALRM, &old_action, nullptr);
    if (rc == 0) return;
    if (err == EINTR)
        throw Failure(kTempFail, std::string("the store is ") + (how == LOCK_EX ? "being read" : "being written") +
                                     " by another crm process (" + path.string() + "); try again later");
    throw Failure(kIoErr, path.string() + ": cannot lock: " + std::strerror(err));
}

void ApplyLock::shared() { take(fd_, LOCK_SH, path_); }
void ApplyLock::exclusive() { take(fd_, LOCK_EX, path_); }
void ApplyLock::unlock() {
    if (fd_ >= 0) ::flock(fd_, LOCK_UN);
}

}  // namespace crm
