// command_context.cpp - module loading and config opening for commands.
#include "command_context.hpp"

#include <cstdio>

#ifndef SG_DEFAULT_CONFIG
#error "SG_DEFAULT_CONFIG must name the default main config file"
#endif

namespace scopegate::cli {

CommandContext::CommandContext(const GlobalOptions &options)
    : options_(options), config_path_(options.config_path.empty() ? SG_DEFAULT_CONFIG : options.config_path) {}

bool CommandContext::load_module() {
  if (module_.api() != nullptr) return true;
  std::string error;
  if (module_.load(find_module_path(options_.module_path), error)) return true;
  std::fprintf(stderr, "scopegate: %s\n", error.c_str());
  return false;
}

bool CommandContext::open_config() {
  if (!load_module()) return false;
  if (session_.open(module_.api(), config_path_)) return true;
  // The lines already name file and line; print them as they are, so
  // editors and scripts can jump to them.
  print_lines_to_stderr(session_.errors(), false);
  return false;
}

}  // namespace scopegate::cli
