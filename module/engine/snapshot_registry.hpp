// Publishes the snapshot in force to any number of deciding threads.
//
// Readers never lock and never touch a shared reference count: a decision
// announces the snapshot it uses in a slot of its own (a hazard pointer) and
// clears it when done. A reload swaps the pointer and frees the old snapshot
// as soon as no slot announces it: at once when no decision is running,
// else the reloading thread waits for the decisions that still read it
// (microseconds: a decision never blocks) and frees it then. Freeing a large
// snapshot takes milliseconds, and no decision should pay for that. Only a
// reader still holding it after kGracePeriod (a thread stopped in a
// debugger, a host log callback that blocks) frees it itself when done;
// failing that (a narrow race, argued in the .cpp), the next decision to
// end, the next publish or close does.
#pragma once

#include <array>
#include <atomic>
#include <chrono>
#include <memory>
#include <mutex>
#include <vector>

#include "engine/snapshot.hpp"

namespace scopegate {

class SnapshotRegistry {
 public:
  SnapshotRegistry() = default;
  SnapshotRegistry(const SnapshotRegistry &) = delete;
  SnapshotRegistry &operator=(const SnapshotRegistry &) = delete;
  ~SnapshotRegistry();

  // A snapshot held for the duration of one decision.
  class Reader {
   public:
    Reader(Reader &&other) noexcept : registry_(other.registry_), slot_(other.slot_), snapshot_(other.snapshot_) {
      other.registry_ = nullptr;
    }
    Reader(const Reader &) = delete;
    ~Reader();
    const Snapshot *get() const { return snapshot_; }

   private:
    friend class SnapshotRegistry;
    Reader(SnapshotRegistry *r, size_t slot, const Snapshot *s) : registry_(r), slot_(slot), snapshot_(s) {}
    SnapshotRegistry *registry_;
    size_t slot_;
    const Snapshot *snapshot_;
  };

  // The snapshot in force (null before the first publish), held until the
  // Reader is destroyed. Lock-free; allocates nothing.
  Reader read();
  // Makes s the snapshot in force and frees the one it replaces once no
  // decision reads it (waiting up to kGracePeriod for them). Serialise calls
  // (the handle's reload lock); the caller must not hold a Reader itself.
  void publish(std::unique_ptr<const Snapshot> s);

  static constexpr auto kGracePeriod = std::chrono::milliseconds(10);
  // Decisions at once that announce without waiting; one more waits (yields)
  // until one of them ends.
  static constexpr size_t kSlots = 64;

 private:
  friend struct SnapshotRegistryProbe;  // tests: the leftover window's state
  struct alignas(64) Slot {
    std::atomic<const Snapshot *> in_use{nullptr};
  };
  std::array<Slot, kSlots> slots_;
  std::atomic<const Snapshot *> current_{nullptr};
  // Snapshots no longer in force but maybe still read; guarded by retired_lock_.
  std::mutex retired_lock_;
  std::vector<const Snapshot *> retired_;
  // Set when the grace period ran out with a snapshot still read: readers
  // then free retired snapshots as they finish.
  std::atomic<bool> readers_free_{false};

  bool announced(const Snapshot *s) const;
  void free_unread();
  void free_after_readers();
  void release(size_t slot);
};

}  // namespace scopegate
