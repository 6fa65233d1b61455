// A handle: one config path, the snapshot in force, and the state of the
// last load. What the C boundary's sg_handle points to.
#pragma once

#include <cstdint>
#include <memory>
#include <mutex>
#include <string>

#include "abi/config_check.hpp"
#include "abi/logging.hpp"
#include "engine/snapshot_registry.hpp"

namespace scopegate {

struct LoadStatus {
  bool ok = false;
  std::string message;  // the errors, one "FILE:LINE: message" a line; "" when ok
};

struct HandleInfo {
  uint64_t generation = 0;
  uint64_t revision = 0;  // content_revision of the config in force
  LoadStats load;         // the load that built it (the last successful one)
  bool last_ok = false;
  std::string last_message;
  uint32_t domains = 0, users = 0, queues = 0;
};

class Handle {
 public:
  Handle(std::string config_path, HostLog host, DiagnosticSink diagnostics = {});

  // Loads the config and, on success, puts it in force with the next
  // generation; on failure the config in force stays as it was. Concurrent
  // calls are serialised.
  LoadStatus load();

  // A load that failed with an exception (out of memory): info() says so.
  // The message is stored only if that needs no memory it cannot get.
  void mark_failed(const char *why) noexcept;

  SnapshotRegistry::Reader read() { return registry_.read(); }
  HandleInfo info();

 private:
  const std::string path_;
  const HostLog host_;
  const DiagnosticSink diagnostics_;  // every load's diagnostics, as fields
  SnapshotRegistry registry_;
  std::mutex load_lock_;    // one load at a time
  std::mutex status_lock_;  // last_ok_ and last_message_
  bool last_ok_ = false;
  std::string last_message_;
  std::shared_ptr<Logger> failure_logger_;  // before any config is in force

  void report_failure(const class Diagnostics &d, const Logger &log);
  void set_status(bool ok, std::string message);
};

}  // namespace scopegate
