// What the fault tests share: the built scopegate.so loaded with dlopen (the
// module exactly as a host gets it), a temporary config tree written by the
// tests, and short ways to ask the three decisions.
#pragma once

#include <scopegate/scopegate.h>

#include <array>
#include <cstdint>
#include <mutex>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace sgfault {

// The module's table (dlopen of path, never closed). Aborts when it cannot
// be loaded: no fault test means anything without it.
const sg_api &load_api(const char *path = SG_TEST_MODULE);
inline const sg_api &api() {
  static const sg_api &table = load_api();
  return table;
}

// A temporary folder, removed with its contents when destroyed.
class TempDir {
 public:
  TempDir();
  ~TempDir();
  TempDir(const TempDir &) = delete;
  const std::string &path() const { return path_; }
  // Writes (replaces, by rename) path()/name with mode 0644; returns the path.
  std::string write(const std::string &name, std::string_view text) const;
  std::string file(const std::string &name) const { return path_ + "/" + name; }

 private:
  std::string path_;
};

// A config tree: scopegate.conf @including inc.conf, with domains.d/ holding
// acme.example. acme.example has 101 (basic, HQ), 100 (office manager), 103
// (disabled), 150 (supervisor of sales), 160 (agent of sales).
struct ConfigTree {
  explicit ConfigTree(const TempDir &dir);
  std::string main, include, domain;
  static const char *main_text();
  static const char *include_text();
  static const char *domain_text();
  // The same tree with 101 disabled: a valid config that answers differently.
  static const char *domain_text_101_disabled();
};

// Log lines a handle sent to the host callback.
class LogCapture {
 public:
  static void callback(void *user, int32_t level, const char *msg);
  std::vector<std::pair<int32_t, std::string>> lines() const;
  bool contains(std::string_view text) const;

 private:
  mutable std::mutex lock_;
  std::vector<std::pair<int32_t, std::string>> lines_;
};

// open() with a log callback (capture may be null: lines are dropped).
sg_handle *open_config(const std::string &path, sg_error &err, LogCapture *capture = nullptr,
                       const sg_api &table = api());

// An answer: verdict and reason name ("allow ok", "deny disabled_user").
std::string login(sg_handle *h, const char *user, const char *domain, int32_t channel = SG_CHANNEL_PORTAL,
                  const sg_api &table = api());
std::string dial(sg_handle *h, const char *user, const char *domain, const char *destination,
                 const sg_api &table = api());
std::string feature(sg_handle *h, const char *user, const char *domain, const char *feature_id,
                    int32_t kind = SG_TARGET_NONE, const char *id = nullptr, const sg_api &table = api());

// The answers to a fixed set of requests on the ConfigTree configs, one line
// each: what "the snapshot in force" decides.
std::vector<std::string> answers(sg_handle *h, const sg_api &table = api());

// The same answers as (verdict, reason code) pairs, without allocating: for
// threads that decide while the process forks (a child must not inherit an
// allocator lock that such a thread held).
constexpr size_t kAnswerCount = 10;
struct Verdict {
  int32_t verdict, reason;
  bool operator==(const Verdict &) const = default;
};
using Verdicts = std::array<Verdict, kAnswerCount>;
Verdicts verdicts(sg_handle *h, const sg_api &table = api());

uint64_t generation(sg_handle *h, const sg_api &table = api());

}  // namespace sgfault
