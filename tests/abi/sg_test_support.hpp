// Test support shared by the acceptance tests: load the real scopegate.so
// with dlopen (never link the engine), open configs on it, and turn the CLI's
// request words ("feature 101@acme.example users.view user:102") into ABI
// requests.
#pragma once

#include <scopegate/scopegate.h>

#include "common/words.hpp"

#include <dlfcn.h>

#include <cstdint>
#include <cstring>
#include <mutex>
#include <optional>
#include <sstream>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace sgtest {

// The module, loaded once per process.
class Module {
 public:
  static const Module &get() {
    static const Module module(SG_TEST_MODULE);
    return module;
  }
  const sg_api *api() const { return api_; }
  const std::string &load_error() const { return error_; }
  const std::string &path() const { return path_; }

 private:
  explicit Module(const char *path) : path_(path) {
    so_ = dlopen(path, RTLD_NOW | RTLD_LOCAL);
    if (!so_) {
      error_ = std::string("dlopen ") + path + ": " + dlerror();
      return;
    }
    void *sym = dlsym(so_, SG_MODULE_API_SYMBOL);
    if (!sym) {
      error_ = std::string("no symbol ") + SG_MODULE_API_SYMBOL + " in " + path;
      return;
    }
    sg_module_api_fn get_api = nullptr;
    std::memcpy(&get_api, &sym, sizeof get_api);
    api_ = get_api(SG_ABI_MAJOR);
    if (!api_) error_ = "sg_module_api(SG_ABI_MAJOR) returned NULL";
  }
  std::string path_;
  void *so_ = nullptr;  // never closed: the table stays valid for the process
  const sg_api *api_ = nullptr;
  std::string error_;
};

struct LogLine {
  int32_t level;
  std::string text;
};

// Collects the log lines a handle sends to the host callback.
struct LogSink {
  std::mutex mutex;
  std::vector<LogLine> lines;

  static void callback(void *user, int32_t level, const char *msg) {
    auto *sink = static_cast<LogSink *>(user);
    std::lock_guard<std::mutex> lock(sink->mutex);
    sink->lines.push_back({level, msg ? msg : "(null)"});
  }
  std::vector<LogLine> take() {
    std::lock_guard<std::mutex> lock(mutex);
    return std::exchange(lines, {});
  }
};

// One open handle; closed on destruction.
class Handle {
 public:
  Handle() = default;
  Handle(const Handle &) = delete;
  Handle &operator=(const Handle &) = delete;
  ~Handle() { close(); }

  // Opens path; returns 0 or -1 like sg_api.open. error() holds err.message.
  int32_t open(const std::string &path, int32_t log_min_level = SG_LOG_DEBUG) {
    close();
    const sg_api *api = Module::get().api();
    sg_open_args args;
    SG_INIT(args);
    args.config_path = path.c_str();
    args.log = &LogSink::callback;
    args.log_user = &log_;
    args.log_min_level = log_min_level;
    args.diagnostic = &Handle::on_diagnostic;
    args.diagnostic_user = &diagnostics_;
    sg_error err;
    SG_INIT(err);
    const int32_t rc = api->open(&args, &h_, &err);
    error_ = err.message;
    code_ = err.code;
    return rc;
  }
  int32_t reload() {
    sg_error err;
    SG_INIT(err);
    const int32_t rc = Module::get().api()->reload(h_, &err);
    error_ = err.message;
    code_ = err.code;
    return rc;
  }
  std::optional<sg_info> info() const {
    sg_info info;
    SG_INIT(info);
    if (Module::get().api()->info(h_, &info) != 0) return std::nullopt;
    return info;
  }
  void close() {
    if (h_) Module::get().api()->close(h_);
    h_ = nullptr;
  }
  sg_handle *get() const { return h_; }
  const std::string &error() const { return error_; }
  int32_t error_code() const { return code_; }
  LogSink &log() { return log_; }
  // Every diagnostic delivered through sg_open_args.diagnostic (open and
  // each reload), as "FILE:LINE[:COLUMN]: error|warning: MESSAGE"; taking
  // them empties the list.
  std::vector<std::string> take_diagnostics() { return std::exchange(diagnostics_, {}); }

 private:
  static void on_diagnostic(void *user, const sg_diagnostic *d) {
    std::string line = std::string(d->file) + ":" + std::to_string(d->line);
    if (d->column) line += ":" + std::to_string(d->column);
    line += d->severity == SG_DIAG_ERROR ? ": error: " : ": warning: ";
    static_cast<std::vector<std::string> *>(user)->push_back(line + d->message);
  }
  std::vector<std::string> diagnostics_;
  sg_handle *h_ = nullptr;
  std::string error_;
  int32_t code_ = 0;
  LogSink log_;
};

inline const char *verdict_word(int32_t verdict) {
  switch (verdict) {
    case SG_ALLOW: return "allow";
    case SG_DENY: return "deny";
    case SG_ERROR: return "error";
    default: return "?";
  }
}

// The reason words, indexed by SG_REASON_* (the module's own vocabulary;
// test_words checks it against SPEC section 6 word by word).
inline const auto &kReasonNames = scopegate::kReasonWords;
inline constexpr int32_t kReasonCount = static_cast<int32_t>(scopegate::kReasonWords.size());

// What one decision returned, as text the tables compare against.
struct Answer {
  int32_t returned = -99;
  int32_t verdict = -99;
  int32_t reason = -99;
  std::string reason_name;
  uint64_t generation = 0;

  // "allow ok", "deny out_of_reach", "error bad_request"
  std::string words() const { return std::string(verdict_word(verdict)) + " " + reason_name; }
  // Empty when the fields agree with each other (return value, verdict,
  // reason code and reason name), else what disagrees.
  std::string inconsistency() const {
    std::ostringstream out;
    if (returned != verdict) out << "return value " << returned << " != verdict " << verdict << "; ";
    if (reason < 0 || reason >= kReasonCount)
      out << "reason code " << reason << " out of range; ";
    else if (reason_name != kReasonNames[reason])
      out << "reason code " << reason << " is '" << kReasonNames[reason] << "' but reason_name is '"
          << reason_name << "'; ";
    return out.str();
  }
};

inline sg_str view(const std::string &s) { return sg_str{s.data(), s.size()}; }
inline sg_str view_or_absent(const std::string &s) {
  return s.empty() ? sg_str{nullptr, 0} : view(s);
}

// A request written in the CLI's words (SPEC section 6):
//   login   USER@DOMAIN CHANNEL
//   dial    USER@DOMAIN DESTINATION
//   feature USER@DOMAIN FEATURE [TARGET] [--queue Q] [--scope S] [--site S] [--owner O]
// TARGET: user:ID[@DOMAIN] | queue:NAME[@DOMAIN] | site:NAME[@DOMAIN] |
//         domain:NAME | object:KIND/ID[@DOMAIN]
// The strings are owned here; decide() builds the ABI structs over them.
struct Request {
  std::string command;
  std::string user, domain;
  int32_t channel = 0;
  std::string destination;
  std::string feature;
  int32_t target_kind = SG_TARGET_NONE;
  std::string target_id, target_domain, object_kind, site, owner, queue, scope;

  // flags SG_REQ_*; with SG_REQ_EXPLAIN the account goes into explain[cap].
  Answer decide(sg_handle *h, uint32_t flags = 0, char *explain = nullptr,
                 size_t explain_cap = 0) const {
    const sg_api *api = Module::get().api();
    sg_decision d;
    SG_INIT(d);
    d.verdict = SG_ALLOW;  // the module must overwrite it
    d.reason = -99;
    d.reason_name = nullptr;
    if (explain && explain_cap) explain[0] = '\0';
    d.explain = explain;
    d.explain_cap = explain_cap;
    Answer o;
    if (command == "login") {
      sg_login_req r;
      SG_INIT(r);
      r.user = view(user);
      r.domain = view(domain);
      r.channel = channel;
      r.flags = flags;
      o.returned = api->login(h, &r, &d);
    } else if (command == "dial") {
      sg_dial_req r;
      SG_INIT(r);
      r.user = view(user);
      r.domain = view(domain);
      r.destination = view(destination);
      r.flags = flags;
      o.returned = api->dial(h, &r, &d);
    } else {
      sg_feature_req r;
      SG_INIT(r);
      r.user = view(user);
      r.domain = view(domain);
      r.feature = view(feature);
      r.target.kind = target_kind;
      r.target.id = view_or_absent(target_id);
      r.target.domain = view_or_absent(target_domain);
      r.target.object_kind = view_or_absent(object_kind);
      r.target.site = view_or_absent(site);
      r.target.owner = view_or_absent(owner);
      r.target.queue = view_or_absent(queue);
      r.target.scope = view_or_absent(scope);
      r.flags = flags;
      o.returned = api->feature(h, &r, &d);
    }
    o.verdict = d.verdict;
    o.reason = d.reason;
    o.reason_name = d.reason_name ? d.reason_name : "(null)";
    o.generation = d.generation;
    return o;
  }
};

inline int32_t channel_from_word(std::string_view w) {
  auto channel = scopegate::parse_channel(w);
  return channel ? static_cast<int32_t>(*channel) : 0;  // 0: not a channel, the module must answer bad_request
}

// "ID@DOMAIN" split at the last '@' (user ids never contain '@').
inline std::pair<std::string, std::string> split_at(const std::string &s) {
  const auto at = s.rfind('@');
  if (at == std::string::npos) return {s, ""};
  return {s.substr(0, at), s.substr(at + 1)};
}

// Parses one request; returns an error text instead when the words are not
// a request (a mistake in the table, not a decision).
inline std::optional<Request> parse_request(const std::string &text, std::string *error) {
  std::istringstream in(text);
  std::vector<std::string> w;
  for (std::string word; in >> word;) w.push_back(word);
  auto fail = [&](const std::string &why) {
    *error = why;
    return std::optional<Request>{};
  };
  if (w.size() < 3) return fail("too few words");
  Request r;
  r.command = w[0];
  auto [user, domain] = split_at(w[1]);
  r.user = user;
  r.domain = domain;
  if (r.command == "login") {
    if (w.size() != 3) return fail("login USER@DOMAIN CHANNEL");
    r.channel = channel_from_word(w[2]);
    return r;
  }
  if (r.command == "dial") {
    if (w.size() != 3) return fail("dial USER@DOMAIN DESTINATION");
    r.destination = w[2];
    return r;
  }
  if (r.command != "feature") return fail("unknown command " + r.command);
  r.feature = w[2];
  bool have_target = false;
  for (size_t i = 3; i < w.size(); ++i) {
    const std::string &word = w[i];
    if (word.rfind("--", 0) == 0) {
      if (i + 1 >= w.size()) return fail(word + " needs a value");
      const std::string &value = w[++i];
      if (word == "--queue") r.queue = value;
      else if (word == "--scope") r.scope = value;
      else if (word == "--site") r.site = value;
      else if (word == "--owner") r.owner = value;
      else return fail("unknown option " + word);
      continue;
    }
    if (have_target) return fail("two targets");
    have_target = true;
    const auto colon = word.find(':');
    if (colon == std::string::npos) return fail("target without KIND: " + word);
    const std::string kind = word.substr(0, colon);
    const std::string rest = word.substr(colon + 1);
    if (kind == "domain") {
      r.target_kind = SG_TARGET_DOMAIN;
      r.target_id = rest;
      continue;
    }
    auto [id, dom] = split_at(rest);
    r.target_domain = dom;
    if (kind == "user") r.target_kind = SG_TARGET_USER;
    else if (kind == "queue") r.target_kind = SG_TARGET_QUEUE;
    else if (kind == "site") r.target_kind = SG_TARGET_SITE;
    else if (kind == "object") {
      r.target_kind = SG_TARGET_OBJECT;
      const auto slash = id.find('/');
      if (slash == std::string::npos) return fail("object:KIND/ID expected: " + word);
      r.object_kind = id.substr(0, slash);
      id = id.substr(slash + 1);
    } else {
      r.target_kind = 99;  // not a kind: the module must answer bad_request
    }
    r.target_id = id;
  }
  return r;
}

}  // namespace sgtest
