// `scopegate diff OLD NEW`: who gains and who loses what between two
// snapshots. Exact, not sampled: for every user in either config, every
// login channel and every feature of either policy is decided on both
// snapshots by the real decision functions and compared.
#pragma once

#include <string>

#include "engine/snapshot.hpp"

namespace scopegate {

struct DiffQuery {
  bool json = false;        // one JSON object a line, else text grouped by user
  bool widen_only = false;  // only what grants more (what a reviewer must approve)
};

// One change as the report lists it.
struct Change {
  std::string user;   // "id@domain"; empty for a config-wide change (dial rules)
  const char *what;   // "login", "feature", "target", "user", "dial_rule", "emergency_number"
  std::string key;    // the channel, feature, user field, rule or number
  std::string old_value, new_value;  // "" for an absent side
  bool widens = false;
};

// Appends the report to out; returns the number of changes written.
size_t report_diff(const Snapshot &old_s, const Snapshot &new_s, const DiffQuery &q, std::string &out);

// A "target" change keeps the feature in key and one object of reach
// ("queue NAME", "site NAME", "domain NAME") in old_value (lost) or
// new_value (gained).

// The changes themselves, in report order (tests and the formatter).
std::vector<Change> diff_snapshots(const Snapshot &old_s, const Snapshot &new_s);

}  // namespace scopegate
