// The one reader of config files. Each file (the main file, every @include,
// every domains_dir file) is opened once; type, size, owner and mode are
// judged on that descriptor (fstat) and on every directory above the file,
// and the bytes parsed are the bytes read from it, as sudo's
// sudo_secure_open does. @include is expanded here, not by libconfig, so
// absolute and relative names, depth and count limits, and the reason a
// file cannot be opened are all handled in one place; libconfig then reads
// the expanded text from memory, and a line map leads every line of it back
// to its file and line.
#pragma once

#include <cstdint>
#include <set>
#include <string>
#include <vector>

#include "config/diagnostics.hpp"

namespace scopegate {

// No config file is larger: a runaway or hostile file (a log redirected into
// the config, 100 MB of junk) is refused before it is parsed. A million
// users in one file take 60-90 MB (65 MB as bench/ generates them), so the
// limit leaves room for that.
inline constexpr uint64_t kMaxConfigFileBytes = 96ull << 20;
// Includes nest at most this deep, and one config expands at most this many
// (files that include each other over and over would grow without end).
inline constexpr int kMaxIncludeDepth = 10;
inline constexpr int kMaxIncludeExpansions = 256;

// Owner and mode problems found while reading, kept until the config says
// whether strict_permissions is on (it is read from the same files), and
// the directories already judged in this load.
class TrustFindings {
 public:
  void add(std::string path, std::string why) { found_.push_back({std::move(path), std::move(why)}); }
  // Each directory is judged once per load (a million users in ten
  // thousand files share a few directories).
  bool first_visit(const std::string &dir) { return dirs_.insert(dir).second; }
  size_t size() const { return found_.size(); }
  // Reports the findings from index from on as errors (none when strict is
  // false); true when it reported any.
  bool report(bool strict, Diagnostics &d, size_t from = 0) const;

 private:
  struct Finding {
    std::string path, why;
  };
  std::vector<Finding> found_;
  std::set<std::string> dirs_;
};

// One config text as libconfig will read it, and where each line came from.
class ConfigSource {
 public:
  // include_dir: where relative @include names are found (the main file's
  // directory).
  ConfigSource(std::string include_dir, TrustFindings &trust) : include_dir_(std::move(include_dir)), trust_(trust) {}

  // Reads path and what it includes. false with the errors in d when a file
  // cannot be opened or read, is not a text file, or the includes go wrong.
  bool read(const std::string &path, Diagnostics &d);

  const std::string &text() const { return text_; }
  const LineMap &map() const { return map_; }

 private:
  std::string include_dir_;
  TrustFindings &trust_;
  std::string text_;
  LineMap map_;
  int expansions_ = 0;

  friend class IncludeExpander;
};

// Reads the whole file at path into bytes (one open, fstat on it, checks,
// then reads): false with an error naming the path and the reason.
// The owner and mode of the file and of each directory above it go to
// trust. where: the place to blame (the @include line), or none.
bool read_trusted_file(const std::string &path, std::string &bytes, TrustFindings &trust, Diagnostics &d,
                       const ConfigPlace *where);

}  // namespace scopegate
