#include "abi/live_handles.hpp"

#include <cstdio>
#include <cstdlib>
#include <mutex>
#include <unordered_set>

namespace scopegate {

namespace {
std::mutex lock;
std::unordered_set<const void *> open_handles;
}  // namespace

void remember_handle(const void *h) {
  std::lock_guard guard(lock);
  open_handles.insert(h);
}

void forget_handle(const void *h) {
  std::lock_guard guard(lock);
  if (open_handles.erase(h) == 0) {
    std::fprintf(stderr, "scopegate: close() of a handle that is not open (closed twice?)\n");
    std::abort();
  }
}

}  // namespace scopegate
