// Rule 4 of SPEC 2.2 with the levels of SPEC 3.1: the actor's grant for a
// feature is the first of the actor's own user entry, the entry of the
// actor's home domain for the actor's scope, the top-level entry and the
// built-in default. It allocates nothing.
#pragma once

#include "engine/snapshot.hpp"

namespace scopegate {

struct Grant {
  Reach reach = Reach::none;
  Level level = Level::built_in;
  uint32_t where = kNoPlace;  // Snapshot::places index; kNoPlace: built in
};

// "user", "domain", "top" or "default" (the words of `can --json`).
const char *level_name(Level level);

// The grant from a domain or user entry, for when the actor or its domain
// has any (kept out of line: most actors have none).
Grant grant_from_overrides(const Snapshot &s, Index actor, Index feature);

// Whether the actor's own entries may hold feature: bit (feature % 16) of
// the filter in its record. When clear, the run is not even looked up.
inline bool may_have_own_entry(const User &u, Index feature) { return u.policy_features >> (feature % 16) & 1; }

// Starts loading what grant_for will read, when the actor or its domain
// has entries: called as soon as actor and feature are known, so the
// memory latency overlaps the checks made before rule 4. The slot of the
// actor's run only when the filter says the feature may be in it. Nothing
// when neither has entries.
inline void prefetch_grant(const Snapshot &s, Index actor, Index feature) {
  const User &u = s.users[actor];
  if (u.overrides == 0) return;
  if (may_have_own_entry(u, feature)) __builtin_prefetch(s.user_runs.home_slot(actor));
  __builtin_prefetch(s.domain_overrides.data() + s.domains[u.domain].policy.offset);
}

// The fast path costs one byte test over today's table lookup: most
// actors and their domains have no entries of their own.
inline Grant grant_for(const Snapshot &s, Index actor, Index feature) {
  const User &u = s.users[actor];
  if (u.overrides != 0) return grant_from_overrides(s, actor, feature);
  const Feature &f = s.features[feature];
  auto scope = static_cast<size_t>(u.scope);
  uint32_t where = f.where[scope];
  return Grant{f.grant[scope], where == kNoPlace ? Level::built_in : Level::top, where};
}

}  // namespace scopegate
