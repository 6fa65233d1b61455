// module_loader.hpp - finds scopegate.so and loads it the way a PBX host does:
// dlopen, dlsym("sg_module_api"), and nothing but the C ABI after that.
#ifndef SCOPEGATE_TOOLS_MODULE_LOADER_HPP
#define SCOPEGATE_TOOLS_MODULE_LOADER_HPP

#include <string>

#include "scopegate/scopegate.h"

namespace scopegate::cli {

// The module to load, first that applies:
//   1. explicit_path (--module PATH), when not empty;
//   2. $SCOPEGATE_MODULE, when set and not empty;
//   3. <dir of this executable>/../module/scopegate.so when it exists
//      (the build tree, so a freshly built CLI runs the freshly built module);
//   4. SG_MODULE_DIR/scopegate.so, the installed module.
std::string find_module_path(const std::string &explicit_path);

// A loaded module; unloaded when destroyed.
class LoadedModule {
 public:
  LoadedModule() = default;
  LoadedModule(const LoadedModule &) = delete;
  LoadedModule &operator=(const LoadedModule &) = delete;
  ~LoadedModule();

  // Loads path and checks its ABI. Returns false with a message in error when
  // the file cannot be loaded, lacks sg_module_api, or has another ABI major.
  bool load(const std::string &path, std::string &error);

  const sg_api *api() const { return api_; }

 private:
  void *so_ = nullptr;
  const sg_api *api_ = nullptr;
};

}  // namespace scopegate::cli

#endif
