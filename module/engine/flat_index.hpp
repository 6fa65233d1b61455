// An open-addressing hash index of record numbers. The records live in the
// snapshot's vectors; the index stores only their numbers and a hash tag, so a
// lookup is one probe sequence over 8-byte slots and a key comparison.
#pragma once

#include <cstdint>
#include <vector>

namespace scopegate {

// A record number that is not there: a lookup that found nothing, a user
// without a site, a dial rule without a pattern.
inline constexpr uint32_t kNoIndex = UINT32_MAX;

class FlatIndex {
 public:
  // Adds record number value under hash, unless a record with an equal key
  // (is_same(record) true) is there: then returns that record, else kNoIndex.
  // hash_of(record) recomputes a record's hash when the table grows.
  template <class IsSame, class HashOf>
  uint32_t insert(uint64_t hash, uint32_t value, IsSame is_same, HashOf hash_of) {
    uint32_t existing = find(hash, is_same);
    if (existing != kNoIndex) return existing;
    if (2 * (size_ + 1) > slots_.size()) grow(hash_of);
    place(hash, value);
    ++size_;
    return kNoIndex;
  }

  // The record under hash for which is_same(record) holds, or kNoIndex.
  template <class IsSame>
  uint32_t find(uint64_t hash, IsSame is_same) const {
    if (slots_.empty()) return kNoIndex;
    auto tag = static_cast<uint32_t>(hash >> 32);
    for (size_t i = hash & mask_;; i = (i + 1) & mask_) {
      const Slot &s = slots_[i];
      if (s.value == kNoIndex) return kNoIndex;
      if (s.tag == tag && is_same(s.value)) return s.value;
    }
  }

  size_t size() const { return size_; }

  // Sizes an empty table for n records, so that inserting them never grows
  // it: growing re-hashes every record's key, a cache miss each at a
  // million users. Does nothing once records are in.
  void reserve(size_t n) {
    if (size_ != 0) return;
    size_t cap = 16;
    while (cap < 2 * n) cap *= 2;
    if (cap <= slots_.size()) return;
    slots_.assign(cap, Slot{kNoIndex, 0});
    mask_ = cap - 1;
  }

 private:
  struct Slot {
    uint32_t value;
    uint32_t tag;  // high half of the hash: most mismatches end here
  };
  std::vector<Slot> slots_;
  size_t mask_ = 0;
  size_t size_ = 0;

  void place(uint64_t hash, uint32_t value) {
    size_t i = hash & mask_;
    while (slots_[i].value != kNoIndex) i = (i + 1) & mask_;
    slots_[i] = Slot{value, static_cast<uint32_t>(hash >> 32)};
  }

  // Doubles the table (load factor stays <= 1/2) and re-places every record.
  template <class HashOf>
  void grow(HashOf hash_of) {
    std::vector<Slot> old = std::move(slots_);
    size_t cap = old.empty() ? 16 : old.size() * 2;
    slots_.assign(cap, Slot{kNoIndex, 0});
    mask_ = cap - 1;
    for (const Slot &s : old)
      if (s.value != kNoIndex) place(hash_of(s.value), s.value);
  }
};

}  // namespace scopegate
