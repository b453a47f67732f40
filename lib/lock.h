// The store lock: .crm/LOCK held with flock() by every writer. Writers queue;
// after the wait ($CRM_LOCK_TIMEOUT seconds, default 10) the command exits 75.
// The kernel drops the lock when a process dies, so a kill -9 never wedges it.
#pragma once
#include <filesystem>

namespace crm {

class StoreLock {
public:
    explicit StoreLock(const std::filesystem::path& crm_dir);
    ~StoreLock();
    StoreLock(const StoreLock&) = delete;
    StoreLock& operator=(const StoreLock&) = delete;

private:
    int fd_ = -1;
};

}  // namespace crm
