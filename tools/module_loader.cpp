// module_loader.cpp - module lookup and dlopen.
#include "module_loader.hpp"

#include <dlfcn.h>
#include <unistd.h>

#include <cstddef>
#include <cstdlib>
#include <filesystem>
#include <system_error>

#ifndef SG_MODULE_DIR
#error "SG_MODULE_DIR must name the directory of the installed scopegate.so"
#endif

namespace scopegate::cli {
namespace {

constexpr const char *kModuleFile = "scopegate.so";

// <dir of /proc/self/exe>/../module/scopegate.so when the CLI runs from a
// CMake build tree (its parent holds CMakeCache.txt), else "". An installed
// CLI never looks beside itself.
std::string build_tree_module() {
  std::error_code ec;
  const std::filesystem::path exe = std::filesystem::read_symlink("/proc/self/exe", ec);
  if (ec) return {};
  const std::filesystem::path build = exe.parent_path().parent_path();
  if (!std::filesystem::exists(build / "CMakeCache.txt", ec)) return {};
  const std::filesystem::path candidate = build / "module" / kModuleFile;
  if (!std::filesystem::exists(candidate, ec)) return {};
  return candidate.string();
}

// The smallest table this CLI can use: everything up to and including info.
constexpr std::size_t kMinApiSize = offsetof(sg_api, info) + sizeof(sg_api::info);

}  // namespace

std::string find_module_path(const std::string &explicit_path) {
  if (!explicit_path.empty()) return explicit_path;
  const char *from_env = std::getenv("SCOPEGATE_MODULE");
  if (from_env != nullptr && *from_env != '\0') return from_env;
  std::string in_build_tree = build_tree_module();
  if (!in_build_tree.empty()) return in_build_tree;
  return std::string(SG_MODULE_DIR) + "/" + kModuleFile;
}

LoadedModule::~LoadedModule() {
  if (so_ != nullptr) dlclose(so_);
}

bool LoadedModule::load(const std::string &path, std::string &error) {
  // RTLD_LOCAL as a host would: the module's symbols must not leak into us.
  // A path without '/' would make dlopen search the library path instead.
  const std::string target = path.find('/') == std::string::npos ? "./" + path : path;
  so_ = dlopen(target.c_str(), RTLD_NOW | RTLD_LOCAL);
  if (so_ == nullptr) {
    const char *why = dlerror();
    // dlerror() names the file itself.
    error = std::string("cannot load module: ") + (why != nullptr ? why : path.c_str());
    return false;
  }
  auto get = reinterpret_cast<sg_module_api_fn>(dlsym(so_, SG_MODULE_API_SYMBOL));
  if (get == nullptr) {
    error = path + " is not a scopegate module (no " SG_MODULE_API_SYMBOL ")";
    return false;
  }
  api_ = get(SG_ABI_MAJOR);
  if (api_ == nullptr || api_->abi_major != SG_ABI_MAJOR || api_->struct_size < kMinApiSize) {
    api_ = nullptr;
    error = path + ": incompatible module ABI (this scopegate needs ABI 1)";
    return false;
  }
  return true;
}

}  // namespace scopegate::cli
