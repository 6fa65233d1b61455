// `scopegate dump`: the effective policy matrix and who holds which scope.
#pragma once

#include <functional>
#include <string_view>

#include "engine/snapshot.hpp"

namespace scopegate {

// Emits the dump line by line. domain empty: every domain. false when the
// named domain is not in the snapshot.
bool dump_snapshot(const Snapshot &s, std::string_view domain, const std::function<void(std::string_view)> &emit);

}  // namespace scopegate
