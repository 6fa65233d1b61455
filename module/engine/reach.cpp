#include "engine/reach.hpp"

#include <algorithm>

// Reach is cumulative (SPEC 2.4): what a grant reaches is the union of its
// own definition and every narrower one. Each function below therefore asks
// the narrow questions first (self, then what queue reach gives this actor)
// and only then the grant's own one (site, domain, all).

namespace scopegate {

namespace {

bool contains(std::span<const uint32_t> sorted, uint32_t value) {
  return std::binary_search(sorted.begin(), sorted.end(), value);
}

// Site reach's own definition: in the actor's domain and the actor's site.
// A target without a site, or an actor without one, is not in it.
bool same_site(const User &actor, Index domain, Index site) {
  return domain == actor.domain && actor.site != kNoIndex && site == actor.site;
}

// Queue reach over a user: an agent of a queue the actor manages.
bool agent_of_managed_queue(const Snapshot &s, const User &actor, const User &u) {
  for (uint32_t q : s.span(u.agent_of))
    if (manages_queue(s, actor, q)) return true;
  return false;
}

}  // namespace

bool is_agent_of(const Snapshot &s, Index user, Index queue) {
  return contains(s.span(s.users[user].agent_of), queue);
}

// Only a supervisor record gives managed queues (the loader refuses one on
// any other scope), so no scope test is needed here.
bool manages_queue(const Snapshot &s, const User &supervisor, Index queue) {
  if (supervisor.supervises_all) return s.queues[queue].domain == supervisor.domain;
  return contains(s.span(supervisor.supervised), queue);
}

// Grant `all` reaches every domain for a super user and the listed domains
// (plus their own, as `all` includes `domain`) for a reseller; below
// reseller it means the actor's own domain.
bool domain_in_reach(const Snapshot &s, const User &actor, Reach reach, Index domain) {
  if (reach < Reach::domain || domain == kNoIndex) return false;
  if (domain == actor.domain) return true;
  if (reach != Reach::all) return false;
  if (actor.scope == Scope::super_user) return true;
  return actor.scope == Scope::reseller && contains(s.span(actor.resold), domain);
}

bool user_in_reach(const Snapshot &s, Index actor_index, Reach reach, Index user) {
  if (reach == Reach::none) return false;
  if (user == actor_index) return true;  // every reach includes self
  if (reach == Reach::self) return false;
  const User &actor = s.users[actor_index];
  const User &u = s.users[user];
  if (agent_of_managed_queue(s, actor, u)) return true;
  switch (reach) {
    case Reach::queue: return false;
    case Reach::site: return same_site(actor, u.domain, u.site);
    default: return domain_in_reach(s, actor, reach, u.domain);
  }
}

// A queue as the target itself. `self` never reaches one (SPEC 2.4); queue
// reach and every wider one reach the queues the actor manages (a
// supervisor) and the queues the actor is an agent of, whatever the scope.
bool queue_in_reach(const Snapshot &s, Index actor_index, Reach reach, Index queue) {
  if (reach <= Reach::self) return false;
  const User &actor = s.users[actor_index];
  if (manages_queue(s, actor, queue) || is_agent_of(s, actor_index, queue)) return true;
  const Queue &q = s.queues[queue];
  switch (reach) {
    case Reach::queue: return false;
    case Reach::site: return same_site(actor, q.domain, q.site);
    default: return domain_in_reach(s, actor, reach, q.domain);
  }
}

namespace {

// A queue named beside a user target (agent login/logout, agent status) is
// in reach as a queue target would be; under self, where no queue target is,
// when the actor is an agent of it (the user target is then the actor).
bool queue_beside_user_in_reach(const Snapshot &s, Index actor, Reach reach, Index queue) {
  if (reach == Reach::self) return is_agent_of(s, actor, queue);
  return queue_in_reach(s, actor, reach, queue);
}

// Everything the target names must be in reach; under queue reach the user
// must be an agent of that very queue.
bool user_target_in_reach(const Snapshot &s, Index actor, Reach reach, const ResolvedTarget &t) {
  if (!user_in_reach(s, actor, reach, t.user)) return false;
  if (t.queue == kNoIndex) return true;
  if (!queue_beside_user_in_reach(s, actor, reach, t.queue)) return false;
  return reach != Reach::queue || is_agent_of(s, t.user, t.queue);
}

// An object the actor owns is in every reach but none, in any domain for a
// reseller or super user; below reseller another domain is out of reach
// first, whoever the host says owns the object (SPEC 2.4).
bool object_in_reach(const Snapshot &s, const User &actor, Reach reach, const ResolvedTarget &t) {
  if (reach == Reach::none) return false;
  if (t.domain != actor.domain && actor.scope < Scope::reseller) return false;
  if (t.owned_by_actor) return true;
  if (reach == Reach::site) {
    if (t.domain != actor.domain || actor.site == kNoIndex) return false;
    return !t.object_site.empty() && t.object_site == s.sites[actor.site].name;
  }
  return domain_in_reach(s, actor, reach, t.domain);
}

}  // namespace

bool target_in_reach(const Snapshot &s, Index actor_index, Reach reach, const ResolvedTarget &t) {
  const User &actor = s.users[actor_index];
  switch (t.kind) {
    case TargetKind::none: return reach != Reach::none;
    case TargetKind::user: return user_target_in_reach(s, actor_index, reach, t);
    case TargetKind::queue: return queue_in_reach(s, actor_index, reach, t.queue);
    case TargetKind::site:
      if (reach == Reach::site) return same_site(actor, t.domain, t.site);
      return domain_in_reach(s, actor, reach, t.domain);
    case TargetKind::domain: return domain_in_reach(s, actor, reach, t.domain);
    case TargetKind::object: return object_in_reach(s, actor, reach, t);
  }
  return false;
}

}  // namespace scopegate
