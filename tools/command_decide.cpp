// command_decide.cpp - one decision from the command line:
//   scopegate [--json] [explain] login|dial|feature ...
#include <cstdio>
#include <string>

#include "command_context.hpp"
#include "commands.hpp"
#include "decision_format.hpp"
#include "decision_runner.hpp"
#include "request_parser.hpp"

namespace scopegate::cli {
namespace {

int exit_status_of(int32_t verdict) {
  if (verdict == SG_ALLOW) return kExitAllow;
  if (verdict == SG_DENY) return kExitDeny;
  return kExitError;
}

// A request the CLI can tell is malformed is answered without the module, so
// the result is the same whether or not a module or config is at hand.
int reject(const GlobalOptions& options, const std::string& message) {
  std::string out;
  if (options.json) {
    append_json_rejected(out, message, 0);
  } else {
    append_text_result(out, bad_request_outcome());
    std::fprintf(stderr, "scopegate: %s\n", message.c_str());
  }
  std::fwrite(out.data(), 1, out.size(), stdout);
  return kExitError;
}

}  // namespace

int run_decision(const GlobalOptions& options) {
  Request request;
  std::string error;
  if (!parse_request(options.command, request, error)) return reject(options, error);
  CommandContext context(options);
  if (!context.open_config()) return kExitError;
  DecisionRunner runner(context.api(), context.handle(), options.json);
  const Answer answer = runner.decide(request);
  std::string out;
  if (options.json) {
    append_json_result(out, request, answer);
  } else {
    append_text_result(out, answer);
  }
  std::fwrite(out.data(), 1, out.size(), stdout);
  if (std::fflush(stdout) != 0) return kExitError;
  return exit_status_of(answer.verdict);
}

}  // namespace scopegate::cli
