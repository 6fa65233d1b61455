// command_can.cpp - `scopegate can USER@DOMAIN [--feature F]`: what one user
// may do, as the module enumerates it (SPEC.md 6.1).
#include <cstdio>
#include <string>
#include <string_view>

#include "commands.hpp"
#include "report_call.hpp"
#include "sg_convert.hpp"

namespace scopegate::cli {
namespace {

struct CanArguments {
  std::string_view user, domain, feature;
};

bool parse_can(const GlobalOptions& options, CanArguments& out) {
  const auto& w = options.command;
  size_t i = 1;
  if (w.size() < 2) return false;
  const size_t at = w[i].rfind('@');
  if (at == std::string_view::npos || at == 0 || at + 1 == w[i].size()) return false;
  out.user = w[i].substr(0, at);
  out.domain = w[i].substr(at + 1);
  for (++i; i < w.size(); ++i) {
    if (w[i].starts_with("--feature=")) {
      out.feature = w[i].substr(10);
    } else if (w[i] == "--feature" && i + 1 < w.size()) {
      out.feature = w[++i];
    } else {
      return false;
    }
    if (out.feature.empty()) return false;
  }
  return true;
}

}  // namespace

int run_can(const GlobalOptions& options) {
  CanArguments args;
  if (!parse_can(options, args)) return usage_error("usage: can USER@DOMAIN [--feature F]");
  CommandContext context(options);
  if (!context.open_config()) return kExitError;
  sg_report_req req;
  SG_INIT(req);
  req.command = SG_REPORT_CAN;
  req.flags = options.json ? SG_REPORT_JSON : 0u;
  req.user = to_sg(args.user);
  req.domain = to_sg(args.domain);
  req.feature = to_sg(args.feature);
  ReportText report;
  if (!call_report(context, req, report)) return kExitError;
  std::fwrite(report.text.data(), 1, report.text.size(), stdout);
  return std::fflush(stdout) == 0 ? kExitOk : kExitError;
}

}  // namespace scopegate::cli
