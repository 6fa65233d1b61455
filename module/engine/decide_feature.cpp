// SPEC 2.2 feature access: rules 1-10, first that applies wins.
#include "engine/feature_rules.hpp"
#include "engine/reach.hpp"

namespace scopegate {

namespace {

bool optional_ok(std::string_view field) { return field.empty() || is_valid_id(field); }

// Rule 2: system users and no_portal users have no portal.
bool deny_portal_less(const Snapshot &s, Outcome &o) {
  const User &actor = s.users[o.actor];
  if (actor.system) return decided(o, Rule::feature_system_user);
  if (actor.scope == Scope::no_portal) return decided(o, Rule::feature_no_portal);
  return false;
}

// Rule 5: a supervisor page feature whose view flag is switched off.
bool deny_view_disabled(const Snapshot &s, Outcome &o) {
  const User &actor = s.users[o.actor];
  const Feature &f = s.features[o.feature];
  if (f.view == 0 || actor.scope != Scope::call_center_supervisor) return false;
  return (actor.views & f.view) == 0 && decided(o, Rule::feature_view_disabled);
}

Index target_domain(const Snapshot &s, const User &actor, const TargetRef &t) {
  std::string_view name = t.domain;
  if (t.kind == TargetKind::domain && !t.id.empty()) name = t.id;
  return name.empty() ? actor.domain : s.find_domain(name);
}

// "101" (a user of the actor's domain) or "101@acme.example" naming the
// actor. Ownership holds in any domain; whether another domain is in reach
// at all is reach's question (SPEC 2.4).
bool owner_is(const Snapshot &s, const User &actor, std::string_view owner) {
  if (owner.empty()) return false;
  if (owner == actor.id) return true;
  std::string_view dom = s.domains[actor.domain].name;
  return owner.size() == actor.id.size() + 1 + dom.size() && owner.starts_with(actor.id) &&
         owner[actor.id.size()] == '@' && owner.ends_with(dom);
}

// Rule 6 needs users and queues looked up; sites and domains too (an
// unknown one is never silently out of or in reach).
bool resolve_target(const Snapshot &s, const User &actor, const TargetRef &t, ResolvedTarget &out) {
  out.kind = t.kind;
  if (t.kind == TargetKind::none) return true;
  out.domain = target_domain(s, actor, t);
  if (out.domain == kNoIndex) return false;
  switch (t.kind) {
    case TargetKind::user: out.user = s.find_user(out.domain, t.id); break;
    case TargetKind::queue: out.queue = s.find_queue(out.domain, t.id); return out.queue != kNoIndex;
    case TargetKind::site: out.site = s.find_site(out.domain, t.id); return out.site != kNoIndex;
    case TargetKind::object:
      out.object_site = t.site;
      out.owned_by_actor = owner_is(s, actor, t.owner);
      return true;
    default: return true;
  }
  if (out.user == kNoIndex) return false;
  if (t.queue.empty() && !t.queue_named) return true;
  out.queue = s.find_queue(out.domain, t.queue);
  return out.queue != kNoIndex;
}

// Rule 8: a guarded feature on another user who ranks at or above the actor.
bool deny_rank_guard(const Snapshot &s, const ResolvedTarget &t, Outcome &o) {
  if (!s.features[o.feature].guarded || t.kind != TargetKind::user || t.user == o.actor) return false;
  return rank(s.users[t.user].scope) >= rank(s.users[o.actor].scope) && decided(o, Rule::feature_rank_guard);
}

// Rule 9: nobody changes their own scope or grants one at or above their
// own, whatever the target kind (SPEC 2.4). The requested scope is there:
// a scope.assign without one was refused as a bad request.
bool deny_scope_assign(const Snapshot &s, const TargetRef &ref, const ResolvedTarget &t, Outcome &o) {
  if (!s.features[o.feature].assigns_scope) return false;
  if (t.kind == TargetKind::user && t.user == o.actor) return decided(o, Rule::feature_self_assignment);
  return (!ref.scope || rank(*ref.scope) >= rank(s.users[o.actor].scope)) && decided(o, Rule::feature_assign_rank);
}

}  // namespace

bool deny_bad_ids(Outcome &o, std::string_view user, std::string_view domain) {
  if (is_valid_id(user) && is_valid_id(domain)) return false;
  return decided(o, Rule::bad_request);
}

bool deny_bad_target(Outcome &o, const TargetRef &t) {
  bool ok = optional_ok(t.domain) && optional_ok(t.object_kind) && optional_ok(t.site) && optional_ok(t.owner) &&
            optional_ok(t.queue);
  if (t.kind != TargetKind::none && t.kind != TargetKind::domain) ok = ok && is_valid_id(t.id);
  if (t.kind == TargetKind::domain) ok = ok && optional_ok(t.id);
  return !ok && decided(o, Rule::bad_request);
}

bool deny_scope_missing(const Snapshot &s, Index feature, const TargetRef &t, Outcome &o) {
  return feature != kNoIndex && s.features[feature].assigns_scope && !t.scope && decided(o, Rule::bad_request);
}

Index find_actor(const Snapshot &s, std::string_view user, std::string_view domain) {
  bool may_be_valid = user.size() - 1 < kMaxIdBytes && domain.size() - 1 < kMaxIdBytes;  // 1..255 bytes
  return may_be_valid ? s.find_user_at(domain, user) : kNoIndex;
}

bool deny_unknown_or_disabled(const Snapshot &s, Outcome &o, Rule unknown, Rule disabled) {
  if (o.actor == kNoIndex) return decided(o, unknown);
  if (!s.users[o.actor].enabled) return decided(o, disabled);
  return false;
}

void decide_feature_rules(const Snapshot &s, Index feature, const TargetRef &target, Outcome &o) {
  o.feature = feature;
  if (feature == kNoIndex) return void(decided(o, Rule::feature_unknown_feature));
  const User &actor = s.users[o.actor];
  o.grant = s.features[feature].grant[static_cast<size_t>(actor.scope)];
  if (o.grant == Reach::none) return void(decided(o, Rule::feature_no_grant));
  if (deny_view_disabled(s, o)) return;
  ResolvedTarget t;
  bool known = resolve_target(s, actor, target, t);
  o.target_user = t.user;
  o.target_queue = t.queue;
  if (!known) return void(decided(o, Rule::feature_unknown_target));
  if (!target_in_reach(s, o.actor, o.grant, t)) return void(decided(o, Rule::feature_out_of_reach));
  if (deny_rank_guard(s, t, o) || deny_scope_assign(s, target, t, o)) return;
  decided(o, Rule::feature_allow);
}

Outcome decide_feature(const Snapshot &s, const FeatureRequest &r) {
  Outcome o;
  o.hook = Hook::feature;
  o.actor = find_actor(s, r.user, r.domain);
  bool feature_valid = is_valid_id(r.feature);
  Index feature = feature_valid ? s.find_feature(r.feature) : kNoIndex;
  if (deny_bad_actor_ids(o, r.user, r.domain) || (!feature_valid && decided(o, Rule::bad_request)) ||
      deny_bad_target(o, r.target) || deny_scope_missing(s, feature, r.target, o)) {
    o.actor = kNoIndex;  // a bad request is refused before the actor is looked at
    return o;
  }
  if (deny_unknown_or_disabled(s, o, Rule::feature_unknown_user, Rule::feature_disabled_user) || deny_portal_less(s, o))
    return o;
  decide_feature_rules(s, feature, r.target, o);
  return o;
}

}  // namespace scopegate
