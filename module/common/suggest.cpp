#include "common/suggest.hpp"

#include <algorithm>
#include <cctype>

namespace scopegate {

size_t edit_distance(std::string_view a, std::string_view b) {
  // Optimal string alignment over three rows: names are short.
  std::vector<size_t> before(b.size() + 1), prev(b.size() + 1), cur(b.size() + 1);
  for (size_t j = 0; j <= b.size(); ++j) prev[j] = j;
  for (size_t i = 1; i <= a.size(); ++i) {
    cur[0] = i;
    for (size_t j = 1; j <= b.size(); ++j) {
      size_t cost = a[i - 1] == b[j - 1] ? 0 : 1;
      cur[j] = std::min({prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost});
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) cur[j] = std::min(cur[j], before[j - 2] + 1);
    }
    std::swap(before, prev);
    std::swap(prev, cur);
  }
  return prev[b.size()];
}

namespace {

bool same_ignoring_case(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return std::tolower(static_cast<unsigned char>(x)) == std::tolower(static_cast<unsigned char>(y));
         });
}

// A name longer or shorter by more than the limit cannot be close: skip
// the table (a domain may hold thousands of users).
size_t limit_for(std::string_view word) { return std::clamp<size_t>(word.size() / 3, 1, 3); }

}  // namespace

void Suggestion::consider(std::string_view candidate) {
  if (candidate == word_ || candidate.empty() || word_.empty()) return;
  size_t limit = limit_for(word_);
  size_t gap = candidate.size() > word_.size() ? candidate.size() - word_.size() : word_.size() - candidate.size();
  if (gap > limit && !(candidate.starts_with(word_) || word_.starts_with(candidate))) return;
  // A longer or shorter spelling of a word ("warning" for "warn") is close.
  bool extends = std::min(candidate.size(), word_.size()) >= 3 &&
                 (candidate.starts_with(word_) || word_.starts_with(candidate));
  size_t d = same_ignoring_case(candidate, word_) ? 0 : extends ? 1 : edit_distance(word_, candidate);
  if (d <= limit && d < best_distance_) {
    best_distance_ = d;
    best_ = std::string(candidate);
  }
}

std::string Suggestion::hint() const { return best_.empty() ? std::string() : " (did you mean '" + best_ + "'?)"; }

}  // namespace scopegate
