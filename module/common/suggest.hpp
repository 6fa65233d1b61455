// "Did you mean ...?": the known name closest to a misspelled one, so a
// message about an unknown name can say what would be right.
#pragma once

#include <initializer_list>
#include <string>
#include <string_view>
#include <vector>

namespace scopegate {

// Edits (insert, delete, substitute, swap two neighbours) from a to b.
size_t edit_distance(std::string_view a, std::string_view b);

// Collects candidates and keeps the closest to word, when close enough to
// be a plausible typo (at most a third of the word's length, at least 1
// and at most 3 edits; a name in another case counts as close).
class Suggestion {
 public:
  explicit Suggestion(std::string_view word) : word_(word) {}
  void consider(std::string_view candidate);
  template <class Range>
  Suggestion &from(const Range &candidates) {
    for (const auto &c : candidates) consider(c);
    return *this;
  }
  Suggestion &from(std::initializer_list<std::string_view> candidates) {
    for (auto c : candidates) consider(c);
    return *this;
  }
  // " (did you mean 'x'?)", or "" when nothing is close.
  std::string hint() const;
  const std::string &best() const { return best_; }

 private:
  std::string_view word_;
  std::string best_;
  size_t best_distance_ = static_cast<size_t>(-1);
};

}  // namespace scopegate
