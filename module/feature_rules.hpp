// The parts of SPEC 2.2 that the dialplan shares: the actor check (rule 1)
// and the feature rules after the portal check (rules 3-10).
#pragma once

#include "decision.hpp"

namespace scopegate {

// Records a deny by reason and rule number; returns true so rule checks
// read "if (x) return deny(...)".
inline bool deny(Outcome &o, Reason reason, uint8_t rule) {
  o.reason = reason;
  o.rule = rule;
  return true;
}

// Bad request: a required id missing or malformed.
bool deny_bad_ids(Outcome &o, std::string_view user, std::string_view domain);
// Rule 1: unknown or disabled actor. Sets o.actor.
bool deny_unknown_or_disabled(const Snapshot &s, std::string_view user, std::string_view domain, Outcome &o,
                              uint8_t rule);
// Rules 3-10 for o.actor; o.feature set when the feature id is known.
void decide_feature_rules(const Snapshot &s, Index feature, const TargetRef &target, Outcome &o);
// Malformed optional target fields or a scope.assign without a scope.
bool deny_bad_target(Outcome &o, std::string_view feature, const TargetRef &t);

}  // namespace scopegate
