// config_session.hpp - one opened config (an sg_handle) and what the module
// logged while opening it.
#ifndef SCOPEGATE_TOOLS_CONFIG_SESSION_HPP
#define SCOPEGATE_TOOLS_CONFIG_SESSION_HPP

#include <string>
#include <vector>

#include "scopegate/scopegate.h"

namespace scopegate::cli {

class ConfigSession {
 public:
  ConfigSession() = default;
  ConfigSession(const ConfigSession &) = delete;
  ConfigSession &operator=(const ConfigSession &) = delete;
  ~ConfigSession();

  // Opens path with a log callback, so every config error arrives as its own
  // "FILE:LINE: message" line (sg_error.message holds 511 bytes only).
  // Returns false when the config does not load; errors() then says why.
  bool open(const sg_api *api, const std::string &path);

  sg_handle *handle() const { return handle_; }
  // The SG_LOG_ERROR lines of a failed open; never empty after a failure
  // (sg_error.message when the module logged nothing).
  const std::vector<std::string> &errors() const { return errors_; }
  // The SG_LOG_WARN lines logged while opening.
  const std::vector<std::string> &warnings() const { return warnings_; }
  // sg_error.code of a failed open: -1 config error, -2 bad argument, -3 internal.
  int error_code() const { return error_code_; }

 private:
  static void on_log(void *user, int32_t level, const char *msg);

  const sg_api *api_ = nullptr;
  sg_handle *handle_ = nullptr;
  bool opened_ = false;
  int error_code_ = 0;
  std::vector<std::string> errors_;
  std::vector<std::string> warnings_;
};

// Prints every line to stderr, each prefixed with "scopegate: " when prefixed.
void print_lines_to_stderr(const std::vector<std::string> &lines, bool prefixed);

}  // namespace scopegate::cli

#endif
