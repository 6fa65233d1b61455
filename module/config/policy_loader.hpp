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
  // Per scope, "FILE:LINE" of the config entry that set the grant; empty
  // for the built-in default (what `can` and `dump` call the grant's level).
  std::array<std::string, kScopeCount> where{};
};

class PolicyTable {
 public:
  // Applies a list of policy entries: an existing feature changes only the
  // scopes (and view/guarded/targets) an entry lists; a new id creates a
  // feature whose unlisted scopes get none.
  // With record_places, each grant an entry sets remembers the entry's
  // place (an operator's entries; the built-in table records none).
  void apply(const libconfig::Setting &entries, Diagnostics &d, bool record_places = false);
  const std::vector<FeatureDraft> &features() const { return features_; }
  bool same_grants(const PolicyTable &other) const;

 private:
  std::vector<FeatureDraft> features_;
  std::unordered_map<std::string, size_t> by_id_;
  void apply_entry(const libconfig::Setting &entry, Diagnostics &d, bool record_places);
};

// Every *.edit, *.delete, *.manage, scope.assign, agent.status.change and
// monitor.* changes or intrudes on another user (SPEC 2.2 rule 8).
bool guarded_by_default(std::string_view feature_id);

// The built-in default policy. Its text is tested, so a failure here is a
// build defect: throws std::logic_error.
PolicyTable default_policy();

}  // namespace scopegate
