// The two store locks, both flock()s under .crm/, both dropped by the kernel
// when a process dies, so a kill -9 never wedges a store.
//
// .crm/LOCK (StoreLock): held by every writer for its whole run. Writers queue.
//
// .crm/APPLY (ApplyLock): held shared by every command while it reads the
// store, and exclusive by a writer only while its commit applies (journal.h).
// A reader therefore sees a commit's before or its after, never half; and a
// journal seen while holding it is one whose writer died.
//
// Either wait ends after $CRM_LOCK_TIMEOUT seconds (default 60: an import at
// 23,570 customers takes 13), and the command exits 75 having changed nothing.
#pragma once
#include <filesystem>

namespace crm {

double lock_timeout();

class StoreLock {
public:
    // wait = false: try once; held() says whether the lock was free.
    explicit StoreLock(const std::filesystem::path& crm_dir, bool wait = true);
    ~StoreLock();
    StoreLock(const StoreLock&) = delete;
    StoreLock& operator=(const StoreLock&) = delete;
    bool held() const { return fd_ >= 0; }

private:
    int fd_ = -1;
};

class ApplyLock {
public:
    // Opens (creating) .crm/APPLY; takes no lock yet. In a store this process
    // cannot write to (read-only), there is no writer to wait for: a no-op.
    explicit ApplyLock(const std::filesystem::path& crm_dir);
    ~ApplyLock();
    ApplyLock(const ApplyLock&) = delete;
    ApplyLock& operator=(const ApplyLock&) = delete;
    void shared();
    void exclusive();
    void unlock();

private:
    std::filesystem::path path_;
    int fd_ = -1;
};

}  // namespace crm
