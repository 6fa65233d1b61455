// `dump --json`: the effective config as one JSON object (the same facts as
// the text dump, for scripts).
#pragma once

#include <string>
#include <string_view>

#include "engine/snapshot.hpp"

namespace scopegate {

// false when domain is not empty and not in the snapshot.
bool dump_json(const Snapshot &s, std::string_view domain, std::string &out);

}  // namespace scopegate
