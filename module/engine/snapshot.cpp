#include "engine/snapshot.hpp"

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

}  // namespace scopegate
