// main.cpp - `scopegate`: asks scopegate.so, through the C ABI a PBX host
// uses, what it decides; dispatches to one command file per command.
#include <cstdio>
#include <string>
#include <string_view>

#include "commands.hpp"
#include "global_options.hpp"
#include "output.hpp"

namespace {

using scopegate::cli::GlobalOptions;

int dispatch(const GlobalOptions &options) {
  namespace cli = scopegate::cli;
  const std::string_view command = options.command.front();
  if (command == "check") return cli::run_check(options);
  if (command == "info") return cli::run_info(options);
  if (command == "batch") return cli::run_batch(options);
  if (command == "dump") return cli::run_dump(options);
  if (command == "can") return cli::run_can(options);
  if (command == "who") return cli::run_who(options);
  if (command == "diff") return cli::run_diff(options);
  if (command == "test") return cli::run_test(options);
  if (command == "login" || command == "dial" || command == "feature" || command == "explain") {
    return cli::run_decision(options);
  }
  const std::string message = "unknown command '" + std::string(command) + "'";
  return cli::usage_error(message.c_str());
}

}  // namespace

int main(int argc, char **argv) {
  namespace cli = scopegate::cli;
  cli::use_block_buffered_stdout();
  GlobalOptions options;
  std::string error;
  if (!cli::parse_global_options(argc, argv, options, error)) return cli::usage_error(error.c_str());
  if (options.help) {
    cli::print_usage(stdout);
    return cli::kExitOk;
  }
  if (options.version) return cli::run_version(options);
  if (options.command.empty()) return cli::usage_error("no command given");
  return dispatch(options);
}
