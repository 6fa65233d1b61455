// request_words.hpp - the fixed vocabularies of the CLI grammar: channel words,
// scope words, target kinds (SPEC.md sections 1, 2.1 and 6).
#ifndef SCOPEGATE_TOOLS_REQUEST_WORDS_HPP
#define SCOPEGATE_TOOLS_REQUEST_WORDS_HPP

#include <cstdint>
#include <string_view>

namespace scopegate::cli {

// SG_CHANNEL_* for a channel word ("portal", ...), 0 for anything else.
int32_t channel_from_word(std::string_view word);

// True for one of the eight scope words ("no_portal" ... "super_user").
bool is_scope_word(std::string_view word);

// SG_TARGET_* for a target kind word ("user", "queue", "site", "domain",
// "object"), -1 for anything else ("none" is not a word: omit the target).
int32_t target_kind_from_word(std::string_view word);

}  // namespace scopegate::cli

#endif
