// What open and check share: a loaded config gets the logger its log
// section asks for (a sink that cannot be opened fails the load at the log
// line), and each diagnostic goes to the host's callback as fields.
#pragma once

#include <string>

#include "abi/logging.hpp"
#include "config/config_loader.hpp"
#include "scopegate/scopegate.h"

namespace scopegate {

// The host's sg_diagnostic_fn and its user pointer.
struct DiagnosticSink {
  sg_diagnostic_fn fn = nullptr;
  void *user = nullptr;
  void deliver(const Diagnostics &d) const;
};

// Gives r's snapshot its logger (through host when it has a callback, else
// the config's sink). A sink that cannot be opened is an error at the log
// line, and the snapshot is dropped. false when r has no snapshot after.
bool attach_logger(LoadResult &r, const HostLog &host);

// A config checked as open checks it, sink included, and not kept.
LoadResult check_config(const std::string &path, bool strict_warnings);

}  // namespace scopegate
