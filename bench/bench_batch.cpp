// `scopegate batch` on 1,000,000 request lines (SG_BENCH_BATCH_LINES): the
// built CLI run as an operator runs it, stdin from the generated request
// file, stdout to a file whose lines are counted afterwards. The time is the
// whole process: start, module load, config open (100,000 users), every
// decision and the output.
#include <fcntl.h>
#include <spawn.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <string>
#include <vector>

#include "bench_support.hpp"
#include "workload.hpp"

extern char **environ;

namespace scopegate::bench {
namespace {

using Clock = std::chrono::steady_clock;

uint32_t line_count() { return env_number("SG_BENCH_BATCH_LINES", 1000000); }

const char *cli_path() {
  const char *env = std::getenv("SG_BENCH_CLI");
  return env && *env ? env : SG_BENCH_CLI_PATH;
}

// Runs `scopegate -c config --module so batch < in > out`; the exit status,
// and the CPU seconds (user + system) the process used.
int run_batch(const std::string &config, const std::string &in, const std::string &out, double &cpu_seconds) {
  posix_spawn_file_actions_t fa;
  posix_spawn_file_actions_init(&fa);
  posix_spawn_file_actions_addopen(&fa, 0, in.c_str(), O_RDONLY, 0);
  posix_spawn_file_actions_addopen(&fa, 1, out.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
  std::string cli = cli_path(), so = module().path();
  std::vector<char *> argv = {cli.data(), const_cast<char *>("-c"), const_cast<char *>(config.c_str()),
                              const_cast<char *>("--module"), so.data(), const_cast<char *>("batch"), nullptr};
  pid_t pid;
  int rc = posix_spawn(&pid, cli.c_str(), &fa, nullptr, argv.data(), environ);
  posix_spawn_file_actions_destroy(&fa);
  if (rc != 0) return -1;
  int status = 0;
  rusage ru{};
  wait4(pid, &status, 0, &ru);
  auto seconds = [](timeval t) { return static_cast<double>(t.tv_sec) + static_cast<double>(t.tv_usec) / 1e6; };
  cpu_seconds = seconds(ru.ru_utime) + seconds(ru.ru_stime);
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

size_t lines_in(const std::string &path) {
  std::ifstream f(path);
  size_t n = 0;
  for (std::string line; std::getline(f, line);) ++n;
  return n;
}

void BM_batch(benchmark::State &st) {
  Workload w = workload_from_env(100000, 1000);
  const uint32_t lines = line_count();
  std::string config = ensure_config(w), requests = ensure_requests(w, lines);
  std::string out = requests + ".out." + std::to_string(::getpid());
  double cpu_total = 0;
  for (auto _ : st) {
    double cpu = 0;
    auto t0 = Clock::now();
    int status = run_batch(config, requests, out, cpu);
    st.SetIterationTime(std::chrono::duration<double>(Clock::now() - t0).count());
    cpu_total += cpu;
    if (status != 0) st.SkipWithError(("scopegate batch exited with " + std::to_string(status)).c_str());
  }
  st.counters["process_cpu_s"] = cpu_total / static_cast<double>(st.iterations());
  if (lines_in(out) != lines) st.SkipWithError("scopegate batch wrote a different number of result lines");
  std::remove(out.c_str());
  st.counters["lines"] = lines;
  st.SetItemsProcessed(static_cast<int64_t>(lines) * st.iterations());
}

BENCHMARK(BM_batch)->UseManualTime()->Iterations(3)->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace scopegate::bench

int main(int argc, char **argv) {
  using namespace scopegate::bench;
  using Runs = std::map<std::string, benchmark::BenchmarkReporter::Run>;
  const uint32_t lines = line_count();
  const std::string name = "BM_batch/iterations:3/manual_time";
  // Scaled to a million lines when run on fewer (the ctest run).
  return run_benchmarks(argc, argv,
                        {{"scopegate batch, 1,000,000 lines (seconds, wall)",
                          [name, lines](const Runs &r) { return ns_per_iteration(r, name) / 1e9 * 1e6 / lines; }, 3.0,
                          true, "s"},
                         {"scopegate batch, 1,000,000 lines (seconds, CPU)",
                          [name, lines](const Runs &r) { return counter(r, name, "process_cpu_s") * 1e6 / lines; }, 3.0,
                          true, "s"}});
}
