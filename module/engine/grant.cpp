#include "engine/grant.hpp"

#include <algorithm>

namespace scopegate {

namespace {

// The entry for (feature, scope) in a run sorted by (feature, scope). A
// run is usually a few entries: scanned in order, stopping past the
// feature, which mispredicts less than a binary search would.
const Override *find_entry(std::span<const Override> entries, Index feature, Scope scope) {
  if (entries.size() <= 16) {
    for (const Override &o : entries) {
      if (o.feature > feature) break;
      if (o.feature == feature && o.scope == scope) return &o;
    }
    return nullptr;
  }
  auto it = std::lower_bound(entries.begin(), entries.end(), std::pair{feature, scope},
                             [](const Override &o, std::pair<Index, Scope> key) {
                               return o.feature != key.first ? o.feature < key.first : o.scope < key.second;
                             });
  return it != entries.end() && it->feature == feature && it->scope == scope ? &*it : nullptr;
}

}  // namespace

const char *level_name(Level level) {
  switch (level) {
    case Level::user: return "user";
    case Level::domain: return "domain";
    case Level::top: return "top";
    case Level::built_in: break;
  }
  return "default";
}

Grant grant_from_overrides(const Snapshot &s, const User &actor, Index feature) {
  if (const Override *o = find_entry(s.override_span(actor.policy), feature, actor.scope))
    return Grant{o->reach, Level::user, o->where};
  if (const Override *o = find_entry(s.override_span(s.domains[actor.domain].policy), feature, actor.scope))
    return Grant{o->reach, Level::domain, o->where};
  const Feature &f = s.features[feature];
  auto scope = static_cast<size_t>(actor.scope);
  uint32_t where = f.where[scope];
  return Grant{f.grant[scope], where == kNoPlace ? Level::built_in : Level::top, where};
}

}  // namespace scopegate
