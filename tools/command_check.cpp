// command_check.cpp - `scopegate check [--strict] [--user NAME]`: validate
// the config as open would (like nginx -t), and say what was read.
#include <cstdio>
#include <string>
#include <vector>

#include "command_context.hpp"
#include "commands.hpp"
#include "json_escape.hpp"
#include "load_figures.hpp"
#include "run_as_user.hpp"

namespace scopegate::cli {

namespace {

struct CheckOptions {
  bool strict = false;
  std::string user;  // empty: as the current user
};

bool parse_check_options(const GlobalOptions &options, CheckOptions &out) {
  for (size_t i = 1; i < options.command.size(); ++i) {
    std::string_view word = options.command[i];
    if (word == "--strict") {
      out.strict = true;
    } else if (word == "--user" && i + 1 < options.command.size()) {
      out.user = std::string(options.command[++i]);
    } else {
      return false;
    }
  }
  return true;
}

struct Diagnostic {
  bool error;
  std::string file;
  uint32_t line, column;
  std::string message;
  std::string str() const {
    std::string out = file + ":" + std::to_string(line);
    if (column != 0) out += ":" + std::to_string(column);
    return out + (error ? ": error: " : ": warning: ") + message;
  }
};

// What the module reported, collected through the sg_check_args callbacks.
struct Report {
  std::vector<std::string> files, skipped;
  std::vector<Diagnostic> diagnostics;
  sg_check_result result{};
  bool figures = false;  // the module fills the fields of ABI 1.3

  // The revision and what building the config took: for a valid config
  // only (an invalid one was not built and has no revision).
  bool has_figures() const { return figures && result.ok; }
  LoadFigures load_figures() const {
    return LoadFigures{result.revision, result.files_read, result.domains, result.load_usec};
  }

  static void on_diagnostic(void *user, const sg_diagnostic *d) {
    if (d == nullptr) return;
    static_cast<Report *>(user)->diagnostics.push_back(
        {d->severity == SG_DIAG_ERROR, d->file ? d->file : "", d->line, d->column, d->message ? d->message : ""});
  }
  static void on_file(void *user, const char *path, int32_t read) {
    auto *self = static_cast<Report *>(user);
    (read ? self->files : self->skipped).emplace_back(path ? path : "");
  }
};

void append_strings(std::string &out, const char *key, const std::vector<std::string> &items) {
  out += ",\"";
  out += key;
  out += "\":[";
  for (size_t i = 0; i < items.size(); ++i) {
    if (i) out += ',';
    append_json_string(out, items[i]);
  }
  out += ']';
}

void print_json(const Report &r) {
  std::string out = r.result.ok ? "{\"ok\":true" : "{\"ok\":false";
  append_strings(out, "files", r.files);
  append_strings(out, "skipped", r.skipped);
  out += ",\"counts\":{\"domains\":" + std::to_string(r.result.domains) +
         ",\"users\":" + std::to_string(r.result.users) + ",\"queues\":" + std::to_string(r.result.queues) + "}";
  if (r.has_figures()) append_load_figures_json(out, r.load_figures());
  out += ",\"diagnostics\":[";
  for (size_t i = 0; i < r.diagnostics.size(); ++i) {
    const Diagnostic &d = r.diagnostics[i];
    out += i ? ",{\"severity\":" : "{\"severity\":";
    out += d.error ? "\"error\"" : "\"warning\"";
    out += ",\"file\":";
    append_json_string(out, d.file);
    out += ",\"line\":" + std::to_string(d.line) + ",\"column\":" + std::to_string(d.column) + ",\"message\":";
    append_json_string(out, d.message);
    out += '}';
  }
  out += "]}";
  std::printf("%s\n", out.c_str());
}

// Diagnostics on stderr in the form of SPEC 4.1; what was read on stdout,
// and for a valid config what building it took and its revision.
void print_text(const Report &r, const std::string &path) {
  for (const Diagnostic &d : r.diagnostics) std::fprintf(stderr, "%s\n", d.str().c_str());
  for (const std::string &f : r.files) std::printf("read %s\n", f.c_str());
  for (const std::string &f : r.skipped) std::printf("skipped %s\n", f.c_str());
  std::printf("%u domains, %u users, %u queues\n", r.result.domains, r.result.users, r.result.queues);
  if (r.has_figures()) std::fputs(load_figures_text(r.load_figures()).c_str(), stdout);
  std::printf("%s: %s\n", path.c_str(), r.result.ok ? "ok" : "invalid");
}

// A module older than ABI 1.1 has no check entry: open the config instead.
int check_by_opening(CommandContext &context) {
  ConfigSession &session = context.session();
  if (!session.open(context.api(), context.config_path())) {
    print_lines_to_stderr(session.errors(), false);
    return session.error_code() == -1 ? kExitInvalidConfig : kExitError;
  }
  print_lines_to_stderr(session.warnings(), false);
  std::printf("%s: ok\n", context.config_path().c_str());
  return kExitOk;
}

}  // namespace

int run_check(const GlobalOptions &options) {
  CheckOptions check;
  if (!parse_check_options(options, check)) return usage_error("check takes [--strict] [--user NAME]");
  CommandContext context(options);
  if (!context.load_module()) return kExitError;
  std::string error;
  if (!check.user.empty() && !become_user(check.user, error)) {
    std::fprintf(stderr, "scopegate: %s\n", error.c_str());
    return kExitError;
  }
  const sg_api *api = context.api();
  if (!SG_API_HAS(api, check)) {
    if (check.strict || !check.user.empty() || options.json)
      std::fprintf(stderr, "scopegate: this module (ABI 1.%u) cannot check with these options\n", api->abi_minor);
    return check.strict || options.json ? kExitError : check_by_opening(context);
  }
  Report report;
  SG_INIT(report.result);
  report.figures = has_load_figures(api);
  sg_check_args args;
  SG_INIT(args);
  args.flags = check.strict ? SG_CHECK_STRICT : 0u;
  args.config_path = context.config_path().c_str();
  args.diagnostic = &Report::on_diagnostic;
  args.file = &Report::on_file;
  args.user = &report;
  int32_t rc = api->check(&args, &report.result);
  if (rc < 0) {
    std::fprintf(stderr, "scopegate: the module could not check %s\n", context.config_path().c_str());
    return kExitError;
  }
  if (options.json)
    print_json(report);
  else
    print_text(report, context.config_path());
  return rc == 0 ? kExitOk : kExitInvalidConfig;
}

}  // namespace scopegate::cli
