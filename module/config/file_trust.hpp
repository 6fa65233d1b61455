// Config trust, as sudo and sshd do it: a file whose owner or mode lets
// someone else change it cannot decide who may do what. Every file that goes
// into a snapshot (the main file, each @include, each domains_dir file) is
// checked; a symlink counts as the file it finally points to.
#pragma once

#include <cstdint>
#include <set>
#include <string>

#include "config/config_reader.hpp"

namespace scopegate {

// No config file is larger: a runaway or hostile file (a log redirected into
// the config, 100 MB of junk) is refused before it is parsed. A million
// users in one file take 60-90 MB (65 MB as bench/ generates them), so the
// limit leaves room for that.
inline constexpr uint64_t kMaxConfigFileBytes = 96ull << 20;

class FileTrust {
 public:
  // strict: ownership and modes are checked (strict_permissions, default
  // true). Size and file type are always checked.
  explicit FileTrust(bool strict = true) : strict_(strict) {}
  void set_strict(bool strict) { strict_ = strict; }
  bool strict() const { return strict_; }

  // Before parsing: path and every file it @includes must be a regular file
  // (after symlinks; a FIFO or a device would hang the load or never end) of
  // at most kMaxConfigFileBytes. Errors name the file and the reason.
  bool check_readable(const std::string &path, const std::string &include_dir, Diagnostics &d) const;

  // After parsing, when strict: path, every file it @includes (found by
  // scanning its `@include "..."` lines, resolved against include_dir as
  // libconfig does) and every source file of cfg's settings must be owned by
  // root or the effective user and not writable by group or others.
  void check_config(const std::string &path, const std::string &include_dir, const libconfig::Config &cfg,
                    Diagnostics &d);

  // One file's ownership and mode, following symlinks; false with an error
  // naming the file and the reason.
  bool check_owner_and_mode(const std::string &path, Diagnostics &d);

 private:
  bool strict_;
  std::set<std::string> checked_;  // each file is judged (and reported) once per load
  // libconfig keeps one copy of each source file name, shared by all the
  // settings read from it: a setting from the same file as the one before
  // is skipped without building its name (a million users, five million
  // settings). Reset for each config.
  const char *last_source_ = nullptr;
  // include_dir: the main file (scanned for strays with its includes in
  // place); nullptr: an included file.
  bool check_one_readable(const std::string &path, const std::string *include_dir, Diagnostics &d) const;
  void check_includes_of(const std::string &path, const std::string &include_dir, Diagnostics &d);
  void check_setting_sources(const libconfig::Setting &s, const std::string &include_dir, Diagnostics &d);
};

}  // namespace scopegate
