// command_version.cpp - `scopegate --version`: this tool's version and the
// version of the module it would use (they are built and installed apart).
#include <cstdio>

#include "command_context.hpp"
#include "commands.hpp"

#ifndef SG_CLI_VERSION
#error "SG_CLI_VERSION must be the version of the scopegate CLI"
#endif

namespace scopegate::cli {

int run_version(const GlobalOptions &options) {
  CommandContext context(options);
  if (!context.load_module()) {
    std::printf("scopegate %s (module not loadable)\n", SG_CLI_VERSION);
    return kExitError;
  }
  const char *module_version = context.api()->module_version;
  std::printf("scopegate %s (module %s)\n", SG_CLI_VERSION, module_version != nullptr ? module_version : "unknown");
  return kExitOk;
}

}  // namespace scopegate::cli
