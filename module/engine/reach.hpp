// Reach (SPEC 1, "Reach"): whether a target is within the reach a grant gives
// the actor. Every function allocates nothing.
#pragma once

#include "engine/snapshot.hpp"

namespace scopegate {

// A target resolved against the snapshot: users and queues by index, the
// rest as the host described them.
struct ResolvedTarget {
  TargetKind kind = TargetKind::none;
  Index domain = kNoIndex;
  Index user = kNoIndex;   // kind user
  Index queue = kNoIndex;  // kind queue, or the queue named beside a user
  Index site = kNoIndex;   // kind site
  std::string_view object_site;  // kind object: the site as the host names it
  bool owned_by_actor = false;   // kind object: owner is the actor
};

bool domain_in_reach(const Snapshot &s, const User &actor, Reach reach, Index domain);
bool user_in_reach(const Snapshot &s, Index actor, Reach reach, Index user);
bool queue_in_reach(const Snapshot &s, Index actor, Reach reach, Index queue);
// Everything the target names is in reach (SPEC 1: "everything it names").
bool target_in_reach(const Snapshot &s, Index actor, Reach reach, const ResolvedTarget &t);

bool is_agent_of(const Snapshot &s, Index user, Index queue);
bool manages_queue(const Snapshot &s, const User &supervisor, Index queue);

}  // namespace scopegate
