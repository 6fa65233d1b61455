// Ready-made requests over a workload's population, built before timing so
// a benchmark measures the decision, not the building of its strings. The
// sg_str fields point into the *_keys strings: the set must stay where it was
// built (it is neither copyable nor movable).
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "scopegate/scopegate.h"
#include "workload.hpp"

namespace scopegate::bench {

struct RequestSet {
  RequestSet(const Workload &w, size_t count, uint64_t seed);
  RequestSet(const RequestSet &) = delete;
  RequestSet &operator=(const RequestSet &) = delete;

  size_t size() const { return actor_keys.size(); }

  // "id@domain" of a random user and of a random user of the same domain,
  // and the office or site manager of that domain (the monitoring caller).
  std::vector<std::string> actor_keys, target_keys, manager_keys;
  std::vector<std::string> monitor_numbers;   // "*33" + the target's extension
  std::vector<std::string> national_numbers;  // 11 digits: only the last pattern rule matches
  std::vector<std::string> local_numbers;     // the target's extension: no rule matches

  std::vector<sg_login_req> login;          // actor, portal
  std::vector<sg_feature_req> feature;      // actor, users.view, user target
  std::vector<sg_dial_req> dial_monitor;    // manager dials *33<target>
  std::vector<sg_dial_req> dial_national;   // actor dials a national number
  std::vector<sg_dial_req> dial_local;      // actor dials the target's extension
};

// The id and domain halves of an "id@domain" key, as the module takes them.
sg_str id_of(const std::string &key);
sg_str domain_of(const std::string &key);

}  // namespace scopegate::bench
