// A compact binary form for derived caches: values in field order, numbers as
// varints, strings length-prefixed. Each record kind writes one
// `template <class Io, class R> void visit(Io&, R&)` naming its fields once;
// Packer and Unpacker run it in the two directions, so they cannot disagree.
#pragma once
#include <cstdint>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <vector>

namespace crm {

class Packer {
public:
    void operator()(const std::string& s) {
        number(s.size());
        out_.append(s);
    }
    void operator()(bool b) { number(b ? 1 : 0); }
    template <class I>
        requires std::is_integral_v<I>
    void operator()(I v) {
        number(zigzag(int64_t(v)));
    }
    void operator()(const std::pair<std::string, std::string>& p) {
        (*this)(p.first);
        (*this)(p.second);
    }
    template <class T, class Each>
    void list(std::vector<T>& items, Each each) {
        number(items.size());
        for (auto& x : items) each(x);
    }
    template <class T>
    void list(std::vector<T>& items) {
        list(items, [&](T& x) { (*this)(x); });
    }
    void number(uint64_t v) {
        for (; v >= 0x80; v >>= 7) out_.push_back(char(v | 0x80));
        out_.push_back(char(v));
    }
    std::string& bytes() { return out_; }

    // A record's bytes: visit(io, record) found by argument-dependent lookup.
    // (visit takes a non-const record so one function serves both directions;
    // a Packer only reads it.)
    template <class R>
    static std::string pack(const R& record) {
        Packer p;
        visit(p, const_cast<R&>(record));
        return std::move(p.out_);
    }

private:
    static uint64_t zigzag(int64_t v) { return (uint64_t(v) << 1) ^ uint64_t(v >> 63); }
    std::string out_;
};

// Reads what Packer wrote. Any malformed input (short, too long a number)
// leaves ok() false; the values read then are meaningless.
class Unpacker {
public:
    explicit Unpacker(std::string_view in) : p_(in.data()), end_(in.data() + in.size()) {}
    void operator()(std::string& s) {
        uint64_t n = number();
        if (n > uint64_t(end_ - p_)) return fail();
        s.assign(p_, n);
        p_ += n;
    }
    void operator()(bool& b) { b = number() != 0; }
    template <class I>
        requires std::is_integral_v<I>
    void operator()(I& v) {
        v = I(unzigzag(number()));
    }
    void operator()(std::pair<std::string, std::string>& p) {
        (*this)(p.first);
        (*this)(p.second);
    }
    template <class T, class Each>
    void list(std::vector<T>& items, Each each) {
        uint64_t n = number();
        if (n > uint64_t(end_ - p_)) return fail();  // every item takes at least a byte
        items.resize(n);
        for (auto& x : items) each(x);
    }
    template <class T>
    void list(std::vector<T>& items) {
        list(items, [&](T& x) { (*this)(x); });
    }
    // A string read in place: valid while the input is.
    std::string_view view() {
        uint64_t n = number();
        if (n > uint64_t(end_ - p_)) {
            fail();
            return {};
        }
        std::string_view s(p_, n);
        p_ += n;
        return s;
    }
    uint64_t number() {
        uint64_t v = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            if (p_ == end_) break;
            uint8_t byte = uint8_t(*p_++);
            v |= uint64_t(byte & 0x7f) << shift;
            if (!(byte & 0x80)) return v;
        }
        fail();
        return 0;
    }
    bool ok() const { return ok_; }
    bool done() const { return ok_ && p_ == end_; }
    size_t left() const { return size_t(end_ - p_); }

    // Fills record from bytes Packer::pack made; false when they do not fit it exactly.
    template <class R>
    static bool unpack(std::string_view bytes, R& record) {
        Unpacker u(bytes);
        visit(u, record);
        return u.done();
    }

private:
    static int64_t unzigzag(uint64_t v) { return int64_t(v >> 1) ^ -int64_t(v & 1); }
    void fail() {
        ok_ = false;
        p_ = end_;
    }
    const char* p_;
    const char* end_;
    bool ok_ = true;
};

}  // namespace crm
