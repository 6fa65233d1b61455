// command_check.cpp - `scopegate check`: validate the config like nginx -t.
#include <cstdio>

#include "check_json.hpp"
#include "command_context.hpp"
#include "commands.hpp"

namespace scopegate::cli {

int run_check(const GlobalOptions& options) {
  if (options.command.size() != 1) return usage_error("check takes no arguments");
  CommandContext context(options);
  if (!context.load_module()) return kExitError;
  ConfigSession& session = context.session();
  if (!session.open(context.api(), context.config_path())) {
    print_lines_to_stderr(session.errors(), false);
    if (options.json) print_check_json(context.config_path(), false, session.errors(), session.warnings());
    // -1 is a config the operator must fix; -2/-3 are the tool's own trouble
    // (bad argument, out of memory) and say nothing about the config.
    return session.error_code() == -1 ? kExitInvalidConfig : kExitError;
  }
  print_lines_to_stderr(session.warnings(), false);
  if (options.json) print_check_json(context.config_path(), true, {}, session.warnings());
  else std::printf("%s: ok\n", context.config_path().c_str());
  return kExitOk;
}

}  // namespace scopegate::cli
