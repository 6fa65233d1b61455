// Reading libconfig files and settings with every problem located as
// "FILE:LINE: message". Problems are collected, never thrown, so one pass
// reports them all.
#pragma once

#include <libconfig.h++>

#include <array>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace scopegate {

struct ConfigMessage {
  std::string file;
  unsigned line = 0;  // 0: the file as a whole (shown as line 1)
  std::string text;
  std::string str() const;  // "FILE:LINE: text"
};

class Diagnostics {
 public:
  explicit Diagnostics(std::string fallback_file = {}) : fallback_file_(std::move(fallback_file)) {}

  void error(const libconfig::Setting &where, std::string text);
  void error_in(std::string file, unsigned line, std::string text);
  void warn(const libconfig::Setting &where, std::string text);
  void warn_in(std::string file, unsigned line, std::string text);

  bool ok() const { return errors_.empty(); }
  // "FILE:LINE" of a setting, as a diagnostic would name it.
  std::string place(const libconfig::Setting &where) const;
  // The file of a setting, as a diagnostic would name it.
  std::string file_of(const libconfig::Setting &where) const;
  const std::vector<ConfigMessage> &errors() const { return errors_; }
  const std::vector<ConfigMessage> &warnings() const { return warnings_; }
  // The file reported for settings that have no source file (text configs).
  void set_fallback_file(std::string f) { fallback_file_ = std::move(f); }
  // libconfig names an @included file as written in the directive; relative
  // names are reported from this directory (that of the file being read).
  void set_include_dir(std::string dir) { include_dir_ = std::move(dir); }

 private:
  ConfigMessage locate(const libconfig::Setting &where, std::string text) const;
  std::string fallback_file_;
  std::string include_dir_;
  std::vector<ConfigMessage> errors_, warnings_;
};

// Parses the libconfig file at path into cfg; relative @include paths are
// taken from the file's directory. false (with an error) if unreadable,
// malformed or empty.
bool read_config_file(const std::string &path, libconfig::Config &cfg, Diagnostics &d);
// Parses text (named name in messages) into cfg.
bool read_config_text(const char *text, const std::string &name, libconfig::Config &cfg, Diagnostics &d);

// The directory part of path ("." when there is none).
std::string directory_of(const std::string &path);

// Typed access to one group's settings. Reports keys not in the allowed
// list, and wrong types, as errors at the offending setting.
class GroupReader {
 public:
  GroupReader(const libconfig::Setting &group, Diagnostics &d, std::initializer_list<std::string_view> allowed);

  const libconfig::Setting &group() const { return group_; }
  bool has(const char *key) const { return get(key) != nullptr; }
  const libconfig::Setting *get(const char *key) const;

  // The string at key. Absent: nullopt, and an error when required.
  std::optional<std::string> string(const char *key, bool required = false);
  std::optional<bool> boolean(const char *key);
  std::optional<long long> integer(const char *key);
  // A list or array at key (absent: nullptr; another type: error, nullptr).
  const libconfig::Setting *sequence(const char *key);
  const libconfig::Setting *subgroup(const char *key);

 private:
  const libconfig::Setting &group_;
  Diagnostics &d_;
  // The allowed keys and the setting under each (null: absent), found in
  // the constructor's one pass over the group. Loading a million users asks
  // for each user's keys several times; libconfig would parse the key as a
  // path and search the group on every call.
  static constexpr size_t kMaxKeys = 16;
  std::array<std::string_view, kMaxKeys> keys_;
  std::array<const libconfig::Setting *, kMaxKeys> found_{};
  size_t key_count_ = 0;  // 0 with more allowed keys than kMaxKeys: get() asks libconfig
  const libconfig::Setting *typed(const char *key, std::initializer_list<libconfig::Setting::Type> types,
                                  const char *type_name);
};

// The strings of an array or list; each non-string element is an error.
std::vector<std::pair<std::string, const libconfig::Setting *>> string_items(const libconfig::Setting &seq,
                                                                            Diagnostics &d);

}  // namespace scopegate
