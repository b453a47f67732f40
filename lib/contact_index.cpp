#include "contact_index.h"

#include <sys/stat.h>

#include "atomic_file.h"
#include "customer.h"
#include "lead_view.h"
#include "yaml_read.h"

namespace crm {

static const char* const kIndexFile = ".crm/cache/contacts";
static const char* const kSignatureFile = ".crm/cache/contacts.sig";

// The folders' modification times and the index's size: "leads <sec>.<nsec>
// customers <sec>.<nsec> size <bytes>". A torn or altered index fails it too.
static std::string signature(const Store& store) {
    std::string out = "crm-contacts 1";
    for (const char* dir : {"leads", "customers"}) {
        struct stat st {};
        if (::stat(store.path(dir).c_str(), &st) != 0) return "";
        out += std::string(" ") + dir + " " + std::to_string(st.st_mtim.tv_sec) + "." + std::to_string(st.st_mtim.tv_nsec);
    }
    struct stat st {};
    out += " size " + std::to_string(::stat(store.path(kIndexFile).c_str(), &st) == 0 ? st.st_size : -1);
    return out + "\n";
}

static bool valid(const Store& store, const std::string& sig) {
    std::error_code ec;
    return !sig.empty() && fs::exists(store.path(kSignatureFile), ec) && fs::exists(store.path(kIndexFile), ec) &&
           read_file(store.path(kSignatureFile).string()) == sig;
}

// The id on the line "<kind>\t<value>\t<id>" of text, or "".
static std::string lookup(std::string_view text, char kind, const std::string& value) {
    if (value.empty()) return "";
    const std::string key = std::string(1, kind) + "\t" + value + "\t";
    size_t at = text.substr(0, key.size()) == key ? 0 : text.find("\n" + key);
    if (at == std::string_view::npos) return "";
    size_t start = at + key.size() + (at == 0 ? 0 : 1), end = text.find('\n', start);
    return std::string(text.substr(start, end == std::string_view::npos ? std::string_view::npos : end - start));
}

std::string find_duplicate_contact(const Store& store, const Lead& l) {
    const std::string sig = signature(store);
    if (valid(store, sig)) {
        // Scanning the text finds one value without building maps of all of them.
        const std::string text = read_file(store.path(kIndexFile).string());
        if (std::string id = lookup(text, 'p', l.phone); !id.empty() && id != l.id) return id + " (phone " + l.phone + ")";
        if (std::string id = lookup(text, 'e', l.email); !id.empty() && id != l.id) return id + " (email " + l.email + ")";
        return "";
    }
    // The signature is taken before reading, so a change made meanwhile leaves
    // the index marked stale and it is rebuilt next time.
    Problems ignore;
    ContactIndex index(load_leads(store, &ignore), load_customers(store, &ignore));
    if (!sig.empty()) {
        try {
            write_file_atomic(store.path(kIndexFile), index.serialise(), store.path(".crm/tmp"), false);
            // Signed with the folders' times from before the read, and the new size.
            std::string signed_sig = sig.substr(0, sig.rfind(" size ")) + " size " +
                                     std::to_string(fs::file_size(store.path(kIndexFile))) + "\n";
            write_file_atomic(store.path(kSignatureFile), signed_sig, store.path(".crm/tmp"), false);
        } catch (const Failure&) {
            // A cache that cannot be written is only slower next time.
        }
    }
    return index.find(l);
}

void record_contacts(const Store& store, const std::string& id, const std::string& phone, const std::string& email) {
    std::error_code ec;
    if (!fs::exists(store.path(kSignatureFile), ec)) return;  // no index yet: the next check builds it
    std::string lines;
    if (!phone.empty()) lines += "p\t" + phone + "\t" + id + "\n";
    if (!email.empty()) lines += "e\t" + email + "\t" + id + "\n";
    try {
        // A cache needs no fsync: after a power loss its size check fails and it is rebuilt.
        if (!lines.empty()) append_file(store.path(kIndexFile), lines, false);
        write_file_atomic(store.path(kSignatureFile), signature(store), store.path(".crm/tmp"), false);
    } catch (const Failure&) {
        fs::remove(store.path(kSignatureFile), ec);  // unsure: make the next reader rebuild
    }
}

}  // namespace crm
