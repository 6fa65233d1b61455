// Probes: the real decision functions asked on behalf of a user of the
// snapshot. The reports (can, who, diff) enumerate by asking these, never
// by a second copy of the rules, so they stay right when the rules change.
#pragma once

#include <string>
#include <string_view>

#include "engine/decision.hpp"

namespace scopegate {

// "No target" as the reports ask it: with the lowest scope as the requested
// scope, since scope.assign without one is a bad request (SPEC 2.4) and
// every other feature ignores the field. A feature is granted when this
// allows.
TargetRef no_target();

Outcome probe_login(const Snapshot &s, Index user, Channel channel);
Outcome probe_feature(const Snapshot &s, Index user, std::string_view feature, const TargetRef &target);
// Decided by name: a user absent from s is decided as unknown (diff).
Outcome probe_login_named(const Snapshot &s, std::string_view user, std::string_view domain, Channel channel);
Outcome probe_feature_named(const Snapshot &s, std::string_view user, std::string_view domain,
                            std::string_view feature);

// "allow", "deny REASON" or "error REASON": what the CLI prints for it.
std::string verdict_words(const Outcome &o);

// "id@domain" of a user of s.
std::string user_name(const Snapshot &s, Index user);

// The level that set user's grant for feature (SPEC 3.1: "user", "domain",
// "top" or "default", from grant_for, as the decision takes it) and the
// "FILE:LINE" of that entry, empty for the built-in default.
const char *grant_level(const Snapshot &s, Index user, Index feature);
std::string grant_place(const Snapshot &s, Index user, Index feature);
// "FILE:LINE" of the top-level entry that set feature's grant for scope,
// empty for the built-in default (dump's policy table).
std::string top_grant_place(const Snapshot &s, Index feature, Scope scope);

}  // namespace scopegate
