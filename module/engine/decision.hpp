// Requests as the engine sees them (views into the host's buffers, already
// validated by the C boundary) and the outcome of a decision, which records
// enough of how it was reached to explain it without allocating.
#pragma once

#include <string_view>

#include "engine/rules.hpp"
#include "engine/snapshot.hpp"

namespace scopegate {

struct TargetRef {
  TargetKind kind = TargetKind::none;
  std::string_view id, domain, object_kind, site, owner, queue;
  std::optional<Scope> scope;  // scope.assign: the requested scope
  // A dial rule of target kind queue names a queue even when nothing follows
  // its prefix (then an unknown one); elsewhere an empty queue is none.
  bool queue_named = false;
};

struct LoginRequest {
  std::string_view user, domain;
  Channel channel;
};

struct DialRequest {
  std::string_view user, domain, destination;
};

struct FeatureRequest {
  std::string_view user, domain, feature;
  TargetRef target;
};

struct Outcome {
  Reason reason = Reason::internal_error;
  Hook hook = Hook::feature;
  Rule rule = Rule::internal_error;  // the rule that decided (rules.hpp)
  Index actor = kNoIndex;
  Index feature = kNoIndex;
  Reach grant = Reach::none;     // the actor's grant for the feature
  Index target_user = kNoIndex;  // resolved target user / queue, when any
  Index target_queue = kNoIndex;
  Index dial_rule = kNoIndex;    // dial: the rule that matched

  bool allowed() const { return reason == Reason::ok || reason == Reason::emergency; }
};

// Records the rule that decided, and its reason (from the table); returns
// true so rule checks read "if (x) return decided(...)". Allows as well as
// denies: the table has both.
inline bool decided(Outcome &o, Rule rule) {
  o.rule = rule;
  o.reason = rule_info(rule).reason;
  return true;
}

Outcome decide_login(const Snapshot &s, const LoginRequest &r);
Outcome decide_dial(const Snapshot &s, const DialRequest &r);
Outcome decide_feature(const Snapshot &s, const FeatureRequest &r);

}  // namespace scopegate
