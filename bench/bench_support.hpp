// What every benchmark binary shares: the module loaded the way a PBX host
// loads it (dlopen + sg_module_api), held memory as malloc sees it, and a
// main() that prints each target with the measured ratio after the run.
#pragma once

#include <benchmark/benchmark.h>

#include <cstdint>
#include <functional>
#include <map>
#include <string>
#include <vector>

#include "scopegate/scopegate.h"

namespace scopegate::bench {

// scopegate.so, from SG_BENCH_MODULE or the one this build produced.
class Module {
 public:
  Module();
  // Another build of the module (a previous version, to compare with).
  explicit Module(std::string path);
  ~Module();
  Module(const Module &) = delete;
  Module &operator=(const Module &) = delete;

  const sg_api &api() const { return *api_; }
  const std::string &path() const { return path_; }
  // Opens a handle on config; throws with the module's message on failure.
  sg_handle *open(const std::string &config) const;

 private:
  std::string path_;
  void *lib_ = nullptr;
  const sg_api *api_ = nullptr;
};

// The module loaded once per process.
const Module &module();

// Bytes malloc holds for the program right now (in use, heap and mmap'd).
uint64_t heap_in_use();
// Resident set size of the process, from /proc/self/statm.
uint64_t rss_bytes();

// A target printed after the run: the measured value of `name` (or a ratio
// of two benchmarks) against its limit.
struct Target {
  std::string label;
  std::function<double(const std::map<std::string, benchmark::BenchmarkReporter::Run> &)> measure;
  double limit;
  bool at_most;  // true: measured <= limit passes; false: measured >= limit
  std::string unit;
};

// A Target's limit for a figure printed only for reference (no PASS/MISS):
// one the machine decides more than the code, read beside the targets.
inline constexpr double kForReference = -1;

// Wall or CPU time per iteration in nanoseconds, items per second, or a user counter of
// a benchmark named exactly `name` (throws when it did not run).
double ns_per_iteration(const std::map<std::string, benchmark::BenchmarkReporter::Run> &runs, const std::string &name);
double cpu_ns_per_iteration(const std::map<std::string, benchmark::BenchmarkReporter::Run> &runs,
                            const std::string &name);
double counter(const std::map<std::string, benchmark::BenchmarkReporter::Run> &runs, const std::string &name,
               const std::string &counter_name);

// Runs the registered benchmarks, then prints each target whose benchmarks
// ran (a --benchmark_filter may leave some out). Returns main's status:
// 0 unless a benchmark reported an error. Targets never fail the run: the
// numbers are for people to read, not for ctest to judge.
int run_benchmarks(int argc, char **argv, const std::vector<Target> &targets);

}  // namespace scopegate::bench
