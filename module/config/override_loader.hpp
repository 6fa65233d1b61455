// Policy per customer and per user (SPEC 3.1): the `policy` list of a
// domain (scope words, as a top-level entry) and of a user (`reach`, for the
// user's own scope), read into the snapshot's override runs. Only features
// that exist when domains are read (built in, or declared at top level with
// `new = true`) may be named, so a typo cannot leave a feature unrestricted
// for one customer.
#pragma once

#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include "config/config_reader.hpp"
#include "engine/snapshot.hpp"

namespace scopegate {

class OverrideLoader {
 public:
  OverrideLoader(Snapshot &s, Diagnostics &d) : s_(s), d_(d) {}

  // The `policy` list of domain (read before its users).
  void read_domain_policy(Index domain, Setting list);
  // The `policy` list of user, for the user's scope.
  void read_user_policy(Index user, Setting list);
  // Marks every user whose own entries or whose domain's entries exist.
  void finish();

 private:
  // Entries of one owner seen so far: feature -> where the first stands.
  using Seen = std::unordered_map<Index, ConfigPlace>;

  Snapshot &s_;
  Diagnostics &d_;
  std::vector<std::pair<Index, Span>> user_runs_;  // users with entries: Snapshot::user_runs at finish()

  bool is_list(Setting list);
  Index feature_of(GroupReader &r);
  bool refuse_top_level_keys(GroupReader &r, const char *level);
  bool refuse_duplicate(Index feature, GroupReader &r, Seen &seen, const char *level);
  void read_domain_entry(Setting entry, Seen &seen);
  void read_user_entry(Index user, Setting entry, Seen &seen);
  std::optional<Reach> reach_at(GroupReader &r, const char *key, Scope scope);
  void add(std::vector<Override> &run, Index feature, Scope scope, Reach reach, Setting where);
  Span close_run(std::vector<Override> &run, uint32_t first);
};

}  // namespace scopegate
