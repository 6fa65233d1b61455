// command_who.cpp - `scopegate who FEATURE TARGET [--queue Q] [--scope S]
// [--site S] [--owner O]`: every user for whom that feature request allows.
// The words after FEATURE are read by the same parser as `feature`, so both
// commands understand a target alike.
#include <cstdio>
#include <string>
#include <string_view>
#include <vector>

#include "commands.hpp"
#include "json_escape.hpp"
#include "report_call.hpp"
#include "request_parser.hpp"
#include "sg_convert.hpp"

namespace scopegate::cli {
namespace {

// A stand-in actor for the parser's grammar; only the target is used.
constexpr std::string_view kAnyActor = "who@who";

bool parse_who(const GlobalOptions& options, Request& out, std::string& error) {
  const auto& w = options.command;
  if (w.size() < 3 || w[2].starts_with("--")) {
    error = "usage: who FEATURE TARGET [--queue NAME] [--scope SCOPE] [--site NAME] [--owner ID]";
    return false;
  }
  std::vector<std::string_view> words{"feature", kAnyActor};
  words.insert(words.end(), w.begin() + 1, w.end());
  return parse_request(words, out, error);
}

void write_json(std::string& out, const Request& request, const std::string& users) {
  out.append("{\"feature\":");
  append_json_string(out, request.feature);
  out.append(",\"target\":");
  append_json_string(out, request.target.text);
  out.append(",\"allowed\":[");
  size_t start = 0;
  for (size_t end; (end = users.find('\n', start)) != std::string::npos; start = end + 1) {
    if (start != 0) out.push_back(',');
    append_json_string(out, std::string_view(users).substr(start, end - start));
  }
  out.append("]}\n");
}

}  // namespace

int run_who(const GlobalOptions& options) {
  Request request;
  std::string error;
  if (!parse_who(options, request, error)) return usage_error(error.c_str());
  CommandContext context(options);
  if (!context.open_config()) return kExitError;
  sg_report_req req;
  SG_INIT(req);
  req.command = SG_REPORT_WHO;
  req.feature = to_sg(request.feature);
  req.target = to_sg_target(request.target);
  ReportText report;
  if (!call_report(context, req, report)) return kExitError;
  std::string out;
  if (options.json) write_json(out, request, report.text);
  else out = report.text;
  std::fwrite(out.data(), 1, out.size(), stdout);
  return std::fflush(stdout) == 0 ? kExitOk : kExitError;
}

}  // namespace scopegate::cli
