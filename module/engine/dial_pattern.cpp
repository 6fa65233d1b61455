#include "engine/dial_pattern.hpp"

namespace scopegate {
namespace {

using ByteSet = std::array<bool, 256>;

ByteSet byte_range(unsigned char lo, unsigned char hi) {
  ByteSet set{};
  for (unsigned c = lo; c <= hi; ++c) set[c] = true;
  return set;
}

// Parses "[...]" starting at pattern[i] == '['; advances i past ']'.
std::optional<ByteSet> parse_set(std::string_view p, size_t &i, std::string &error) {
  ByteSet set{};
  size_t start = i++;
  bool any = false;
  while (i < p.size() && p[i] != ']') {
    auto lo = static_cast<unsigned char>(p[i]);
    if (i + 2 < p.size() && p[i + 1] == '-' && p[i + 2] != ']') {
      auto hi = static_cast<unsigned char>(p[i + 2]);
      if (hi < lo) {
        error = "bad range in pattern set at offset " + std::to_string(i);
        return std::nullopt;
      }
      for (unsigned c = lo; c <= hi; ++c) set[c] = true;
      i += 3;
    } else {
      set[lo] = true;
      ++i;
    }
    any = true;
  }
  if (i >= p.size()) {
    error = "unclosed '[' at offset " + std::to_string(start);
    return std::nullopt;
  }
  if (!any) {
    error = "empty '[]' at offset " + std::to_string(start);
    return std::nullopt;
  }
  ++i;  // past ']'
  return set;
}

}  // namespace

std::optional<DialPattern> DialPattern::compile(std::string_view p, std::string &error) {
  if (p.size() < 2 || p[0] != '_') {
    error = "a pattern starts with '_' and has at least one element";
    return std::nullopt;
  }
  DialPattern out;
  size_t element = 0;
  auto add = [&](const ByteSet &set, bool repeats) {
    if (element >= kMaxElements) return false;
    uint64_t bit = uint64_t{1} << (element + 1);
    for (size_t c = 0; c < 256; ++c)
      if (set[c]) out.accepts_[c] |= bit;
    if (repeats) out.stars_ |= bit;
    ++element;
    return true;
  };
  const ByteSet any = byte_range(0, 255);
  for (size_t i = 1; i < p.size();) {
    char c = p[i];
    bool ok = true;
    if (c == 'X' || c == 'x') ok = add(byte_range('0', '9'), false), ++i;
    else if (c == 'Z' || c == 'z') ok = add(byte_range('1', '9'), false), ++i;
    else if (c == 'N' || c == 'n') ok = add(byte_range('2', '9'), false), ++i;
    else if (c == '.') ok = add(any, false) && add(any, true), ++i;  // one, then any more
    else if (c == '!') ok = add(any, true), ++i;
    else if (c == '[') {
      auto set = parse_set(p, i, error);
      if (!set) return std::nullopt;
      ok = add(*set, false);
    } else {
      auto b = static_cast<unsigned char>(c);
      ok = add(byte_range(b, b), false), ++i;
    }
    if (!ok) {
      error = "pattern longer than " + std::to_string(kMaxElements) + " elements";
      return std::nullopt;
    }
  }
  out.final_ = uint64_t{1} << element;
  return out;
}

// A repeating element may match nothing: reaching the state before it also
// reaches the state after it. Bits only move upwards, so one ascending pass
// over the (at most 62) elements settles every chain of repeats.
uint64_t DialPattern::closure(uint64_t states) const {
  uint64_t stars = stars_;
  while (stars) {
    uint64_t bit = stars & (~stars + 1);
    if (states & (bit >> 1)) states |= bit;
    stars &= stars - 1;
  }
  return states;
}

bool DialPattern::may_start_with(unsigned char c) const {
  uint64_t start = closure(1);
  return closure(((start << 1) & accepts_[c]) | (start & stars_)) != 0;
}

bool DialPattern::matches(std::string_view dialed) const {
  uint64_t states = closure(1);
  for (unsigned char c : dialed) {
    uint64_t stepped = (states << 1) & accepts_[c];
    uint64_t stayed = states & stars_;  // a repeat consumes any byte and stays
    states = closure(stepped | stayed);
    if (states == 0) return false;
  }
  return (states & final_) != 0;
}

}  // namespace scopegate
