#include "engine/grant.hpp"

#include <algorithm>

namespace scopegate {

namespace {

// The entry with this key in a run sorted by key. A run is usually a few
// entries: scanned in order, stopping past the key, which mispredicts less
// than a binary search would.
const Override *find_entry(std::span<const Override> entries, uint32_t key) {
  if (entries.size() <= 16) {
    for (const Override &o : entries) {
      if (o.key >= key) return o.key == key ? &o : nullptr;
    }
    return nullptr;
  }
  auto it = std::lower_bound(entries.begin(), entries.end(), key,
                             [](const Override &o, uint32_t k) { return o.key < k; });
  return it != entries.end() && it->key == key ? &*it : nullptr;
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

Grant grant_from_overrides(const Snapshot &s, Index actor, Index feature) {
  const User &u = s.users[actor];
  uint32_t key = override_key(feature, u.scope);
  if (may_have_own_entry(u, feature))
    if (const Override *o = find_entry(s.user_policy(actor), key)) return Grant{o->reach, Level::user, o->where};
  if (const Override *o = find_entry(s.domain_policy(s.domains[u.domain]), key))
    return Grant{o->reach, Level::domain, o->where};
  const Feature &f = s.features[feature];
  auto scope = static_cast<size_t>(u.scope);
  uint32_t where = f.where[scope];
  return Grant{f.grant[scope], where == kNoPlace ? Level::built_in : Level::top, where};
}

}  // namespace scopegate
