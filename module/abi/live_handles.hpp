// Debug builds remember the handles that are open, so a close() twice or of
// a stale pointer stops with a message instead of corrupting memory.
// Release builds remember nothing: the calls below compile to nothing where
// NDEBUG is defined (they are inline, so the C boundary's own build decides,
// as the debug module of tests/faults does with -UNDEBUG).
#pragma once

namespace scopegate {

void remember_handle(const void *h);
void forget_handle(const void *h);  // aborts with a message if h is not open

inline void remember_open_handle([[maybe_unused]] const void *h) {
#ifndef NDEBUG
  remember_handle(h);
#endif
}

inline void forget_closed_handle([[maybe_unused]] const void *h) {
#ifndef NDEBUG
  forget_handle(h);
#endif
}

}  // namespace scopegate
