#include "engine/snapshot_registry.hpp"

#include <pthread.h>

#include <algorithm>
#include <thread>

// Why no decision ever reads a freed snapshot (every atomic below is
// seq_cst unless it says otherwise, so all of them take part in one total
// order S that every thread agrees on):
//
//  1. A reader announces X in its slot (CAS or store, W_slot), then loads
//     current_ and sees X (R_cur); only then does it use X.
//  2. A publisher exchanges current_ from X to Y (W_cur), then loads each
//     slot (R_slot) and frees X only if no slot holds X.
//  3. R_cur read X, so R_cur comes before W_cur in S (a load after W_cur
//     would see Y or later; X never becomes current again: a freed address
//     that is reused belongs to a snapshot that is current, and announcing
//     it is then right). By program order W_slot < R_cur and W_cur < R_slot,
//     so W_slot < R_slot in S: the publisher's load sees X, or a later
//     write of that slot. Only the reader writes its slot after claiming it,
//     so a later write is its release (below) or a re-announcement of a
//     newer snapshot (after its own R_cur saw that one, i.e. after X is no
//     longer used). Either way X is freed only when the reader is done.
//  4. The release is a release store of nullptr: a publisher whose seq_cst
//     load reads that nullptr synchronizes with it, so every read the
//     decision made of X happens before the delete. (Release, not seq_cst,
//     spares each decision a locked instruction.)
//
// Freeing, three ways: (a) publish frees at once what no slot announces;
// (b) it polls for up to kGracePeriod for decisions that began before the
// swap, freeing what they let go; (c) after that it sets readers_free_ and
// the reader that lets go of a retired snapshot frees it (try_lock: a
// decision never waits; when the lock is taken, the snapshot is left to the
// holder's scan or a later one, as in the leftover window below).
//
// The leftover window: in (c) the reader's nullptr store is a release store
// and its load of readers_free_ may come before the publisher's store of
// it, while the publisher's scan may not see the nullptr yet (a
// store-buffering race: both sides read the old values). The snapshot then
// stays retired, with readers_free_ still set, until the next decision to
// finish on this handle, the next publish, or close frees it. Memory, never
// safety: nothing frees a snapshot that a slot still announces.
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
