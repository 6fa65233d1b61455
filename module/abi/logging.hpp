// Logging: one private logger per config, never spdlog's global registry or
// default logger (the host may use spdlog too). spdlog and fmt are compiled
// into logging.cpp only, so their symbols never meet a host's copies.
#pragma once

#include <atomic>
#include <memory>
#include <string>
#include <string_view>

#include "engine/snapshot.hpp"

namespace scopegate {

// The host's log callback from sg_open_args.
struct HostLog {
  void (*fn)(void *user, int32_t level, const char *msg) = nullptr;
  void *user = nullptr;
  int32_t min_level = SG_LOG_DEBUG;
};

class Logger {
 public:
  // A logger for the config's log settings, or for the host callback when
  // there is one. Throws on a sink that cannot be opened (file:PATH).
  static std::shared_ptr<Logger> make(const LogSettings &settings, const HostLog &host);
  // Before any config is loaded: the host callback, else stderr.
  static std::shared_ptr<Logger> bootstrap(const HostLog &host);
  ~Logger();

  // Cheap enough for the decision path: one relaxed atomic load.
  bool enabled(int level) const { return level >= level_.load(std::memory_order_relaxed); }
  bool audit() const { return audit_; }
  void log(int level, std::string_view message) const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
  std::atomic<int> level_{SG_LOG_INFO};
  bool audit_ = false;
  Logger();
};

}  // namespace scopegate
