// Parsing config text with libconfig, and typed access to its settings
// with every problem located (config/diagnostics.hpp).
#pragma once

#include "common/words.hpp"
#include "config/diagnostics.hpp"
#include "config/setting.hpp"

#include <array>
#include <initializer_list>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace scopegate {

class ConfigSource;

// Parses the text of source into tree: false (with an error at the file and
// line it came from, saying what was expected) if malformed or empty. The
// settings' lines are then located through the source's line map.
bool parse_source(const ConfigSource &source, ConfigTree &tree, Diagnostics &d);
// Parses text (named name in messages) into tree.
bool read_config_text(const char *text, const std::string &name, ConfigTree &tree, Diagnostics &d);

// The directory part of path ("." when there is none).
std::string directory_of(const std::string &path);

// Typed access to one group's settings. Reports keys not in the allowed
// list, and wrong types, as errors at the offending setting.
class GroupReader {
 public:
  GroupReader(Setting group, Diagnostics &d, std::span<const std::string_view> allowed);
  GroupReader(Setting group, Diagnostics &d, std::initializer_list<std::string_view> allowed)
      : GroupReader(group, d, std::span<const std::string_view>(allowed.begin(), allowed.size())) {}

  Setting group() const { return group_; }
  bool has(const char *key) const { return static_cast<bool>(get(key)); }
  Setting get(const char *key) const;

  // The string at key. Absent: nullopt, and an error when required.
  std::optional<std::string> string(const char *key, bool required = false);
  std::optional<bool> boolean(const char *key);
  std::optional<long long> integer(const char *key);
  // A list or array at key (absent: nullptr; another type: error, nullptr).
  Setting sequence(const char *key);
  Setting subgroup(const char *key);

 private:
  Setting group_;
  Diagnostics &d_;
  // The allowed keys and the setting under each (null: absent), found in
  // the constructor's one pass over the group. Loading a million users asks
  // for each user's keys several times; libconfig would parse the key as a
  // path and search the group on every call.
  static constexpr size_t kMaxKeys = 16;
  std::array<std::string_view, kMaxKeys> keys_;
  std::array<Setting, kMaxKeys> found_{};
  size_t key_count_ = 0;  // 0 with more allowed keys than kMaxKeys: get() asks libconfig
  Setting typed(const char *key, std::initializer_list<Setting::Type> types, const char *type_name);
};

// keys, then every scope word (words.hpp): the keys a policy entry may hold.
template <size_t N>
constexpr std::array<std::string_view, N + kScopeCount> keys_and_scope_words(const std::string_view (&keys)[N]) {
  std::array<std::string_view, N + kScopeCount> all{};
  for (size_t i = 0; i < N; ++i) all[i] = keys[i];
  for (size_t i = 0; i < kScopeCount; ++i) all[N + i] = kScopeWords[i];
  return all;
}

// The strings of an array or list; each non-string element is an error.
std::vector<std::pair<std::string, Setting>> string_items(Setting seq, Diagnostics &d);

}  // namespace scopegate
