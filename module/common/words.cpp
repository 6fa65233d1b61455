#include "common/words.hpp"

namespace scopegate {
namespace {

constexpr std::array<const char *, kScopeCount> kScopeWords = {
    "no_portal",    "basic_user",     "call_center_agent", "call_center_supervisor",
    "site_manager", "office_manager", "reseller",          "super_user"};
constexpr std::array<const char *, 6> kReachWords = {"none", "self", "queue", "site", "domain", "all"};
constexpr std::array<const char *, kChannelCount> kChannelWords = {
    "portal", "mobile_app", "web_phone", "attendant_console", "api", "sip_device"};
constexpr std::array<const char *, 6> kTargetWords = {"none", "user", "queue", "site", "domain", "object"};
constexpr std::array<const char *, 5> kViewWords = {"stats_grid", "agents", "call_activity", "reports",
                                                    "recordings"};
constexpr std::array<const char *, 16> kReasonWords = {
    "ok",           "unknown_user",   "disabled_user", "system_user",         "no_portal_scope",
    "channel_not_allowed", "unknown_feature", "scope_lacks_feature", "view_disabled", "out_of_reach",
    "unknown_target", "rank_too_low", "self_assignment", "emergency",         "bad_request",
    "internal_error"};

// Index of word in words, if present.
template <size_t N>
std::optional<size_t> find_word(const std::array<const char *, N> &words, std::string_view word) {
  for (size_t i = 0; i < N; ++i)
    if (word == words[i]) return i;
  return std::nullopt;
}

template <class E, size_t N>
std::optional<E> parse_as(const std::array<const char *, N> &words, std::string_view word, int first = 0) {
  auto i = find_word(words, word);
  if (!i) return std::nullopt;
  return static_cast<E>(static_cast<int>(*i) + first);
}

}  // namespace

std::optional<Scope> parse_scope(std::string_view w) { return parse_as<Scope>(kScopeWords, w); }
std::optional<Reach> parse_reach(std::string_view w) { return parse_as<Reach>(kReachWords, w); }
std::optional<Channel> parse_channel(std::string_view w) { return parse_as<Channel>(kChannelWords, w, 1); }
std::optional<TargetKind> parse_target_kind(std::string_view w) { return parse_as<TargetKind>(kTargetWords, w); }
std::optional<ViewFlag> parse_view_flag(std::string_view w) {
  auto i = find_word(kViewWords, w);
  if (!i) return std::nullopt;
  return static_cast<ViewFlag>(1u << *i);
}

std::span<const char *const> scope_words() { return kScopeWords; }
std::span<const char *const> reach_words() { return kReachWords; }
std::span<const char *const> channel_words() { return kChannelWords; }
std::span<const char *const> target_kind_words() { return kTargetWords; }
std::span<const char *const> view_flag_words() { return kViewWords; }

const char *scope_name(Scope s) { return kScopeWords[static_cast<size_t>(s) % kScopeCount]; }
const char *reach_name(Reach r) { return kReachWords[static_cast<size_t>(r) % kReachWords.size()]; }
const char *channel_name(Channel c) { return kChannelWords[(static_cast<size_t>(c) - 1) % kChannelCount]; }
const char *target_kind_name(TargetKind k) { return kTargetWords[static_cast<size_t>(k) % kTargetWords.size()]; }
const char *view_flag_name(uint8_t flag) {
  for (size_t i = 0; i < kViewWords.size(); ++i)
    if (flag == (1u << i)) return kViewWords[i];
  return "";
}
const char *reason_name(Reason r) {
  auto i = static_cast<size_t>(r);
  return i < kReasonWords.size() ? kReasonWords[i] : "internal_error";
}

}  // namespace scopegate
