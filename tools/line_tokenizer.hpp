// line_tokenizer.hpp - splits a batch line into words.
//
// Requests are plain words (ids never contain blanks), so there is no quoting:
// any run of ASCII whitespace separates words. Arbitrary bytes are safe input.
#ifndef SCOPEGATE_TOOLS_LINE_TOKENIZER_HPP
#define SCOPEGATE_TOOLS_LINE_TOKENIZER_HPP

#include <cstddef>
#include <string_view>
#include <vector>

namespace scopegate::cli {

// The longest request ("explain feature U F T" and four options with values)
// has 13 words; a line with more than this is malformed, which also bounds
// the memory one hostile line can take.
inline constexpr std::size_t kMaxWords = 16;

// Fills words (cleared first, its capacity reused) with views into line.
// Returns false when the line has more than kMaxWords words.
bool split_words(std::string_view line, std::vector<std::string_view> &words);

// True for a line that holds no request: only whitespace, or a comment
// (first non-blank character '#').
bool is_blank_or_comment(std::string_view line);

}  // namespace scopegate::cli

#endif
