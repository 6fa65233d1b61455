// run_as_user.hpp - `check --user NAME`: see the config as the PBX's own
// user would, by becoming that user before the module reads anything.
#ifndef SCOPEGATE_TOOLS_RUN_AS_USER_HPP
#define SCOPEGATE_TOOLS_RUN_AS_USER_HPP

#include <string>

namespace scopegate::cli {

// Run as root: takes NAME's groups, group and user for good (the process
// does nothing else afterwards). Not root: only NAME itself is allowed.
// false with error set when that cannot be done.
bool become_user(const std::string& name, std::string& error);

}  // namespace scopegate::cli

#endif
