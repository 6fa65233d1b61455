// The parts of SPEC 2.2 that the dialplan shares: the actor check (rule 1)
// and the feature rules after the portal check (rules 3-10).
#pragma once

#include "engine/decision.hpp"

namespace scopegate {

// The actor user@domain, or kNoIndex. Looked up before the two ids are
// validated: an actor found in the config has valid ids (the loader checked
// every id it stored), so only a failed lookup needs deny_bad_ids to tell a
// bad request from an unknown user; that spares every decision two checks.
// Ids longer than any valid one are not even read.
Index find_actor(const Snapshot &s, std::string_view user, std::string_view domain);
// Bad request: a required id missing or malformed.
bool deny_bad_ids(Outcome &o, std::string_view user, std::string_view domain);
// Bad request for the actor's ids, unless o.actor (from find_actor) was
// found: then they are valid.
inline bool deny_bad_actor_ids(Outcome &o, std::string_view user, std::string_view domain) {
  return o.actor == kNoIndex && deny_bad_ids(o, user, domain);
}
// Unknown or disabled actor (o.actor, from find_actor): the hook's rules.
bool deny_unknown_or_disabled(const Snapshot &s, Outcome &o, Rule unknown, Rule disabled);
// Rules 3-10 for o.actor; o.feature set when the feature id is known.
void decide_feature_rules(const Snapshot &s, Index feature, const TargetRef &target, Outcome &o);
// Bad request: malformed optional target fields.
bool deny_bad_target(Outcome &o, const TargetRef &t);
// Bad request: a scope-assigning feature without the requested scope, for
// every target kind (SPEC 2.4).
bool deny_scope_missing(const Snapshot &s, Index feature, const TargetRef &t, Outcome &o);

}  // namespace scopegate
