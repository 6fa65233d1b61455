// global_options.hpp - the options every command shares:
//   scopegate [-c FILE] [--module PATH] [--json] COMMAND ...
#ifndef SCOPEGATE_TOOLS_GLOBAL_OPTIONS_HPP
#define SCOPEGATE_TOOLS_GLOBAL_OPTIONS_HPP

#include <string>
#include <string_view>
#include <vector>

namespace scopegate::cli {

struct GlobalOptions {
  std::string config_path;  // -c FILE / --config FILE; empty: the built-in default
  std::string module_path;  // --module PATH; empty: search (module_loader.h)
  bool json = false;
  bool help = false;
  bool version = false;
  std::vector<std::string_view> command;  // the command word and its arguments
};

// Global options are taken wherever they appear, before the command or after
// it, so `scopegate check -c x.conf` works too; the command's own options
// (--queue, --domain, ...) are left in command. "--" ends option parsing:
// every later word belongs to the command. Returns false with a message in
// error on an unknown option before the command or an option without value.
bool parse_global_options(int argc, char **argv, GlobalOptions &out, std::string &error);

}  // namespace scopegate::cli

#endif
