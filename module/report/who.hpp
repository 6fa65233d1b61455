// `scopegate who FEATURE TARGET`: every user for whom `feature USER FEATURE
// TARGET` allows (a reverse query, like SpiceDB's LookupSubjects). The real
// feature decision is asked once per user of the config, so the answer is
// exactly what `feature` says for each of them. A target without @DOMAIN is
// read in each user's own domain, as `feature` reads it.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "engine/decision.hpp"

namespace scopegate {

// The users allowed, in config order, as "id@domain"; false when the
// request itself is malformed (the decision answers bad_request).
bool report_who(const Snapshot &s, std::string_view feature, const TargetRef &target, std::vector<Index> &allowed);

}  // namespace scopegate
