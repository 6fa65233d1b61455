// The target-level part of diff: the objects that define how far a grant
// reaches (queues, site, domains), so that a change of what a grant reaches
// shows even when its reach word stays the same. Built from the user record
// alone, once per user and config, without enumerating other users.
#pragma once

#include <string>
#include <vector>

#include "common/words.hpp"
#include "engine/snapshot.hpp"

namespace scopegate {

// What defines reach for one user: "queue NAME" / "site NAME" / "domain
// NAME" words, by the reach level that first covers them.
struct ReachObjects {
  std::vector<std::string> queues;  // managed or agent of (SPEC 2.4); "queue *": every queue of the domain
  std::string site;                 // "site NAME", empty without a site
  std::string domain;               // "domain NAME"
  std::vector<std::string> resold;  // a reseller's other domains; "domain *" for a super user
};

ReachObjects reach_objects(const Snapshot &s, Index user);

// The objects a grant of `reach` covers, sorted. Objects a wider level
// already covers are left out (a domain reach covers its queues and sites).
std::vector<std::string> objects_at(const ReachObjects &r, Reach reach);

// Words (gained, lost) between two sorted object lists.
void compare_objects(const std::vector<std::string> &was, const std::vector<std::string> &is,
                     std::vector<std::string> &gained, std::vector<std::string> &lost);

}  // namespace scopegate
