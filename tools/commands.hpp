// commands.hpp - the commands of `scopegate` (SPEC.md section 6), one file each.
#ifndef SCOPEGATE_TOOLS_COMMANDS_HPP
#define SCOPEGATE_TOOLS_COMMANDS_HPP

#include <cstdio>

#include "global_options.hpp"

namespace scopegate::cli {

// Exit statuses: a single decision exits with its verdict; check exits 1 for
// an invalid config; everything that went wrong otherwise is 2.
enum ExitStatus : int {
  kExitAllow = 0,
  kExitOk = 0,
  kExitDeny = 1,
  kExitInvalidConfig = 1,
  kExitError = 2,
  kExitChanges = 1,  // diff: the configs differ; test: an expectation failed
};

int run_check(const GlobalOptions &options);     // check
int run_info(const GlobalOptions &options);      // info
int run_decision(const GlobalOptions &options);  // login, dial, feature, explain
int run_batch(const GlobalOptions &options);     // batch
int run_dump(const GlobalOptions &options);      // dump [--domain NAME]
int run_version(const GlobalOptions &options);   // --version
int run_can(const GlobalOptions &options);       // can USER@DOMAIN [--feature F]
int run_who(const GlobalOptions &options);       // who FEATURE TARGET [...]
int run_diff(const GlobalOptions &options);      // diff OLD_FILE [NEW_FILE] [--widen-only]
int run_test(const GlobalOptions &options);      // test FILE...

// The grammar, for --help (stdout) and usage errors (stderr).
void print_usage(std::FILE *out);
// "scopegate: MESSAGE" and a hint to --help on stderr; returns kExitError.
int usage_error(const char *message);

}  // namespace scopegate::cli

#endif
