// command_info.cpp - `scopegate info`: what a PBX process that opened the
// config now would report through sg_api.info: generation, counts, what the
// load read and built and how long it took, and the content revision. An
// operator compares the revision with the one in each process's log line
// (or the Kamailio RPC scopegate.info) to see that all decide on one config.
#include <cstdio>
#include <string>

#include "command_context.hpp"
#include "commands.hpp"
#include "json_escape.hpp"
#include "load_figures.hpp"
#include "output.hpp"

namespace scopegate::cli {

namespace {

LoadFigures load_figures(const sg_info &info) {
  return LoadFigures{info.revision, info.files_read, info.domains_rebuilt, info.load_usec};
}

void print_text(const sg_info &info, bool figures) {
  std::printf("generation %llu\n", static_cast<unsigned long long>(info.generation));
  std::printf("%u domains, %u users, %u queues\n", info.domains, info.users, info.queues);
  if (figures) std::fputs(load_figures_text(load_figures(info)).c_str(), stdout);
}

// One flat object with the fields of sg_info, named as there.
void print_json(const std::string &path, const sg_info &info, bool figures) {
  std::string out = "{\"config\":";
  append_json_string(out, path);
  out += ",\"generation\":" + std::to_string(info.generation);
  out += info.last_reload_ok ? ",\"last_reload_ok\":true" : ",\"last_reload_ok\":false";
  out += ",\"last_reload_message\":";
  append_json_string(out, info.last_reload_message);
  out += ",\"domains\":" + std::to_string(info.domains) + ",\"users\":" + std::to_string(info.users) +
         ",\"queues\":" + std::to_string(info.queues);
  if (figures) append_load_figures_json(out, load_figures(info));
  std::printf("%s}\n", out.c_str());
}

}  // namespace

int run_info(const GlobalOptions &options) {
  if (options.command.size() != 1) return usage_error("info takes no arguments");
  CommandContext context(options);
  if (!context.open_config()) return kExitError;
  sg_info info;
  SG_INIT(info);
  if (context.api()->info(context.handle(), &info) != 0) {
    std::fprintf(stderr, "scopegate: the module could not say what it loaded\n");
    return kExitError;
  }
  const bool figures = has_load_figures(context.api());
  if (options.json)
    print_json(context.config_path(), info, figures);
  else
    print_text(info, figures);
  return stdout_ok() ? kExitOk : kExitError;
}

}  // namespace scopegate::cli
