// request_words.cpp - the CLI grammar's words, read with the module's own
// vocabulary (common/words.hpp), so the CLI and the module cannot disagree.
//
// The CLI checks channel and scope words itself so that a typo is reported as
// `error bad_request` naming the word, instead of reaching the module as an
// arbitrary number or string.
#include "request_words.hpp"

#include "common/words.hpp"

namespace scopegate::cli {

int32_t channel_from_word(std::string_view word) {
  auto channel = parse_channel(word);
  return channel ? static_cast<int32_t>(*channel) : 0;
}

bool is_scope_word(std::string_view word) { return parse_scope(word).has_value(); }

int32_t target_kind_from_word(std::string_view word) {
  auto kind = parse_target_kind(word);
  // "none" is not a TARGET word: a request without a target omits it.
  return kind && *kind != TargetKind::none ? static_cast<int32_t>(*kind) : -1;
}

}  // namespace scopegate::cli
