// `scopegate can USER@DOMAIN [--feature F]`: what one user may do, like
// `sudo -l -U`. Every answer comes from the real decision functions: a
// feature is granted when `feature U F` (no target) allows, and a target is
// listed when `feature U F TARGET` allows.
#pragma once

#include <string>
#include <string_view>

#include "engine/snapshot.hpp"

namespace scopegate {

struct CanQuery {
  std::string_view user, domain;
  std::string_view feature;  // empty: every feature
  bool json = false;
};

// Writes the report into out: JSON (one object and a newline, SPEC 6.1) or
// text lines, and the number of features listed into granted. false with a
// one-line message in error when the user or the feature is not in the
// snapshot.
bool report_can(const Snapshot &s, const CanQuery &q, std::string &out, size_t &granted, std::string &error);

}  // namespace scopegate
