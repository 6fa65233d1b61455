// The rules of SPEC 2.1-2.3 as one table. A decision records the rule that
// decided it (Outcome::rule) and takes the reason from the table; explain,
// the log lines and the man page (checked by test_rules) take the number
// and meaning from it too, so a rule, its reason and its words cannot
// drift apart.
#pragma once

#include <array>
#include <cstdint>

#include "common/words.hpp"

namespace scopegate {

enum class Rule : uint8_t {
  internal_error,  // no rule decided: what every outcome says until one does
  bad_request,
  login_unknown_user,
  login_disabled_user,
  login_system_user,
  login_sip_device,
  login_no_portal,
  login_channel_not_allowed,
  login_allow,
  feature_unknown_user,
  feature_disabled_user,
  feature_system_user,
  feature_no_portal,
  feature_unknown_feature,
  feature_no_grant,
  feature_view_disabled,
  feature_unknown_target,
  feature_out_of_reach,
  feature_rank_guard,
  feature_self_assignment,
  feature_assign_rank,
  feature_allow,
  dial_emergency,
  dial_unknown_caller,
  dial_disabled_caller,
  dial_no_match,
};

struct RuleInfo {
  Hook hook;             // whose rule; bad_request and internal_error: any hook
  const char *section;   // "2.1", "2.2", "2.3"; "" for bad_request and internal_error
  uint8_t number;        // SPEC's number in that section; 0: the section numbers none (2.3)
  Reason reason;
  const char *meaning;   // one line, for explanations and the man page
};

inline constexpr std::array<RuleInfo, 26> kRules = {{
    {Hook::feature, "", 0, Reason::internal_error, "the module failed internally"},
    {Hook::feature, "", 0, Reason::bad_request, "the request is malformed"},
    {Hook::login, "2.1", 1, Reason::unknown_user, "the user is not in the config"},
    {Hook::login, "2.1", 2, Reason::disabled_user, "the user is disabled"},
    {Hook::login, "2.1", 3, Reason::system_user, "system users never log in"},
    {Hook::login, "2.1", 4, Reason::ok, "a SIP device may register"},
    {Hook::login, "2.1", 5, Reason::no_portal_scope, "no_portal users have no interactive login"},
    {Hook::login, "2.1", 6, Reason::channel_not_allowed, "the channel is not allowed for the user's scope"},
    {Hook::login, "2.1", 7, Reason::ok, "every check passed"},
    {Hook::feature, "2.2", 1, Reason::unknown_user, "the user is not in the config"},
    {Hook::feature, "2.2", 1, Reason::disabled_user, "the user is disabled"},
    {Hook::feature, "2.2", 2, Reason::system_user, "system users have no portal"},
    {Hook::feature, "2.2", 2, Reason::no_portal_scope, "no_portal users have no portal"},
    {Hook::feature, "2.2", 3, Reason::unknown_feature, "no policy has this feature"},
    {Hook::feature, "2.2", 4, Reason::scope_lacks_feature, "the scope's grant for the feature is none"},
    {Hook::feature, "2.2", 5, Reason::view_disabled, "the supervisor's view flag for this page is off"},
    {Hook::feature, "2.2", 6, Reason::unknown_target, "the config has no such target"},
    {Hook::feature, "2.2", 7, Reason::out_of_reach, "the target is outside the granted reach"},
    {Hook::feature, "2.2", 8, Reason::rank_too_low, "the target user ranks at or above the actor"},
    {Hook::feature, "2.2", 9, Reason::self_assignment, "nobody changes their own scope"},
    {Hook::feature, "2.2", 9, Reason::rank_too_low, "nobody grants a scope at or above their own"},
    {Hook::feature, "2.2", 10, Reason::ok, "the grant covers the target"},
    {Hook::dial, "2.3", 0, Reason::emergency, "emergency numbers are never blocked"},
    {Hook::dial, "2.3", 0, Reason::unknown_user, "the caller is not in the config"},
    {Hook::dial, "2.3", 0, Reason::disabled_user, "the caller is disabled"},
    {Hook::dial, "2.3", 0, Reason::ok, "no dial rule matches: allowed"},
}};

constexpr const RuleInfo &rule_info(Rule r) { return kRules[static_cast<size_t>(r)]; }

// Rules decided after the target was looked up (so an explanation shows it).
constexpr bool target_looked_at(Rule r) { return r >= Rule::feature_unknown_target && r <= Rule::feature_allow; }

}  // namespace scopegate
