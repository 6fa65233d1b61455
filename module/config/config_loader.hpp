// Config file -> validated snapshot. Reads the main file, its @includes and
// domains_dir, checks everything, and returns a snapshot only when there was
// no error at all: nothing partial ever takes effect.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "config/config_reader.hpp"
#include "engine/snapshot.hpp"

namespace scopegate {

struct LoadOptions {
  bool strict_warnings = false;  // check --strict: every warning is an error
};

struct LoadResult {
  std::unique_ptr<Snapshot> snapshot;  // null when diagnostics has errors
  Diagnostics diagnostics;
  std::vector<std::string> files;    // every file read, in order
  std::vector<std::string> skipped;  // domains_dir entries not read (not *.conf, dotfiles)
  uint32_t domains = 0, users = 0, queues = 0;  // what was read, also when there were errors
  // Files read, domains built (0 when there were errors) and the time it
  // took; the snapshot carries a copy, with its content revision.
  LoadStats stats;
  ConfigPlace log_sink;  // where log.sink is set (the main file when it is not): its errors go there
};

LoadResult load_config(const std::string &main_path, const LoadOptions &options = {});

}  // namespace scopegate
