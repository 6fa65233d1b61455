#include "engine/snapshot_registry.hpp"

#include <pthread.h>

#include <algorithm>
#include <thread>

namespace scopegate {

namespace {

// Threads spread over the slots by their id, so concurrent decisions rarely
// share a cache line. (No thread_local: it would make the module need the
// dynamic loader's TLS entry points.)
size_t slot_hint() {
  auto id = static_cast<uint64_t>(pthread_self());
  id ^= id >> 17;
  id *= 0x9e3779b97f4a7c15ull;
  return static_cast<size_t>(id >> 40);
}

}  // namespace

SnapshotRegistry::Reader SnapshotRegistry::read() {
  size_t start = slot_hint();
  for (size_t attempt = 0;; ++attempt) {
    size_t i = (start + attempt) % kSlots;
    const Snapshot *expected = nullptr;
    const Snapshot *s = current_.load(std::memory_order_seq_cst);
    // Look before the compare-and-swap: a slot that another thread holds is
    // passed over with a read, not a write that would pull its cache line
    // away from that thread at every decision.
    bool taken = slots_[i].in_use.load(std::memory_order_relaxed) != nullptr;
    if (taken || !slots_[i].in_use.compare_exchange_strong(expected, s, std::memory_order_seq_cst)) {
      if (attempt % kSlots == kSlots - 1) std::this_thread::yield();  // more deciders than slots
      continue;
    }
    // Announce, then confirm it is still in force: a publish that swapped in
    // between will see our announcement or we see its new pointer.
    for (;;) {
      const Snapshot *now = current_.load(std::memory_order_seq_cst);
      if (now == s) return Reader(this, i, s);
      s = now;
      slots_[i].in_use.store(s, std::memory_order_seq_cst);
    }
  }
}

SnapshotRegistry::Reader::~Reader() {
  if (registry_) registry_->release(slot_);
}

void SnapshotRegistry::release(size_t slot) {
  // A release store suffices: whoever then reads the slot as empty (with
  // the seq_cst loads of announced()) also sees every read this decision
  // made of the snapshot, so it may free it. It spares each decision a
  // locked instruction.
  slots_[slot].in_use.store(nullptr, std::memory_order_release);
  // Only after a grace period ran out: the last reader of a retired
  // snapshot frees it. try_lock: a decision never waits.
  if (readers_free_.load(std::memory_order_seq_cst) && retired_lock_.try_lock()) {
    free_unread();
    retired_lock_.unlock();
  }
}

bool SnapshotRegistry::announced(const Snapshot *s) const {
  for (const Slot &slot : slots_)
    if (slot.in_use.load(std::memory_order_seq_cst) == s) return true;
  return false;
}

// Frees retired snapshots that no slot announces. Caller holds retired_lock_.
void SnapshotRegistry::free_unread() {
  size_t kept = 0;
  for (const Snapshot *s : retired_) {
    if (announced(s))
      retired_[kept++] = s;
    else
      delete s;
  }
  retired_.resize(kept);
  if (kept == 0) readers_free_.store(false, std::memory_order_seq_cst);
}

void SnapshotRegistry::publish(std::unique_ptr<const Snapshot> s) {
  {
    std::lock_guard lock(retired_lock_);
    retired_.reserve(retired_.size() + 1);  // may throw before anything changes
    const Snapshot *old = current_.exchange(s.release(), std::memory_order_seq_cst);
    if (old) retired_.push_back(old);
    free_unread();
    if (retired_.empty()) return;
  }
  free_after_readers();
}

// Decisions that began before the swap end within microseconds; polls for
// them with growing pauses, freeing what they let go.
void SnapshotRegistry::free_after_readers() {
  auto deadline = std::chrono::steady_clock::now() + kGracePeriod;
  for (auto pause = std::chrono::microseconds(2);; pause = std::min(2 * pause, std::chrono::microseconds(1000))) {
    std::this_thread::sleep_for(pause);
    std::lock_guard lock(retired_lock_);
    free_unread();
    if (retired_.empty()) return;
    if (std::chrono::steady_clock::now() >= deadline) {
      readers_free_.store(true, std::memory_order_seq_cst);
      free_unread();  // a reader that finished before it could see the flag
      return;
    }
    // (A reader whose empty slot was not yet visible to that last scan and
    // who read the flag before it was set leaves the snapshot to the next
    // publish or close.)
  }
}

SnapshotRegistry::~SnapshotRegistry() {
  // close(): no decision may still run on this handle.
  for (const Snapshot *s : retired_) delete s;
  delete current_.load();
}

}  // namespace scopegate
