// Asterisk-style dialplan patterns ("_1NXXNXXXXXX", "_011.", "_9[1-5]!"),
// matched in time linear in the dialed string, without backtracking.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace scopegate {

class DialPattern {
 public:
  // At most this many elements after the leading '_'.
  static constexpr size_t kMaxElements = 62;

  // Compiles a pattern; on error returns nullopt and says why in error.
  static std::optional<DialPattern> compile(std::string_view pattern, std::string &error);

  bool matches(std::string_view dialed) const;
  // False when no dialed string starting with byte c can match (what
  // matches() finds after reading c); lets a dial skip this pattern.
  bool may_start_with(unsigned char c) const;

 private:
  // Bit-parallel NFA (shift-and): bit i+1 set means the first i+1 elements
  // have matched the input read so far; bit 0 is the start state.
  std::array<uint64_t, 256> accepts_{};  // per byte: elements that accept it, as bit i+1
  uint64_t stars_ = 0;                   // elements that repeat ("!" and the tail of "."), as bit i+1
  uint64_t final_ = 0;                   // bit of the last element
  uint64_t closure(uint64_t states) const;
};

}  // namespace scopegate
