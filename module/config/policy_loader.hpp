// The policy: which reach each scope is granted per feature. The default
// table (conf/policy.conf, compiled in) is read like any operator's `policy`
// entries, which then change it per feature or add features.
#pragma once

#include <array>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "config/config_reader.hpp"
#include "common/words.hpp"

namespace scopegate {

extern const char *const kDefaultPolicyText;
extern const char *const kDefaultPolicyName;

struct FeatureDraft {
  std::string id;
  std::array<Reach, kScopeCount> grant{};  // none unless listed
  uint8_t view = 0;
  uint8_t targets = 0;
  std::optional<bool> guarded;  // unset: guarded_by_default(id)
  // Per scope, where the operator's top-level entry that set the grant
  // stands; no file for the built-in default (explain, dump and `can` name
  // the level from it).
  std::array<ConfigPlace, kScopeCount> where{};
};

// Who wrote a list of policy entries: the built-in table creates its
// features freely; an operator's top-level entry creates one only when it
// says `new = true;` (SPEC 3), so a typo cannot make a dead feature.
enum class PolicySource { built_in, operator_config };

class PolicyTable {
 public:
  // Applies a list of policy entries: an existing feature changes only the
  // scopes (and view/guarded/targets) an entry lists; a new id creates a
  // feature whose unlisted scopes get none.
  // An operator's entries also remember their place in each grant they set
  // (the built-in table records none).
  void apply(Setting entries, Diagnostics &d, PolicySource source = PolicySource::operator_config);
  const std::vector<FeatureDraft> &features() const { return features_; }
  bool same_grants(const PolicyTable &other) const;

 private:
  std::vector<FeatureDraft> features_;
  std::unordered_map<std::string, size_t> by_id_;
  size_t built_in_count_ = 0;  // features_[0, built_in_count_) are the built-in table's
  void apply_entry(Setting entry, Diagnostics &d, PolicySource source,
                   std::unordered_map<std::string, Setting > &seen);
  bool may_apply(const std::string &id, GroupReader &r, Diagnostics &d, PolicySource source);
};

// Every *.edit, *.delete, *.manage, scope.assign, agent.status.change and
// monitor.* changes or intrudes on another user (SPEC 2.2 rule 8).
bool guarded_by_default(std::string_view feature_id);

// The built-in default policy. Its text is tested, so a failure here is a
// build defect: throws std::logic_error.
PolicyTable default_policy();

}  // namespace scopegate
