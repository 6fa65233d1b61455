#include "config/policy_loader.hpp"

#include <stdexcept>

#include "common/suggest.hpp"
#include "common/text.hpp"

namespace scopegate {


bool guarded_by_default(std::string_view id) {
  auto ends_with = [&](std::string_view s) { return id.size() >= s.size() && id.substr(id.size() - s.size()) == s; };
  return ends_with(".edit") || ends_with(".delete") || ends_with(".manage") || id == "scope.assign" ||
         id == "agent.status.change" || id.starts_with("monitor.");
}

namespace {

void read_grants(GroupReader &r, FeatureDraft &f, Diagnostics &d, const ConfigPlace &place) {
  for (int i = 0; i < kScopeCount; ++i) {
    auto scope = static_cast<Scope>(i);
    const char *key = scope_name(scope);
    auto word = r.string(key);
    if (!word) continue;
    auto reach = parse_reach(*word);
    if (!reach) {
      d.error(*r.get(key), "bad reach '" + *word + "'" + Suggestion(*word).from(reach_words()).hint() +
                               ": one of none, self, queue, site, domain, all");
    } else if (scope == Scope::no_portal && *reach != Reach::none) {
      d.error(*r.get(key), "no_portal has no portal features: its reach is none");
    } else {
      f.grant[static_cast<size_t>(i)] = *reach;
      f.where[static_cast<size_t>(i)] = place;
    }
  }
}

void read_view(GroupReader &r, FeatureDraft &f, Diagnostics &d) {
  auto word = r.string("view");
  if (!word) return;
  if (word->empty()) {
    f.view = 0;  // an override may drop the view requirement
    return;
  }
  auto flag = parse_view_flag(*word);
  if (!flag)
    d.error(*r.get("view"), "unknown view flag '" + *word + "'" + Suggestion(*word).from(view_flag_words()).hint() +
                                ": one of stats_grid, agents, call_activity, reports, recordings");
  else
    f.view = *flag;
}

void read_targets(GroupReader &r, FeatureDraft &f, Diagnostics &d) {
  Setting seq = r.sequence("targets");
  if (!seq) return;
  f.targets = 0;
  for (auto &[word, where] : string_items(*seq, d)) {
    auto kind = parse_target_kind(word);
    if (!kind)
      d.error(*where, "unknown target kind '" + word + "'" + Suggestion(word).from(target_kind_words()).hint() +
                          ": one of none, user, queue, site, domain, object");
    else
      f.targets |= uint8_t(1u << static_cast<int>(*kind));
  }
}

}  // namespace

// Whether an operator's entry for id may change or create a feature: an
// unknown id needs `new = true;`, a built-in one must not have it.
bool PolicyTable::may_apply(const std::string &id, GroupReader &r, Diagnostics &d, PolicySource source) {
  auto declared_new = r.boolean("new");
  if (source == PolicySource::built_in) return true;
  auto it = by_id_.find(id);
  bool exists = it != by_id_.end();
  if (declared_new.value_or(false) && exists && it->second < built_in_count_) {
    d.error(*r.get("new"), "'" + id + "' is a built-in feature: remove 'new = true;' to change it");
    return false;
  }
  if (!exists && !declared_new.value_or(false)) {
    Suggestion s(id);
    for (const FeatureDraft &f : features_) s.consider(f.id);
    d.error(*r.get("feature"), "unknown feature '" + id + "'" + s.hint() +
                                   "; to create a feature, add 'new = true;' to its entry");
    return false;
  }
  return true;
}

void PolicyTable::apply_entry(Setting entry, Diagnostics &d, PolicySource source,
                              std::unordered_map<std::string, Setting > &seen) {
  if (entry.getType() != Setting::TypeGroup) {
    d.error(entry, "a policy entry is a group { feature = \"...\"; ... }");
    return;
  }
  static constexpr auto kKeys = keys_and_scope_words({"feature", "new", "targets", "view", "guarded"});
  GroupReader r(entry, d, kKeys);
  auto id = r.string("feature", true);
  if (!id) return;
  if (!is_valid_id(*id)) {
    d.error(*r.get("feature"), "bad feature id '" + *id + "'");
    return;
  }
  if (!may_apply(*id, r, d, source)) return;
  if (auto [first, fresh] = seen.try_emplace(*id, entry); !fresh)
    d.warn(entry, "a second policy entry for '" + *id + "' (first at " + d.place(*first->second).str() +
                      "): what it lists is applied over the first");
  auto [it, created] = by_id_.try_emplace(*id, features_.size());
  if (created) features_.push_back(FeatureDraft{*id, {}, 0, 0, std::nullopt, {}});
  FeatureDraft &f = features_[it->second];
  bool record_places = source == PolicySource::operator_config;
  const ConfigPlace place = record_places ? d.place(entry) : ConfigPlace{};
  if (created && record_places) f.where.fill(place);  // its unlisted scopes' none comes from this entry too
  read_grants(r, f, d, place);
  read_view(r, f, d);
  read_targets(r, f, d);
  if (auto g = r.boolean("guarded")) f.guarded = *g;
}

void PolicyTable::apply(Setting entries, Diagnostics &d, PolicySource source) {
  if (!entries.isList() && !entries.isArray()) {
    d.error(entries, std::string("'") + (entries.getName() ? entries.getName() : "policy") + "' must be a list ( { ... }, ... )");
    return;
  }
  std::unordered_map<std::string, Setting > seen;
  for (int i = 0; i < entries.getLength(); ++i) apply_entry(entries[i], d, source, seen);
  if (source == PolicySource::built_in) built_in_count_ = features_.size();
}

bool PolicyTable::same_grants(const PolicyTable &other) const {
  if (features_.size() != other.features_.size()) return false;
  for (size_t i = 0; i < features_.size(); ++i) {
    const auto &a = features_[i], &b = other.features_[i];
    if (a.id != b.id || a.grant != b.grant || a.view != b.view || a.guarded != b.guarded) return false;
  }
  return true;
}

namespace {

PolicyTable parse_default_policy() {
  ConfigTree cfg;
  Diagnostics d(kDefaultPolicyName);
  PolicyTable table;
  if (read_config_text(kDefaultPolicyText, kDefaultPolicyName, cfg, d)) {
    GroupReader root(cfg.root(), d, {"default_policy"});
    if (Setting list = root.sequence("default_policy")) table.apply(*list, d, PolicySource::built_in);
  }
  if (!d.ok()) throw std::logic_error("built-in policy is invalid: " + d.errors().front().str());
  return table;
}

}  // namespace

// The built-in text is parsed once per process (a thread-safe static: two
// handles loading at once parse it once); each load gets its own copy to
// apply the config's entries to.
PolicyTable default_policy() {
  static const PolicyTable parsed = parse_default_policy();
  return parsed;
}

}  // namespace scopegate
