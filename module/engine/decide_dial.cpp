// SPEC 2.3 dialplan: emergency numbers first, for every caller; then the
// first matching dial rule's feature, decided as in 2.2 without rule 2 (a
// phone with no portal still dials, so the 2.2 rule that decides it is the
// one recorded); no rule matched: allowed. 2.3 numbers none of its rules.
#include "engine/feature_rules.hpp"

namespace scopegate {

namespace {

bool is_emergency(const Snapshot &s, std::string_view destination) {
  for (std::string_view n : s.emergency_numbers)
    if (n == destination) return true;
  return false;
}

// The first rule whose prefix starts the destination or whose pattern
// matches it whole. Only the rules that can match a destination with this
// first byte are compared (a valid destination is never empty).
Index match_rule(const Snapshot &s, std::string_view destination) {
  if (destination.empty()) return kNoIndex;
  for (uint32_t i : s.dial_candidates_for(static_cast<unsigned char>(destination[0]))) {
    const DialRule &rule = s.dial_rules[i];
    bool hit = rule.pattern != kNoIndex ? s.dial_patterns[rule.pattern].matches(destination)
                            : destination.size() >= rule.prefix.size() &&
                                  same_text(destination.substr(0, rule.prefix.size()), rule.prefix);
    if (hit) return static_cast<Index>(i);
  }
  return kNoIndex;
}

// What the rest of the dialed string names: a user to act on, or a queue for
// the caller to act in (agent login/logout: the target user is the caller).
TargetRef dial_target(const Snapshot &s, const DialRule &rule, std::string_view rest, Index actor) {
  TargetRef t;
  if (rule.target == DialTarget::user) {
    t.kind = TargetKind::user;
    t.id = rest;
  } else if (rule.target == DialTarget::queue) {
    t.kind = TargetKind::user;
    t.id = s.users[actor].id;
    t.queue = rest;
    t.queue_named = true;  // "*71" alone names no known queue (rule 6)
  }
  return t;
}

}  // namespace

Outcome decide_dial(const Snapshot &s, const DialRequest &r) {
  Outcome o;
  o.hook = Hook::dial;
  if (!is_valid_id(r.destination)) {
    decided(o, Rule::bad_request);
    return o;
  }
  if (is_emergency(s, r.destination)) {  // Kari's Law: never blocked, whoever calls
    decided(o, Rule::dial_emergency);
    return o;
  }
  o.actor = find_actor(s, r.user, r.domain);
  if (deny_bad_actor_ids(o, r.user, r.domain) ||
      deny_unknown_or_disabled(s, o, Rule::dial_unknown_caller, Rule::dial_disabled_caller))
    return o;
  o.dial_rule = match_rule(s, r.destination);
  if (o.dial_rule == kNoIndex) {
    decided(o, Rule::dial_no_match);
    return o;
  }
  const DialRule &rule = s.dial_rules[o.dial_rule];
  // A dialed string cannot carry the scope that scope.assign needs (SPEC
  // 2.4): such a rule's dials are bad requests, never allowed.
  if (rule.feature != kNoIndex && s.features[rule.feature].assigns_scope) {
    decided(o, Rule::bad_request);
    return o;
  }
  std::string_view rest = rule.pattern != kNoIndex ? std::string_view{} : r.destination.substr(rule.prefix.size());
  // "*33" alone names nobody: the empty id is an unknown target (rule 6).
  decide_feature_rules(s, rule.feature, dial_target(s, rule, rest, o.actor), o);
  return o;
}

}  // namespace scopegate
