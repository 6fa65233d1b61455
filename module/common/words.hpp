// The vocabulary of the model: scopes, reaches, channels, target kinds,
// supervisor view flags, reasons and hooks, with their config/CLI words.
// Header-only: the module, the CLI (which links no engine code) and the
// tests all include this one definition.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <span>
#include <string_view>

#include "scopegate/scopegate.h"

namespace scopegate {

// Ranked lowest to highest: the enum value is the rank.
enum class Scope : uint8_t {
  no_portal,
  basic_user,
  call_center_agent,
  call_center_supervisor,
  site_manager,
  office_manager,
  reseller,
  super_user,
};
inline constexpr int kScopeCount = 8;
constexpr int rank(Scope s) { return static_cast<int>(s); }

// How far from the actor a target may be; each includes the ones before it.
enum class Reach : uint8_t { none, self, queue, site, domain, all };

enum class Channel : uint8_t {
  portal = SG_CHANNEL_PORTAL,
  mobile_app,
  web_phone,
  attendant_console,
  api,
  sip_device,
};
inline constexpr int kChannelCount = 6;
// Bit of a channel in a set of channels.
constexpr uint8_t channel_bit(Channel c) { return uint8_t(1u << (static_cast<int>(c) - 1)); }
inline constexpr uint8_t kAllChannels = (1u << kChannelCount) - 1;

enum class TargetKind : uint8_t {
  none = SG_TARGET_NONE,
  user,
  queue,
  site,
  domain,
  object,
};

// Supervisor view flags (bits); a feature may require one of them.
enum ViewFlag : uint8_t {
  kViewStatsGrid = 1,
  kViewAgents = 2,
  kViewCallActivity = 4,
  kViewReports = 8,
  kViewRecordings = 16,
};
inline constexpr uint8_t kAllViews = 31;

// Values equal the SG_REASON_* constants of the C ABI.
enum class Reason : uint8_t {
  ok = SG_REASON_OK,
  unknown_user,
  disabled_user,
  system_user,
  no_portal_scope,
  channel_not_allowed,
  unknown_feature,
  scope_lacks_feature,
  view_disabled,
  out_of_reach,
  unknown_target,
  rank_too_low,
  self_assignment,
  emergency,
  bad_request,
  internal_error,
};
static_assert(static_cast<int>(Reason::internal_error) == SG_REASON_INTERNAL_ERROR);
static_assert(static_cast<int>(Channel::sip_device) == SG_CHANNEL_SIP_DEVICE);
static_assert(static_cast<int>(TargetKind::object) == SG_TARGET_OBJECT);

enum class Hook : uint8_t { login, dial, feature };

// The words, in enum order (channels from SG_CHANNEL_PORTAL = 1).
inline constexpr std::array<const char *, kScopeCount> kScopeWords = {
    "no_portal",    "basic_user",     "call_center_agent", "call_center_supervisor",
    "site_manager", "office_manager", "reseller",          "super_user"};
inline constexpr std::array<const char *, 6> kReachWords = {"none", "self", "queue", "site", "domain", "all"};
inline constexpr std::array<const char *, kChannelCount> kChannelWords = {
    "portal", "mobile_app", "web_phone", "attendant_console", "api", "sip_device"};
inline constexpr std::array<const char *, 6> kTargetWords = {"none", "user", "queue", "site", "domain", "object"};
inline constexpr std::array<const char *, 5> kViewWords = {"stats_grid", "agents", "call_activity", "reports",
                                                           "recordings"};
inline constexpr std::array<const char *, 16> kReasonWords = {"ok",
                                                              "unknown_user",
                                                              "disabled_user",
                                                              "system_user",
                                                              "no_portal_scope",
                                                              "channel_not_allowed",
                                                              "unknown_feature",
                                                              "scope_lacks_feature",
                                                              "view_disabled",
                                                              "out_of_reach",
                                                              "unknown_target",
                                                              "rank_too_low",
                                                              "self_assignment",
                                                              "emergency",
                                                              "bad_request",
                                                              "internal_error"};

inline constexpr std::array<const char *, 3> kHookWords = {"login", "dial", "feature"};

namespace words_detail {

// Index of word in words, if present.
template <size_t N>
constexpr std::optional<size_t> find_word(const std::array<const char *, N> &words, std::string_view word) {
  for (size_t i = 0; i < N; ++i)
    if (word == words[i]) return i;
  return std::nullopt;
}

template <class E, size_t N>
constexpr std::optional<E> parse_as(const std::array<const char *, N> &words, std::string_view word, int first = 0) {
  auto i = find_word(words, word);
  if (!i) return std::nullopt;
  return static_cast<E>(static_cast<int>(*i) + first);
}

}  // namespace words_detail

// Word to value; nullopt for anything else.
inline std::optional<Scope> parse_scope(std::string_view w) { return words_detail::parse_as<Scope>(kScopeWords, w); }
inline std::optional<Reach> parse_reach(std::string_view w) { return words_detail::parse_as<Reach>(kReachWords, w); }
inline std::optional<Channel> parse_channel(std::string_view w) {
  return words_detail::parse_as<Channel>(kChannelWords, w, 1);
}
inline std::optional<TargetKind> parse_target_kind(std::string_view w) {
  return words_detail::parse_as<TargetKind>(kTargetWords, w);
}
inline std::optional<ViewFlag> parse_view_flag(std::string_view w) {
  auto i = words_detail::find_word(kViewWords, w);
  if (!i) return std::nullopt;
  return static_cast<ViewFlag>(1u << *i);
}

inline const char *scope_name(Scope s) { return kScopeWords[static_cast<size_t>(s) % kScopeCount]; }
inline const char *reach_name(Reach r) { return kReachWords[static_cast<size_t>(r) % kReachWords.size()]; }
inline const char *channel_name(Channel c) { return kChannelWords[(static_cast<size_t>(c) - 1) % kChannelCount]; }
inline const char *target_kind_name(TargetKind k) { return kTargetWords[static_cast<size_t>(k) % kTargetWords.size()]; }
inline const char *view_flag_name(uint8_t flag) {
  for (size_t i = 0; i < kViewWords.size(); ++i)
    if (flag == (1u << i)) return kViewWords[i];
  return "";
}
inline const char *reason_name(Reason r) {
  auto i = static_cast<size_t>(r);
  return i < kReasonWords.size() ? kReasonWords[i] : "internal_error";
}
inline const char *hook_name(Hook h) { return kHookWords[static_cast<size_t>(h) % kHookWords.size()]; }

// Every word of each vocabulary, for "did you mean" suggestions and the
// CLI's completion.
inline std::span<const char *const> scope_words() { return kScopeWords; }
inline std::span<const char *const> reach_words() { return kReachWords; }
inline std::span<const char *const> channel_words() { return kChannelWords; }
inline std::span<const char *const> target_kind_words() { return kTargetWords; }
inline std::span<const char *const> view_flag_words() { return kViewWords; }

}  // namespace scopegate
