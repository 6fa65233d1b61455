#include "text.hpp"

#include <cstring>

namespace scopegate {
namespace {

// Length of the UTF-8 sequence at s[i] if it is valid and not a control
// character, else 0.
size_t valid_sequence_length(const unsigned char *s, size_t n, size_t i) {
  unsigned char c = s[i];
  if (c < 0x80) return (c >= 0x20 && c != 0x7f) ? 1 : 0;
  size_t len;
  uint32_t cp;
  if ((c & 0xe0) == 0xc0) { len = 2; cp = c & 0x1f; }
  else if ((c & 0xf0) == 0xe0) { len = 3; cp = c & 0x0f; }
  else if ((c & 0xf8) == 0xf0) { len = 4; cp = c & 0x07; }
  else return 0;
  if (i + len > n) return 0;
  for (size_t k = 1; k < len; ++k) {
    if ((s[i + k] & 0xc0) != 0x80) return 0;
    cp = (cp << 6) | (s[i + k] & 0x3f);
  }
  static constexpr uint32_t kMinForLength[5] = {0, 0, 0x80, 0x800, 0x10000};
  if (cp < kMinForLength[len] || cp > 0x10ffff) return 0;  // overlong or beyond Unicode
  if (cp >= 0xd800 && cp <= 0xdfff) return 0;              // surrogate
  if (cp >= 0x80 && cp <= 0x9f) return 0;                  // C1 control
  return len;
}

constexpr uint64_t kMixA = 0x9e3779b97f4a7c15ull, kMixB = 0xbf58476d1ce4e5b9ull, kMixC = 0x94d049bb133111ebull;

// The two halves of a full 128-bit product, xor-ed: every input bit reaches
// every output bit.
inline uint64_t fold(uint64_t a, uint64_t b) {
  unsigned __int128 r = static_cast<unsigned __int128>(a) * b;
  return static_cast<uint64_t>(r) ^ static_cast<uint64_t>(r >> 64);
}

inline uint64_t load8(const unsigned char *p) {
  uint64_t v;
  std::memcpy(&v, p, 8);
  return v;
}

inline uint64_t load4(const unsigned char *p) {
  uint32_t v;
  std::memcpy(&v, p, 4);
  return v;
}

// All eight bytes of w in 0x20..0x7e. A byte below 0x20 borrows into its
// top bit when 0x20 is taken from it; one at 0x7f or above has the top bit
// set after adding 1 (or before). Carries between bytes only happen once
// some byte already failed, so they never hide a failure.
inline bool printable_ascii(uint64_t w) {
  constexpr uint64_t kOnes = 0x0101010101010101ull, kHigh = 0x8080808080808080ull;
  uint64_t below_space = (w - 0x20 * kOnes) & ~w & kHigh;
  uint64_t del_or_above = ((w + kOnes) | w) & kHigh;
  return (below_space | del_or_above) == 0;
}

}  // namespace

bool is_valid_id(std::string_view s) {
  if (s.empty() || s.size() > kMaxIdBytes) return false;
  auto *p = reinterpret_cast<const unsigned char *>(s.data());
  // Ids are nearly always printable ASCII (0x20-0x7e): skip that run a byte
  // at a time with one compare each; the UTF-8 decoder takes over from the
  // first other byte. Decisions validate every id they get, so this matters.
  size_t i = 0;
  for (; i + 8 <= s.size() && printable_ascii(load8(p + i)); i += 8) {
  }
  while (i < s.size() && static_cast<unsigned char>(p[i] - 0x20) < 0x5f) ++i;
  while (i < s.size()) {
    size_t len = valid_sequence_length(p, s.size(), i);
    if (len == 0) return false;
    i += len;
  }
  return true;
}

// Reads 16 bytes per step (ids and names are mostly 3-24 bytes, so one or
// two steps) and folds with 64x64->128-bit multiplies, instead of a
// multiply per byte: lookups hash every id of every decision.
uint64_t hash_bytes(std::string_view s, uint64_t seed) {
  auto *p = reinterpret_cast<const unsigned char *>(s.data());
  size_t n = s.size();
  uint64_t h = fold(seed ^ kMixA, n ^ kMixB);
  for (; n > 16; p += 16, n -= 16) h = fold(load8(p) ^ kMixB, load8(p + 8) ^ h);
  uint64_t a = 0, b = 0;
  if (n > 8) {  // two 8-byte reads, overlapping when n < 16
    a = load8(p);
    b = load8(p + n - 8);
  } else if (n >= 4) {
    a = load4(p);
    b = load4(p + n - 4);
  } else if (n > 0) {
    a = uint64_t{p[0]} << 16 | uint64_t{p[n / 2]} << 8 | p[n - 1];
  }
  return fold(a ^ kMixC, b ^ h);
}

std::string_view StringArena::store(std::string_view s) {
  if (s.empty()) return {};
  total_ += s.size();
  if (s.size() > kChunk / 4) {  // a large string gets a block of its own
    chunks_.push_back(std::make_unique<char[]>(s.size()));
    std::memcpy(chunks_.back().get(), s.data(), s.size());
    return {chunks_.back().get(), s.size()};
  }
  if (current_ == nullptr || used_ + s.size() > kChunk) {
    chunks_.push_back(std::make_unique<char[]>(kChunk));
    current_ = chunks_.back().get();
    used_ = 0;
  }
  char *dst = current_ + used_;
  std::memcpy(dst, s.data(), s.size());
  used_ += s.size();
  return {dst, s.size()};
}

}  // namespace scopegate
