#include "bench_support.hpp"

#include <dlfcn.h>
#include <malloc.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <stdexcept>

#ifndef SG_BENCH_MODULE_PATH
#error "SG_BENCH_MODULE_PATH: the built scopegate.so"
#endif

namespace scopegate::bench {

namespace {
std::string default_module_path() {
  const char *env = std::getenv("SG_BENCH_MODULE");
  return env && *env ? env : SG_BENCH_MODULE_PATH;
}
}  // namespace

Module::Module() : Module(default_module_path()) {}

Module::Module(std::string path) : path_(std::move(path)) {
  lib_ = ::dlopen(path_.c_str(), RTLD_NOW | RTLD_LOCAL);
  if (!lib_) throw std::runtime_error(std::string("cannot load ") + path_ + ": " + ::dlerror());
  using Entry = const sg_api *(*)(uint32_t);
  auto entry = reinterpret_cast<Entry>(::dlsym(lib_, SG_MODULE_API_SYMBOL));
  api_ = entry ? entry(SG_ABI_MAJOR) : nullptr;
  if (!api_) throw std::runtime_error(path_ + ": no sg_module_api for ABI 1");
}

Module::~Module() {
  if (lib_) ::dlclose(lib_);
}

sg_handle *Module::open(const std::string &config) const {
  sg_open_args args;
  SG_INIT(args);
  args.config_path = config.c_str();
  sg_error err;
  SG_INIT(err);
  sg_handle *h = nullptr;
  if (api_->open(&args, &h, &err) != 0) throw std::runtime_error("open " + config + ": " + err.message);
  return h;
}

const Module &module() {
  static Module m;
  return m;
}

uint64_t heap_in_use() {
  struct mallinfo2 mi = ::mallinfo2();
  return mi.uordblks + mi.hblkhd;
}

uint64_t rss_bytes() {
  std::ifstream statm("/proc/self/statm");
  uint64_t size = 0, resident = 0;
  statm >> size >> resident;
  return resident * static_cast<uint64_t>(::sysconf(_SC_PAGESIZE));
}

namespace {

using Runs = std::map<std::string, benchmark::BenchmarkReporter::Run>;

const benchmark::BenchmarkReporter::Run &find(const Runs &runs, const std::string &name) {
  auto it = runs.find(name);
  if (it == runs.end()) throw std::out_of_range(name);
  return it->second;
}

// Shows results as usual and keeps one run per benchmark (the median when
// repetitions are asked for) for the targets.
class CollectingReporter : public benchmark::ConsoleReporter {
 public:
  Runs runs;
  bool errors = false;

  void ReportRuns(const std::vector<Run> &report) override {
    for (const Run &r : report) {
      if (r.error_occurred) {
        errors = true;
        continue;
      }
      std::string name = r.run_name.str();
      bool median = r.run_type == Run::RT_Aggregate && r.aggregate_name == "median";
      if (median || (r.run_type == Run::RT_Iteration && !medians_.count(name))) runs[name] = r;
      if (median) medians_[name] = true;
    }
    ConsoleReporter::ReportRuns(report);
  }

 private:
  std::map<std::string, bool> medians_;
};

}  // namespace

double ns_per_iteration(const Runs &runs, const std::string &name) {
  const auto &r = find(runs, name);
  return r.GetAdjustedRealTime() * 1e9 / benchmark::GetTimeUnitMultiplier(r.time_unit);
}

double cpu_ns_per_iteration(const Runs &runs, const std::string &name) {
  const auto &r = find(runs, name);
  return r.GetAdjustedCPUTime() * 1e9 / benchmark::GetTimeUnitMultiplier(r.time_unit);
}

double counter(const Runs &runs, const std::string &name, const std::string &counter_name) {
  const auto &r = find(runs, name);
  auto it = r.counters.find(counter_name);
  if (it == r.counters.end()) throw std::out_of_range(name + " " + counter_name);
  return it->second.value;
}

int run_benchmarks(int argc, char **argv, const std::vector<Target> &targets) {
  benchmark::Initialize(&argc, argv);
  if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;
  CollectingReporter reporter;
  benchmark::RunSpecifiedBenchmarks(&reporter);
  benchmark::Shutdown();

  bool printed_header = false;
  for (const Target &t : targets) {
    double value;
    try {
      value = t.measure(reporter.runs);
    } catch (const std::out_of_range &) {
      continue;  // filtered out
    }
    if (!printed_header) {
      std::printf("\n%-58s %12s %12s  %s\n", "target", "measured", "limit", "");
      printed_header = true;
    }
    if (t.limit == kForReference) {
      std::printf("%-58s %10.3f%-2s %13s  (for reference)\n", t.label.c_str(), value, t.unit.c_str(), "");
      continue;
    }
    bool pass = t.at_most ? value <= t.limit : value >= t.limit;
    std::printf("%-58s %10.3f%-2s %s%9.3f%-2s  %s\n", t.label.c_str(), value, t.unit.c_str(), t.at_most ? "<=" : ">=",
                t.limit, t.unit.c_str(), pass ? "PASS" : "MISS");
  }
  std::fflush(stdout);
  return reporter.errors ? 1 : 0;
}

}  // namespace scopegate::bench
