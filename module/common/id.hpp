// The id rule (SPEC 5): an id is 1..255 bytes of valid UTF-8 without
// control characters (C0, DEL, C1). Header-only: the module, the CLI (which
// links no engine code) and the tests all include this one definition.
//
// Every decision validates the ids it gets, so the common cases (short
// printable ASCII) take a few word checks; the UTF-8 decoder runs only for
// anything else.
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string_view>

namespace scopegate {

inline constexpr size_t kMaxIdBytes = 255;

namespace text_detail {

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

// Length of the UTF-8 sequence at s[i] if it is valid and not a control
// character, else 0.
inline size_t valid_sequence_length(const unsigned char *s, size_t n, size_t i) {
  unsigned char c = s[i];
  if (c < 0x80) return (c >= 0x20 && c != 0x7f) ? 1 : 0;
  size_t len;
  uint32_t cp;
  if ((c & 0xe0) == 0xc0) {
    len = 2;
    cp = c & 0x1f;
  } else if ((c & 0xf0) == 0xe0) {
    len = 3;
    cp = c & 0x0f;
  } else if ((c & 0xf8) == 0xf0) {
    len = 4;
    cp = c & 0x07;
  } else
    return 0;
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

}  // namespace text_detail

// The full check of is_valid_id: UTF-8 decoding, byte by byte.
inline bool is_valid_utf8_id(std::string_view s) {
  if (s.empty() || s.size() > kMaxIdBytes) return false;
  auto *p = reinterpret_cast<const unsigned char *>(s.data());
  // Runs of printable ASCII are skipped a word at a time; the decoder takes
  // over from the first word with another byte.
  size_t i = 0;
  while (i + 8 <= s.size() && text_detail::printable_ascii(text_detail::load8(p + i))) i += 8;
  while (i < s.size()) {
    size_t len = text_detail::valid_sequence_length(p, s.size(), i);
    if (len == 0) return false;
    i += len;
  }
  return true;
}

// An id is 1..255 bytes of valid UTF-8 without control characters (C0, DEL, C1).
// 4 to 32 bytes of printable ASCII (0x20-0x7e), nearly every id and
// domain, take two or four word checks (overlapping); anything else takes
// the full check.
inline bool is_valid_id(std::string_view s) {
  using namespace text_detail;
  size_t n = s.size();
  auto *p = reinterpret_cast<const unsigned char *>(s.data());
  if (n >= 8 && n <= 16) {
    if (printable_ascii(load8(p)) && printable_ascii(load8(p + n - 8))) return true;
  } else if (n > 16 && n <= 32) {  // domain names
    if (printable_ascii(load8(p)) && printable_ascii(load8(p + 8)) && printable_ascii(load8(p + n - 16)) &&
        printable_ascii(load8(p + n - 8)))
      return true;
  } else if (n >= 4 && n < 8) {
    constexpr uint64_t kSpaces = 0x2020202000000000ull;  // pads the high half printable
    if (printable_ascii(load4(p) | kSpaces) && printable_ascii(load4(p + n - 4) | kSpaces)) return true;
  }
  return is_valid_utf8_id(s);
}

}  // namespace scopegate
