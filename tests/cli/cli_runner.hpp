// cli_runner.hpp - runs the built scopegate CLI as a child process, the way an
// operator's script would, and captures what it printed.
#ifndef SCOPEGATE_TESTS_CLI_CLI_RUNNER_HPP
#define SCOPEGATE_TESTS_CLI_CLI_RUNNER_HPP

#include <map>
#include <string>
#include <vector>

namespace scopegate::test {

struct CliResult {
  int exit_code = -1;  // -1: killed by a signal (a crash)
  std::string out;     // stdout
  std::string err;     // stderr
};

struct CliRun {
  std::vector<std::string> args;  // after argv[0]
  std::string input;              // stdin
  // Environment changes: a value of "" removes the variable. SCOPEGATE_MODULE
  // is removed unless given here, so the host environment cannot leak in.
  std::map<std::string, std::string> env;
  std::string program;  // empty: the CLI under test
};

CliResult run_cli(const CliRun& run);

// The built CLI, module and source conf/ directory (compile definitions).
std::string cli_path();
std::string module_path();
std::string conf_dir();
std::string example_config();  // conf/examples/scopegate.conf

// scopegate --module <built module> -c config ARGS... with input on stdin.
CliResult run_with_config(const std::string& config, const std::vector<std::string>& args,
                          const std::string& input = {});
// The same against conf/examples/scopegate.conf.
CliResult run_example(const std::vector<std::string>& args, const std::string& input = {});

// The lines of text, without their newlines.
std::vector<std::string> lines_of(const std::string& text);

}  // namespace scopegate::test

#endif
