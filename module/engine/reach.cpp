#include "engine/reach.hpp"

#include <algorithm>

namespace scopegate {

namespace {

bool contains(std::span<const uint32_t> sorted, uint32_t value) {
  return std::binary_search(sorted.begin(), sorted.end(), value);
}

// Site reach: in the actor's domain and the actor's site. A target without a
// site, or an actor without one, is not in reach.
bool same_site(const User &actor, Index domain, Index site) {
  return domain == actor.domain && actor.site != kNoIndex && site == actor.site;
}

}  // namespace

bool is_agent_of(const Snapshot &s, Index user, Index queue) {
  return contains(s.span(s.users[user].agent_of), queue);
}

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
  if (user == actor_index) return true;
  const User &actor = s.users[actor_index];
  const User &u = s.users[user];
  switch (reach) {
    case Reach::queue: {
      // A supervisor reaches the agents of the queues they manage; an agent
      // reaches only themselves.
      if (actor.scope != Scope::call_center_supervisor) return false;
      for (uint32_t q : s.span(u.agent_of))
        if (manages_queue(s, actor, q)) return true;
      return false;
    }
    case Reach::site: return same_site(actor, u.domain, u.site);
    default: return domain_in_reach(s, actor, reach, u.domain);
  }
}

bool queue_in_reach(const Snapshot &s, Index actor_index, Reach reach, Index queue) {
  const User &actor = s.users[actor_index];
  const Queue &q = s.queues[queue];
  switch (reach) {
    case Reach::none: return false;
    case Reach::self: return is_agent_of(s, actor_index, queue);  // one's own queue membership
    case Reach::queue:
      if (actor.scope == Scope::call_center_supervisor) return manages_queue(s, actor, queue);
      return is_agent_of(s, actor_index, queue);
    case Reach::site: return same_site(actor, q.domain, q.site);
    default: return domain_in_reach(s, actor, reach, q.domain);
  }
}

namespace {

bool object_in_reach(const Snapshot &s, const User &actor, Reach reach, const ResolvedTarget &t) {
  if (reach == Reach::none) return false;
  if (t.owned_by_actor) return true;
  if (reach == Reach::site) {
    if (t.domain != actor.domain || actor.site == kNoIndex) return false;
    return !t.object_site.empty() && t.object_site == s.sites[actor.site].name;
  }
  return domain_in_reach(s, actor, reach, t.domain);
}

bool user_target_in_reach(const Snapshot &s, Index actor, Reach reach, const ResolvedTarget &t) {
  if (!user_in_reach(s, actor, reach, t.user)) return false;
  if (t.queue == kNoIndex) return true;
  if (!queue_in_reach(s, actor, reach, t.queue)) return false;
  // Under queue reach the user must be an agent of that very queue.
  return reach != Reach::queue || is_agent_of(s, t.user, t.queue);
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
