// A counting allocator hook: this test program replaces the global operator
// new and delete (every form), so every C++ allocation of the process (the
// engine, the standard library inside the module, spdlog and fmt, the C++
// side of libconfig++) is counted, and any one of them can be made to fail.
//
// malloc() is left alone: libconfig's C parser allocates with it and checks
// no result (its scanner even calls exit() when an allocation fails), so a
// failure there could only test libconfig 1.5, not scopegate. Leaks of
// malloc'ed memory are found by LeakSanitizer and valgrind instead.
//
// To find an allocation that stays live: SG_ALLOC_TRACE=all prints every
// allocation ("alloc N PTR") and free ("free PTR") on stderr; SG_ALLOC_TRACE=N
// prints where allocation N (counted from the start) was made.
#pragma once

#include <cstddef>
#include <cstdint>

namespace sgfault::alloc {

// Allocations made and freed since the program started; live() is their
// difference.
uint64_t made();
uint64_t freed();
inline int64_t live() { return static_cast<int64_t>(made() - freed()); }

// From now on, the n-th allocation (1: the next one) fails with
// std::bad_alloc (nullptr for the nothrow forms); with every_after, that one
// and every later one fail.
void fail_at(uint64_t n, bool every_after = false);
// No more failures. Returns whether the armed failure happened.
bool disarm();
// Allocations since the last fail_at().
uint64_t since_armed();

}  // namespace sgfault::alloc
