// The concrete targets one user reaches with one feature, found by asking
// the real feature decision about every candidate target: the users,
// queues, sites and domains of the domains the user could ever reach.
#pragma once

#include <string>
#include <vector>

#include "engine/snapshot.hpp"

namespace scopegate {

struct TargetLists {
  std::vector<std::string> users, queues, sites, domains;  // "*": every one (super user, reach all)
  uint8_t kinds = 0;  // the feature's documented target kinds (bits of TargetKind): the lists that apply
};

// What each candidate domain holds, gathered once per report.
class CandidateTargets {
 public:
  CandidateTargets(const Snapshot &s, Index actor);
  // Every domain the actor could reach at all (super user: every domain,
  // too many to list: everywhere() is true instead).
  bool everywhere() const { return everywhere_; }
  const std::vector<Index> &domains() const { return domains_; }
  const std::vector<Index> &users() const { return users_; }
  const std::vector<Index> &queues() const { return queues_; }
  const std::vector<Index> &sites() const { return sites_; }

 private:
  bool everywhere_ = false;
  std::vector<Index> domains_, users_, queues_, sites_;
};

// The targets of the feature's documented kinds (Feature::targets) for
// which `feature actor F TARGET` allows. Objects are the host's and are
// not listed.
TargetLists targets_in_reach(const Snapshot &s, Index actor, Index feature, const CandidateTargets &c);

}  // namespace scopegate
