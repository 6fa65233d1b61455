// The one file that includes spdlog: header-only, with fmt header-only too.
#define SPDLOG_HEADER_ONLY
#define FMT_HEADER_ONLY
// No thread ids in log lines: spdlog would keep one in a thread_local, which
// makes the module depend on the dynamic loader's TLS entry point.
#define SPDLOG_NO_THREAD_ID
#include "abi/logging.hpp"

#include <syslog.h>

#include <mutex>
#include <spdlog/logger.h>
#include <spdlog/sinks/base_sink.h>
#include <spdlog/sinks/basic_file_sink.h>
#include <spdlog/sinks/stdout_sinks.h>

namespace scopegate {

namespace {

spdlog::level::level_enum to_spdlog(int level) {
  switch (level) {
    case SG_LOG_DEBUG: return spdlog::level::debug;
    case SG_LOG_INFO: return spdlog::level::info;
    case SG_LOG_WARN: return spdlog::level::warn;
    default: return spdlog::level::err;
  }
}

int from_spdlog(spdlog::level::level_enum level) {
  switch (level) {
    case spdlog::level::trace:
    case spdlog::level::debug: return SG_LOG_DEBUG;
    case spdlog::level::info: return SG_LOG_INFO;
    case spdlog::level::warn: return SG_LOG_WARN;
    default: return SG_LOG_ERROR;
  }
}

// Sends each line to the host's callback, unformatted (the host adds its own
// time and level).
class HostSink final : public spdlog::sinks::base_sink<std::mutex> {
 public:
  explicit HostSink(HostLog host) : host_(host) {}

 protected:
  void sink_it_(const spdlog::details::log_msg &msg) override {
    int level = from_spdlog(msg.level);
    if (level < host_.min_level) return;
    std::string text(msg.payload.data(), msg.payload.size());
    host_.fn(host_.user, level, text.c_str());
  }
  void flush_() override {}

 private:
  HostLog host_;
};

// syslog(3) without openlog(): the host owns the process's syslog identity;
// lines are tagged "scopegate:" instead.
class SyslogSink final : public spdlog::sinks::base_sink<std::mutex> {
 protected:
  void sink_it_(const spdlog::details::log_msg &msg) override {
    static constexpr int kPriority[] = {LOG_DEBUG, LOG_INFO, LOG_WARNING, LOG_ERR};
    ::syslog(kPriority[from_spdlog(msg.level)], "scopegate: %.*s", static_cast<int>(msg.payload.size()),
             msg.payload.data());
  }
  void flush_() override {}
};

spdlog::sink_ptr make_sink(const LogSettings &settings, const HostLog &host) {
  if (host.fn) return std::make_shared<HostSink>(host);
  if (settings.sink == "stderr") return std::make_shared<spdlog::sinks::stderr_sink_mt>();
  if (settings.sink.starts_with("file:")) return std::make_shared<spdlog::sinks::basic_file_sink_mt>(settings.sink.substr(5));
  if (settings.sink == "host") return std::make_shared<spdlog::sinks::stderr_sink_mt>();  // no callback given
  return std::make_shared<SyslogSink>();
}

}  // namespace

struct Logger::Impl {
  std::shared_ptr<spdlog::logger> logger;
};

Logger::Logger() : impl_(std::make_unique<Impl>()) {}
Logger::~Logger() = default;

std::shared_ptr<Logger> Logger::make(const LogSettings &settings, const HostLog &host) {
  std::shared_ptr<Logger> out(new Logger());
  // Constructed directly, never registered: spdlog::get() and the default
  // logger stay the host's.
  out->impl_->logger = std::make_shared<spdlog::logger>("scopegate", make_sink(settings, host));
  // With a host callback the host's minimum level decides; the config's
  // level is for the config's own sink, lowered to info when it asks for an
  // audit trail (denials log at info).
  int level = host.fn ? static_cast<int>(host.min_level) : settings.level;
  if (settings.audit && !host.fn) level = std::min(level, static_cast<int>(SG_LOG_INFO));
  out->level_ = level;
  out->audit_ = settings.audit;
  out->impl_->logger->set_level(spdlog::level::trace);  // filtering is ours
  out->impl_->logger->set_pattern("%Y-%m-%dT%H:%M:%S.%e %l scopegate: %v");
  out->impl_->logger->flush_on(spdlog::level::trace);
  return out;
}

std::shared_ptr<Logger> Logger::bootstrap(const HostLog &host) {
  LogSettings settings;
  settings.sink = "stderr";
  settings.level = SG_LOG_WARN;
  return make(settings, host);
}

void Logger::log(int level, std::string_view message) const {
  if (!enabled(level)) return;
  impl_->logger->log(to_spdlog(level), "{}", message);
}

}  // namespace scopegate
