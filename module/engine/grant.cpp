#include "engine/grant.hpp"

#include <algorithm>

namespace scopegate {

namespace {

// The entry for (feature, scope) in a run sorted by (feature, scope).
const Override *find_entry(std::span<const Override> entries, Index feature, Scope scope) {
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
  if (actor.overrides & kOwnOverrides) {
    auto index = static_cast<Index>(&actor - s.users.data());
    if (const Override *o = find_entry(s.overrides_of(s.user_overrides, index), feature, actor.scope))
      return Grant{o->reach, Level::user, o->where};
  }
  if (actor.overrides & kDomainOverrides) {
    if (const Override *o = find_entry(s.overrides_of(s.domain_overrides, actor.domain), feature, actor.scope))
      return Grant{o->reach, Level::domain, o->where};
  }
  const Feature &f = s.features[feature];
  auto scope = static_cast<size_t>(actor.scope);
  uint32_t where = f.where[scope];
  return Grant{f.grant[scope], where == kNoPlace ? Level::built_in : Level::top, where};
}

}  // namespace scopegate
