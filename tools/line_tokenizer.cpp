// line_tokenizer.cpp - word splitting for batch lines.
#include "line_tokenizer.hpp"

namespace scopegate::cli {
namespace {

// Only ASCII whitespace separates: UTF-8 continuation bytes and other
// control characters stay inside words (the module rejects the latter).
bool is_blank(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f'; }

}  // namespace

bool split_words(std::string_view line, std::vector<std::string_view> &words) {
  words.clear();
  std::size_t i = 0;
  const std::size_t n = line.size();
  while (i < n) {
    while (i < n && is_blank(line[i])) ++i;
    if (i == n) break;
    const std::size_t start = i;
    while (i < n && !is_blank(line[i])) ++i;
    if (words.size() == kMaxWords) return false;
    words.push_back(line.substr(start, i - start));
  }
  return true;
}

bool is_blank_or_comment(std::string_view line) {
  for (char c : line) {
    if (is_blank(c)) continue;
    return c == '#';
  }
  return true;
}

}  // namespace scopegate::cli
