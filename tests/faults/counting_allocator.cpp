#include "counting_allocator.hpp"

#include <execinfo.h>
#include <unistd.h>

#include <atomic>
#include <cstdio>
#include <cstdlib>
#include <new>
#include <string_view>

namespace sgfault::alloc {

namespace {

std::atomic<uint64_t> g_made{0}, g_freed{0};
std::atomic<uint64_t> g_since{0};      // allocations since armed
std::atomic<uint64_t> g_fail_at{0};    // 0: not armed
std::atomic<bool> g_every_after{false};
std::atomic<bool> g_failed{false};

bool should_fail() {
  uint64_t at = g_fail_at.load(std::memory_order_relaxed);
  if (at == 0) return false;
  uint64_t n = g_since.fetch_add(1, std::memory_order_relaxed) + 1;
  bool fail = n == at || (n > at && g_every_after.load(std::memory_order_relaxed));
  if (fail) g_failed.store(true, std::memory_order_relaxed);
  // SG_ALLOC_TRACE set: also where the failing allocation was made.
  static const bool trace = std::getenv("SG_ALLOC_TRACE") != nullptr;
  if (fail && trace && n == at) {
    void *frames[32];
    ::backtrace_symbols_fd(frames, ::backtrace(frames, 32), STDERR_FILENO);
  }
  return fail;
}

// SG_ALLOC_TRACE=N: where allocation N (counted from the program's start) is
// made; SG_ALLOC_TRACE=all: every allocation and free. For finding one that
// stays live (single-threaded use only).
uint64_t traced() {
  static const uint64_t k = [] {
    const char *v = std::getenv("SG_ALLOC_TRACE");
    if (v && std::string_view(v) == "all") return uint64_t{UINT64_MAX};
    return uint64_t{v ? std::strtoull(v, nullptr, 10) : 0};
  }();
  return k;
}

void *allocate(std::size_t size, std::size_t align, bool nothrow) {
  if (should_fail()) {
    if (nothrow) return nullptr;
    throw std::bad_alloc();
  }
  if (size == 0) size = 1;
  void *p = nullptr;
  if (align > alignof(std::max_align_t)) {
    if (::posix_memalign(&p, align, size) != 0) p = nullptr;
  } else {
    p = std::malloc(size);
  }
  if (p == nullptr) {
    if (nothrow) return nullptr;
    throw std::bad_alloc();
  }
  g_made.fetch_add(1, std::memory_order_relaxed);
  if (traced() == UINT64_MAX) {
    char line[64];
    int n = std::snprintf(line, sizeof line, "alloc %llu %p\n", static_cast<unsigned long long>(g_made.load()), p);
    ::write(STDERR_FILENO, line, static_cast<size_t>(n));
  } else if (traced() != 0 && g_made.load() == traced()) {
    char line[64];
    int n = std::snprintf(line, sizeof line, "allocation %p:\n", p);
    ::write(STDERR_FILENO, line, static_cast<size_t>(n));
    void *frames[32];
    ::backtrace_symbols_fd(frames, ::backtrace(frames, 32), STDERR_FILENO);
  }
  return p;
}

void release(void *p) noexcept {
  if (p == nullptr) return;
  if (traced() != 0) {
    char line[64];
    int n = std::snprintf(line, sizeof line, "free %p\n", p);
    ::write(STDERR_FILENO, line, static_cast<size_t>(n));
  }
  g_freed.fetch_add(1, std::memory_order_relaxed);
  std::free(p);
}

}  // namespace

uint64_t made() { return g_made.load(); }
uint64_t freed() { return g_freed.load(); }

void fail_at(uint64_t n, bool every_after) {
  g_failed.store(false);
  g_since.store(0);
  g_every_after.store(every_after);
  g_fail_at.store(n);
}

bool disarm() {
  g_fail_at.store(0);
  return g_failed.load();
}

uint64_t since_armed() { return g_since.load(); }

}  // namespace sgfault::alloc

using sgfault::alloc::allocate;
using sgfault::alloc::release;

void *operator new(std::size_t n) { return allocate(n, 0, false); }
void *operator new[](std::size_t n) { return allocate(n, 0, false); }
void *operator new(std::size_t n, const std::nothrow_t &) noexcept { return allocate(n, 0, true); }
void *operator new[](std::size_t n, const std::nothrow_t &) noexcept { return allocate(n, 0, true); }
void *operator new(std::size_t n, std::align_val_t a) { return allocate(n, static_cast<std::size_t>(a), false); }
void *operator new[](std::size_t n, std::align_val_t a) { return allocate(n, static_cast<std::size_t>(a), false); }
void *operator new(std::size_t n, std::align_val_t a, const std::nothrow_t &) noexcept {
  return allocate(n, static_cast<std::size_t>(a), true);
}
void *operator new[](std::size_t n, std::align_val_t a, const std::nothrow_t &) noexcept {
  return allocate(n, static_cast<std::size_t>(a), true);
}
void operator delete(void *p) noexcept { release(p); }
void operator delete[](void *p) noexcept { release(p); }
void operator delete(void *p, std::size_t) noexcept { release(p); }
void operator delete[](void *p, std::size_t) noexcept { release(p); }
void operator delete(void *p, const std::nothrow_t &) noexcept { release(p); }
void operator delete[](void *p, const std::nothrow_t &) noexcept { release(p); }
void operator delete(void *p, std::align_val_t) noexcept { release(p); }
void operator delete[](void *p, std::align_val_t) noexcept { release(p); }
void operator delete(void *p, std::size_t, std::align_val_t) noexcept { release(p); }
void operator delete[](void *p, std::size_t, std::align_val_t) noexcept { release(p); }
void operator delete(void *p, std::align_val_t, const std::nothrow_t &) noexcept { release(p); }
void operator delete[](void *p, std::align_val_t, const std::nothrow_t &) noexcept { release(p); }
