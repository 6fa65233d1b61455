#include "config/override_loader.hpp"

#include <algorithm>

#include "common/suggest.hpp"

namespace scopegate {


namespace {

// Keys a domain's or user's entry may not have, and why.
constexpr const char *kTopLevelOnly[] = {"view", "guarded", "targets", "new"};

// Every key an entry could hold, so that a top-level-only key or a scope
// word in the wrong place gets its own message rather than "unknown key".
GroupReader entry_reader(Setting entry, Diagnostics &d) {
  static constexpr auto kKeys = keys_and_scope_words({"feature", "reach", "view", "guarded", "targets", "new"});
  return GroupReader(entry, d, kKeys);
}

}  // namespace

bool OverrideLoader::is_list(Setting list) {
  if (list.isList() || list.isArray()) return true;
  d_.error(list, "'policy' must be a list ( { feature = \"...\"; ... }, ... )");
  return false;
}

// The entry's feature, which must exist already: kNoIndex (reported) if not.
Index OverrideLoader::feature_of(GroupReader &r) {
  auto id = r.string("feature", true);
  if (!id) return kNoIndex;
  Index feature = s_.find_feature(*id);
  if (feature != kNoIndex) return feature;
  Suggestion near(*id);
  for (const Feature &f : s_.features) near.consider(f.id);
  d_.error(*r.get("feature"), "unknown feature '" + *id + "'" + near.hint() +
                                  ": a domain's or user's policy names only features that exist (built in, or "
                                  "declared in the top-level policy with 'new = true;')");
  return kNoIndex;
}

bool OverrideLoader::refuse_top_level_keys(GroupReader &r, const char *level) {
  for (const char *key : kTopLevelOnly)
    if (Setting s = r.get(key)) {
      d_.error(*s, std::string("'") + key + "' belongs in the top-level policy, not in a " + level +
                       "'s: it says what the feature is, for every customer");
      return true;
    }
  return false;
}

bool OverrideLoader::refuse_duplicate(Index feature, GroupReader &r, Seen &seen, const char *level) {
  ConfigPlace here = d_.place(*r.get("feature"));
  auto [first, fresh] = seen.try_emplace(feature, here);
  if (fresh) return false;
  d_.error(*r.get("feature"), "a second entry for '" + std::string(s_.features[feature].id) + "' in this " + level +
                                  "'s policy (first defined at " + first->second.str() + "): merge them into one");
  return true;
}

std::optional<Reach> OverrideLoader::reach_at(GroupReader &r, const char *key, Scope scope) {
  auto word = r.string(key);
  if (!word) return std::nullopt;
  auto reach = parse_reach(*word);
  if (!reach) {
    d_.error(*r.get(key), "bad reach '" + *word + "'" + Suggestion(*word).from(reach_words()).hint() +
                              ": one of none, self, queue, site, domain, all");
    return std::nullopt;
  }
  if (scope == Scope::no_portal && *reach != Reach::none) {
    d_.error(*r.get(key), "no_portal has no portal features: its reach is none");
    return std::nullopt;
  }
  return reach;
}

void OverrideLoader::add(std::vector<Override> &run, Index feature, Scope scope, Reach reach, Setting where) {
  ConfigPlace at = d_.place(where);
  uint32_t place = add_place(s_, at.file, at.shown_line());
  run.push_back(Override{override_key(feature, scope), reach, place});
}

void OverrideLoader::read_domain_entry(Setting entry, Seen &seen) {
  if (!entry.isGroup()) return d_.error(entry, "a policy entry is a group { feature = \"...\"; ... }");
  GroupReader r = entry_reader(entry, d_);
  Index feature = feature_of(r);
  if (feature == kNoIndex || refuse_top_level_keys(r, "domain")) return;
  if (Setting reach = r.get("reach"))
    return d_.error(*reach, "a domain's policy entry names scopes (basic_user = \"none\"; ...); 'reach' is for a "
                            "user's own entry");
  if (refuse_duplicate(feature, r, seen, "domain")) return;
  for (int i = 0; i < kScopeCount; ++i) {
    auto scope = static_cast<Scope>(i);
    if (auto reach = reach_at(r, scope_name(scope), scope)) add(s_.domain_overrides, feature, scope, *reach, *r.get(scope_name(scope)));
  }
}

void OverrideLoader::read_user_entry(Index user, Setting entry, Seen &seen) {
  if (!entry.isGroup()) return d_.error(entry, "a policy entry is a group { feature = \"...\"; reach = \"...\"; }");
  GroupReader r = entry_reader(entry, d_);
  Index feature = feature_of(r);
  if (feature == kNoIndex || refuse_top_level_keys(r, "user")) return;
  for (int i = 0; i < kScopeCount; ++i)
    if (Setting word = r.get(scope_name(static_cast<Scope>(i))))
      return d_.error(*word, std::string("a user's policy entry is for the user's own scope: write reach = \"") +
                                 (word->getType() == Setting::TypeString ? word->c_str() : "...") + "\"; instead of " +
                                 scope_name(static_cast<Scope>(i)) + " = ...");
  if (!r.has("reach")) return d_.error(entry, "missing 'reach': a user's policy entry says reach = \"...\";");
  if (refuse_duplicate(feature, r, seen, "user")) return;
  Scope scope = s_.users[user].scope;
  if (auto reach = reach_at(r, "reach", scope)) {
    add(s_.overrides, feature, scope, *reach, *r.get("reach"));
    s_.users[user].policy_features |= static_cast<uint16_t>(1u << (feature % 16));
  }
}

// Sorts the entries added since first by (feature, scope), the order the
// decision's lookup searches, and lists the owner when it has any.
Span OverrideLoader::close_run(std::vector<Override> &run, uint32_t first) {
  std::sort(run.begin() + first, run.end(), [](const Override &a, const Override &b) { return a.key < b.key; });
  return Span{first, static_cast<uint32_t>(run.size()) - first};
}

void OverrideLoader::read_domain_policy(Index domain, Setting list) {
  if (!is_list(list)) return;
  auto first = static_cast<uint32_t>(s_.domain_overrides.size());
  Seen seen;
  for (int i = 0; i < list.getLength(); ++i) read_domain_entry(list[i], seen);
  s_.domains[domain].policy = close_run(s_.domain_overrides, first);
}

void OverrideLoader::read_user_policy(Index user, Setting list) {
  if (!is_list(list)) return;
  auto first = static_cast<uint32_t>(s_.overrides.size());
  Seen seen;
  for (int i = 0; i < list.getLength(); ++i) read_user_entry(user, list[i], seen);
  Span run = close_run(s_.overrides, first);
  if (run.count != 0) user_runs_.emplace_back(user, run);
}

void OverrideLoader::finish() {
  // The last entries are read: what the vectors reserved while growing
  // would be a third of their memory on average.
  s_.overrides.shrink_to_fit();
  s_.domain_overrides.shrink_to_fit();
  s_.places.shrink_to_fit();
  s_.user_runs.build(user_runs_);
  for (auto [user, run] : user_runs_) s_.users[user].overrides |= kOwnOverrides;
  if (s_.domain_overrides.empty()) return;
  for (User &u : s_.users)
    if (s_.domains[u.domain].policy.count != 0) u.overrides |= kDomainOverrides;
}

}  // namespace scopegate
