#include "engine/snapshot.hpp"

#include <algorithm>

namespace scopegate {

void index_dial_rules(Snapshot &s) {
  s.dial_candidates.clear();
  for (unsigned byte = 0; byte < 256; ++byte) {
    Span &span = s.dial_rules_by_byte[byte];
    span.offset = static_cast<uint32_t>(s.dial_candidates.size());
    for (size_t i = 0; i < s.dial_rules.size(); ++i) {
      const DialRule &rule = s.dial_rules[i];
      auto first = static_cast<unsigned char>(byte);
      bool may = rule.pattern != kNoIndex ? s.dial_patterns[rule.pattern].may_start_with(first)
                              : !rule.prefix.empty() && static_cast<unsigned char>(rule.prefix[0]) == first;
      if (may) s.dial_candidates.push_back(static_cast<uint32_t>(i));
    }
    span.count = static_cast<uint32_t>(s.dial_candidates.size()) - span.offset;
  }
  s.dial_candidates.shrink_to_fit();
}

void UserRuns::build(const std::vector<std::pair<Index, Span>> &runs) {
  // Load factor 2/3: a lookup reads two slots on average (12 bytes each,
  // mostly in one cache line).
  slots_.assign(runs.empty() ? 0 : runs.size() + runs.size() / 2 + 1, Slot{});
  size_ = runs.size();
  for (auto [user, run] : runs) {
    size_t i = home(user);
    while (slots_[i].user != kNoIndex) i = next(i);
    slots_[i] = Slot{user, run};
  }
}

std::string Snapshot::place(uint32_t where) const {
  if (where == kNoPlace) return {};
  PlaceView p = place_view(where);
  return std::string(p.file).append(":").append(std::to_string(p.line));
}

uint32_t place_file(Snapshot &s, std::string_view file) {
  if (s.place_files.empty() || s.place_files.back() != file) s.place_files.push_back(s.text.store(file));
  return static_cast<uint32_t>(s.place_files.size() - 1);
}

uint32_t add_place(Snapshot &s, std::string_view file, uint32_t line) {
  Place p{place_file(s, file), line};
  if (s.places.empty() || s.places.back() != p) s.places.push_back(p);
  return static_cast<uint32_t>(s.places.size() - 1);
}

}  // namespace scopegate
