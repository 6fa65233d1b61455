// command_diff.cpp - `scopegate diff OLD_FILE [NEW_FILE] [--widen-only]`: who
// gains and who loses what between two configs (NEW_FILE default: -c FILE).
// Exit 0 no change, 1 changes, 2 error.
#include <cstdio>
#include <string>
#include <string_view>

#include "commands.hpp"
#include "report_call.hpp"

namespace scopegate::cli {
namespace {

struct DiffArguments {
  std::string_view old_file, new_file;
  bool widen_only = false;
};

bool parse_diff(const GlobalOptions& options, DiffArguments& out) {
  int files = 0;
  for (size_t i = 1; i < options.command.size(); ++i) {
    const std::string_view word = options.command[i];
    if (word == "--widen-only") {
      out.widen_only = true;
    } else if (word.starts_with("--") || word.empty() || files == 2) {
      return false;
    } else {
      (files++ == 0 ? out.old_file : out.new_file) = word;
    }
  }
  return files >= 1;
}

// The new config is the context's own (-c, or NEW_FILE in its place).
GlobalOptions new_config_options(const GlobalOptions& options, const DiffArguments& args) {
  GlobalOptions out = options;
  if (!args.new_file.empty()) out.config_path = std::string(args.new_file);
  return out;
}

}  // namespace

int run_diff(const GlobalOptions& options) {
  DiffArguments args;
  if (!parse_diff(options, args)) return usage_error("usage: diff OLD_FILE [NEW_FILE] [--widen-only]");
  const GlobalOptions new_options = new_config_options(options, args);
  CommandContext context(new_options);
  if (!context.load_module() || !module_has_report(context)) return kExitError;
  ConfigSession old_config;
  if (!old_config.open(context.api(), std::string(args.old_file))) {
    print_lines_to_stderr(old_config.errors(), false);
    return kExitError;
  }
  if (!context.open_config()) return kExitError;
  sg_report_req req;
  SG_INIT(req);
  req.command = SG_REPORT_DIFF;
  req.flags = (options.json ? SG_REPORT_JSON : 0u) | (args.widen_only ? SG_REPORT_WIDEN_ONLY : 0u);
  req.old_config = old_config.handle();
  ReportText report;
  if (!call_report(context, req, report)) return kExitError;
  std::fwrite(report.text.data(), 1, report.text.size(), stdout);
  if (std::fflush(stdout) != 0) return kExitError;
  return report.count == 0 ? kExitOk : kExitChanges;
}

}  // namespace scopegate::cli
