// Config file -> validated snapshot. Reads the main file, its @includes and
// domains_dir, checks everything, and returns a snapshot only when there was
// no error at all: nothing partial ever takes effect.
#pragma once

#include <memory>
#include <string>

#include "config/config_reader.hpp"
#include "engine/snapshot.hpp"

namespace scopegate {

struct LoadResult {
  std::unique_ptr<Snapshot> snapshot;  // null when diagnostics has errors
  Diagnostics diagnostics;
};

LoadResult load_config(const std::string &main_path);

}  // namespace scopegate
