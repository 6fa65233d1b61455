// The vocabulary of the model: scopes, reaches, channels, target kinds,
// supervisor view flags and reasons, with their config/CLI words.
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

std::optional<Scope> parse_scope(std::string_view word);
std::optional<Reach> parse_reach(std::string_view word);
std::optional<Channel> parse_channel(std::string_view word);
std::optional<TargetKind> parse_target_kind(std::string_view word);
std::optional<ViewFlag> parse_view_flag(std::string_view word);

const char *scope_name(Scope s);
const char *reach_name(Reach r);
const char *channel_name(Channel c);
const char *target_kind_name(TargetKind k);
const char *view_flag_name(uint8_t single_flag);
// Every word of each vocabulary, for "did you mean" suggestions.
std::span<const char *const> scope_words();
std::span<const char *const> reach_words();
std::span<const char *const> channel_words();
std::span<const char *const> target_kind_words();
std::span<const char *const> view_flag_words();
// Static, never NULL; "internal_error" for a value out of range.
const char *reason_name(Reason r);

}  // namespace scopegate
