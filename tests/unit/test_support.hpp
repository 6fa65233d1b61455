// Shared by the unit tests: configs written to a scratch directory and
// loaded with the real loader.
#pragma once

#include <filesystem>
#include <memory>
#include <string>

#include "config/config_loader.hpp"
#include "engine/decision.hpp"

namespace scopegate::test {

// A scratch directory, removed with the object.
class ScratchDir {
 public:
  ScratchDir();
  ~ScratchDir();
  const std::filesystem::path &path() const { return path_; }
  // Writes text to name (relative to the directory); returns the full path.
  std::string write(const std::string &name, const std::string &text) const;

 private:
  std::filesystem::path path_;
};

// Loads main-file text (plus files written beforehand into dir).
LoadResult load_text(const ScratchDir &dir, const std::string &text);
// Loads text and fails the test unless it is valid.
std::unique_ptr<Snapshot> must_load(const std::string &text);
// The errors of a load, one "FILE:LINE: message" a line.
std::string errors_of(const LoadResult &r);

// A config with every scope (acme.example, two sites, two queues), a
// reseller and a super user (provider.example), and other.example.
extern const char *const kModelConfig;

// Short forms for decisions against a snapshot.
Outcome login(const Snapshot &s, const std::string &user_at_domain, Channel c);
Outcome dial(const Snapshot &s, const std::string &user_at_domain, const std::string &destination);
Outcome feature(const Snapshot &s, const std::string &user_at_domain, const std::string &feature,
                TargetRef target = {});
TargetRef user_target(std::string_view id, std::string_view domain = {});
TargetRef queue_target(std::string_view name, std::string_view domain = {});

}  // namespace scopegate::test
