// command_context.hpp - what every command that asks the module needs: the
// loaded module and, for most, an opened config. Failures are reported on
// stderr here, once, in the same words for every command.
#ifndef SCOPEGATE_TOOLS_COMMAND_CONTEXT_HPP
#define SCOPEGATE_TOOLS_COMMAND_CONTEXT_HPP

#include <string>

#include "config_session.hpp"
#include "global_options.hpp"
#include "module_loader.hpp"

namespace scopegate::cli {

class CommandContext {
 public:
  explicit CommandContext(const GlobalOptions &options);

  // Loads the module (see find_module_path); false after printing why.
  bool load_module();
  // load_module(), then opens the config; false after printing every error.
  bool open_config();

  const sg_api *api() const { return module_.api(); }
  sg_handle *handle() const { return session_.handle(); }
  ConfigSession &session() { return session_; }
  const std::string &config_path() const { return config_path_; }

 private:
  const GlobalOptions &options_;
  std::string config_path_;
  // Declared before session_ so the handle closes before the module unloads.
  LoadedModule module_;
  ConfigSession session_;
};

}  // namespace scopegate::cli

#endif
