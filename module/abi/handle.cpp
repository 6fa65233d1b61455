#include "abi/handle.hpp"

#include "config/config_loader.hpp"
#include "engine/revision.hpp"

namespace scopegate {

Handle::Handle(std::string config_path, HostLog host, DiagnosticSink diagnostics)
    : path_(std::move(config_path)), host_(host), diagnostics_(diagnostics), failure_logger_(Logger::bootstrap(host)) {}

void Handle::set_status(bool ok, std::string message) {
  std::lock_guard lock(status_lock_);
  last_ok_ = ok;
  last_message_ = std::move(message);
}

void Handle::mark_failed(const char *why) noexcept {
  std::lock_guard lock(status_lock_);
  last_ok_ = false;
  try {
    last_message_ = why;
  } catch (...) {
    last_message_.clear();
  }
}

void Handle::report_failure(const Diagnostics &d, const Logger &log) {
  // Each error on its own line, so a host callback sees all of them even
  // when sg_error.message has to cut the list short.
  for (const ConfigMessage &m : d.errors()) log.log(SG_LOG_ERROR, m.str());
}

LoadStatus Handle::load() {
  std::lock_guard lock(load_lock_);
  LoadResult result = load_config(path_);
  // The logger in force, held apart from its snapshot: publish() below
  // waits for every reader of the old snapshot, this thread included.
  std::shared_ptr<Logger> log_in_force = failure_logger_;
  uint64_t in_force = 0;  // the generation in force; only loads (serialised here) change it
  if (auto reader = registry_.read(); const Snapshot *current = reader.get()) {
    log_in_force = current->logger;
    in_force = current->generation;
  }
  const Logger &log = *log_in_force;
  for (const ConfigMessage &m : result.diagnostics.warnings()) log.log(SG_LOG_WARN, m.str());

  std::string failure;
  attach_logger(result, host_);
  diagnostics_.deliver(result.diagnostics);
  if (!result.snapshot) {
    report_failure(result.diagnostics, log);
    for (const ConfigMessage &m : result.diagnostics.errors()) failure += m.str() + "\n";
    if (!failure.empty()) failure.pop_back();
    log.log(SG_LOG_ERROR, in_force ? "reload of " + path_ + " failed; generation " + std::to_string(in_force) + " stays in force"
                                      : "open of " + path_ + " failed");
    set_status(false, failure);
    return LoadStatus{false, failure};
  }

  Snapshot &s = *result.snapshot;
  s.generation = in_force + 1;
  s.revision = content_revision(s);
  std::string done = "loaded " + path_ + ": generation " + std::to_string(s.generation) + ", revision " +
                     revision_text(s.revision) + ", " +
                     std::to_string(s.domains.size()) + " domains, " + std::to_string(s.users.size()) + " users, " +
                     std::to_string(s.queues.size()) + " queues";
  std::shared_ptr<Logger> new_log = s.logger;
  registry_.publish(std::move(result.snapshot));
  set_status(true, "");
  new_log->log(SG_LOG_INFO, done);
  return LoadStatus{true, ""};
}

HandleInfo Handle::info() {
  HandleInfo out;
  {
    auto reader = registry_.read();
    if (const Snapshot *s = reader.get()) {
      out.generation = s->generation;
      out.revision = s->revision;
      out.domains = static_cast<uint32_t>(s->domains.size());
      out.users = static_cast<uint32_t>(s->users.size());
      out.queues = static_cast<uint32_t>(s->queues.size());
    }
  }
  std::lock_guard lock(status_lock_);
  out.last_ok = last_ok_;
  out.last_message = last_message_;
  return out;
}

}  // namespace scopegate
