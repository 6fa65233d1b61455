// The per-user part of diff: facts of the user record, login per channel,
// feature verdict class and reach.
#pragma once

#include <string_view>
#include <vector>

#include "report/diff.hpp"

namespace scopegate {

// Both sides of one user; an index is kNoIndex where the user is absent.
struct UserPair {
  std::string_view id, domain;
  Index old_user = kNoIndex, new_user = kNoIndex;
};

// Feature ids of both policies, new policy's order first.
std::vector<std::string_view> feature_union(const Snapshot &old_s, const Snapshot &new_s);

void diff_user(const Snapshot &old_s, const Snapshot &new_s, const UserPair &p,
               const std::vector<std::string_view> &features, std::vector<Change> &out);

}  // namespace scopegate
