// command_dump.cpp - `scopegate dump [--domain NAME]`: the effective policy
// matrix and who holds which scope, as the module sees the config.
#include <cstdio>
#include <string>
#include <string_view>

#include "command_context.hpp"
#include "commands.hpp"
#include "output.hpp"
#include "report_call.hpp"
#include "sg_convert.hpp"

namespace scopegate::cli {
namespace {

// The domain named by --domain NAME or --domain=NAME; false on anything else.
bool parse_dump_arguments(const GlobalOptions& options, std::string_view& domain) {
  const auto& words = options.command;
  if (words.size() == 2 && words[1].starts_with("--domain=")) {
    domain = words[1].substr(9);
    return !domain.empty();
  }
  if (words.size() == 3 && words[1] == "--domain") {
    domain = words[2];
    return !domain.empty();
  }
  return words.size() == 1;
}

void emit_line(void*, const char* line, size_t len) {
  if (line == nullptr) return;
  std::fwrite(line, 1, len, stdout);
  if (len == 0 || line[len - 1] != '\n') std::fputc('\n', stdout);
}

// The JSON dump comes from the report entry (ABI 1.2).
int run_json_dump(CommandContext& context, std::string_view domain) {
  sg_report_req req;
  SG_INIT(req);
  req.command = SG_REPORT_DUMP;
  req.flags = SG_REPORT_JSON;
  req.domain = to_sg(domain);
  ReportText report;
  if (!call_report(context, req, report)) return kExitError;
  std::fwrite(report.text.data(), 1, report.text.size(), stdout);
  return std::fflush(stdout) == 0 ? kExitOk : kExitError;
}

}  // namespace

int run_dump(const GlobalOptions& options) {
  std::string_view domain;
  if (!parse_dump_arguments(options, domain)) return usage_error("usage: dump [--domain NAME]");
  CommandContext context(options);
  if (!context.load_module()) return kExitError;
  if (!SG_API_HAS(context.api(), dump)) {
    std::fprintf(stderr, "scopegate: this module has no dump entry point\n");
    return kExitError;
  }
  if (!context.open_config()) return kExitError;
  if (options.json) return run_json_dump(context, domain);
  const sg_str name{domain.empty() ? nullptr : domain.data(), domain.size()};
  const int32_t rc = context.api()->dump(context.handle(), name, &emit_line, nullptr);
  const bool written = stdout_ok();
  if (rc != 0 && domain.empty()) {
    std::fprintf(stderr, "scopegate: dump failed\n");
    return kExitError;
  }
  if (rc != 0) {
    std::fprintf(stderr, "scopegate: dump: no domain '%.*s' in the config\n",
                 static_cast<int>(domain.size()), domain.data());
    return kExitError;
  }
  return written ? kExitOk : kExitError;
}

}  // namespace scopegate::cli
