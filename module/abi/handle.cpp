#include "abi/handle.hpp"

#include <cstdio>

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

namespace {

// The errors of a failed load, one a line: what sg_error and info say.
std::string joined_errors(const Diagnostics &d) {
  std::string out;
  for (const ConfigMessage &m : d.errors()) out += m.str() + "\n";
  if (!out.empty()) out.pop_back();
  return out;
}

// "generation 2, revision 5f0c..., 3 domains, 10 users, 2 queues; 4 files
// read, 3 domains built in 1.234 ms": one line that says which config is in
// force and what it took to build it.
std::string load_summary(const Snapshot &s) {
  char took[48];
  std::snprintf(took, sizeof took, "%llu.%03llu ms", static_cast<unsigned long long>(s.load.usec / 1000),
                static_cast<unsigned long long>(s.load.usec % 1000));
  return "generation " + std::to_string(s.generation) + ", revision " + revision_text(s.revision) + ", " +
         std::to_string(s.domains.size()) + " domains, " + std::to_string(s.users.size()) + " users, " +
         std::to_string(s.queues.size()) + " queues; " + std::to_string(s.load.files_read) + " files read, " +
         std::to_string(s.load.domains_rebuilt) + " domains built in " + took;
}

}  // namespace

LoadStatus Handle::load() {
  std::lock_guard lock(load_lock_);
  LoadResult result = load_config(path_);
  // The logger in force, held apart from its snapshot: publish() below
  // waits for every reader of the old snapshot, this thread included.
  std::shared_ptr<Logger> log_in_force = failure_logger_;
  uint64_t in_force = 0;  // the generation in force; only loads (serialised here) change it
  uint64_t revision_in_force = 0;
  if (auto reader = registry_.read(); const Snapshot *current = reader.get()) {
    log_in_force = current->logger;
    in_force = current->generation;
    revision_in_force = current->revision;
  }
  const Logger &log = *log_in_force;
  for (const ConfigMessage &m : result.diagnostics.warnings()) log.log(SG_LOG_WARN, m.str());

  attach_logger(result, host_);
  diagnostics_.deliver(result.diagnostics);
  if (!result.snapshot) {
    report_failure(result.diagnostics, log);
    log.log(SG_LOG_ERROR, in_force ? "reload of " + path_ + " failed; generation " + std::to_string(in_force) +
                                         " (revision " + revision_text(revision_in_force) + ") stays in force"
                                   : "open of " + path_ + " failed");
    std::string failure = joined_errors(result.diagnostics);
    set_status(false, failure);
    return LoadStatus{false, failure};
  }

  Snapshot &s = *result.snapshot;
  s.generation = in_force + 1;
  std::string done = "loaded " + path_ + ": " + load_summary(s);
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
      out.load = s->load;
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
