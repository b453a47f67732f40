#include "lock.h"

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstdlib>
#include <cstring>
#include <thread>

#include "error.h"

namespace crm {

StoreLock::StoreLock(const std::filesystem::path& crm_dir, bool wait) {
    std::error_code ec;
    std::filesystem::create_directories(crm_dir, ec);
    auto path = crm_dir / "LOCK";
    fd_ = ::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
    if (fd_ < 0) {
        if (!wait) return;
        throw Failure(kCantCreate, path.string() + ": cannot open lock file: " + std::strerror(errno));
    }
    double timeout = 10;
    if (const char* env = std::getenv("CRM_LOCK_TIMEOUT")) timeout = std::atof(env);
    auto deadline = std::chrono::steady_clock::now() + std::chrono::duration<double>(timeout);
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

ApplyLock::ApplyLock(const std::filesystem::path& crm_dir) {
    std::error_code ec;
    std::filesystem::create_directories(crm_dir, ec);
    const auto path = crm_dir / "APPLY";
    fd_ = ::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
    if (fd_ < 0) fd_ = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);  // flock needs no write access
}

ApplyLock::~ApplyLock() {
    if (fd_ >= 0) ::close(fd_);
}

static void take(int fd, int how) {
    if (fd < 0) return;
    while (::flock(fd, how) != 0)
        if (errno != EINTR) throw Failure(kIoErr, std::string(".crm/APPLY: cannot lock: ") + std::strerror(errno));
}

void ApplyLock::shared() { take(fd_, LOCK_SH); }
void ApplyLock::exclusive() { take(fd_, LOCK_EX); }
void ApplyLock::unlock() { take(fd_, LOCK_UN); }

}  // namespace crm
