// config_session.cpp - open/close of a config and its log capture.
#include "config_session.hpp"

#include <algorithm>
#include <cstdio>

namespace scopegate::cli {

ConfigSession::~ConfigSession() {
  if (handle_ != nullptr) api_->close(handle_);
}

// While opening, warnings and errors are collected for check; once open, the
// few lines at warning level and above (a decision never logs there unless
// something is wrong) go straight to stderr, keeping stdout for results.
void ConfigSession::on_log(void *user, int32_t level, const char *msg) {
  auto *self = static_cast<ConfigSession *>(user);
  if (msg == nullptr) return;
  if (self->opened_) {
    std::fprintf(stderr, "scopegate: %s\n", msg);
  } else if (level >= SG_LOG_ERROR) {
    self->errors_.emplace_back(msg);
  } else if (level == SG_LOG_WARN) {
    self->warnings_.emplace_back(msg);
  }
}

namespace {

// Config errors read "FILE:LINE: message" (or "FILE: message" when no line
// applies); the module also logs a summary ("open of FILE failed") for hosts
// that only see their log. Here each error is already shown, so summaries
// are dropped - unless nothing else was logged.
void keep_located_lines(std::vector<std::string> &lines) {
  const auto located = [](const std::string &line) { return line.find(": ") != std::string::npos; };
  if (std::none_of(lines.begin(), lines.end(), located)) return;
  std::erase_if(lines, [&](const std::string &line) { return !located(line); });
}

}  // namespace

bool ConfigSession::open(const sg_api *api, const std::string &path) {
  api_ = api;
  sg_open_args args;
  SG_INIT(args);
  args.config_path = path.c_str();
  args.log = &ConfigSession::on_log;
  args.log_user = this;
  args.log_min_level = SG_LOG_WARN;
  sg_error err;
  SG_INIT(err);
  if (api_->open(&args, &handle_, &err) == 0 && handle_ != nullptr) {
    opened_ = true;
    return true;
  }
  handle_ = nullptr;
  error_code_ = err.code != 0 ? err.code : -1;
  keep_located_lines(errors_);
  if (errors_.empty()) {
    errors_.emplace_back(err.message[0] != '\0' ? err.message : "cannot open " + path);
  }
  return false;
}

void print_lines_to_stderr(const std::vector<std::string> &lines, bool prefixed) {
  for (const std::string &line : lines) {
    std::fprintf(stderr, "%s%s\n", prefixed ? "scopegate: " : "", line.c_str());
  }
}

}  // namespace scopegate::cli
