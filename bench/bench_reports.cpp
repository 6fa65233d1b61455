// The commands that enumerate or compare (SPEC 6.1) at 100,000 users in
// 1,000 domains (SG_BENCH_USERS / SG_BENCH_DOMAINS), on one thread:
//   can   one office manager's whole report (report entry, config open)
//   who   every user asked about users.edit on one user
//   diff  two configs that differ in 100 users (50 scopes, 50 site managers' sites)
//   test  `scopegate test` on 100,000 expectations, the whole process
//         (start, module load, config open, every decision and the report)
#include <fcntl.h>
#include <spawn.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "bench_support.hpp"
#include "workload.hpp"

extern char **environ;

namespace scopegate::bench {
namespace {

using Clock = std::chrono::steady_clock;

Workload bench_workload() { return workload_from_env(100000, 1000); }

// One report call; its size is returned so the work cannot be skipped.
size_t report(sg_handle *h, sg_report_req &req) {
  const sg_api &api = module().api();
  sg_report out;
  SG_INIT(out);
  if (api.report(h, &req, &out, nullptr) != 0) throw std::runtime_error("report failed");
  size_t n = out.len;
  api.report_free(&out);
  return n;
}

sg_handle *open_bench_config() {
  static sg_handle *h = module().open(ensure_config(bench_workload()));
  return h;
}

void BM_can(benchmark::State &st) {
  sg_handle *h = open_bench_config();
  const std::string user = Workload::user_id(0), domain = Workload::domain_name(0);
  sg_report_req req;
  SG_INIT(req);
  req.command = SG_REPORT_CAN;
  req.user = sg_cstr(user.c_str());
  req.domain = sg_cstr(domain.c_str());
  for (auto _ : st) benchmark::DoNotOptimize(report(h, req));
}
BENCHMARK(BM_can)->Unit(benchmark::kMillisecond);

void BM_who(benchmark::State &st) {
  sg_handle *h = open_bench_config();
  const std::string target = Workload::user_id(5), domain = Workload::domain_name(0);
  sg_report_req req;
  SG_INIT(req);
  req.command = SG_REPORT_WHO;
  req.feature = SG_STR("users.edit");
  req.target.kind = SG_TARGET_USER;
  req.target.id = sg_cstr(target.c_str());
  req.target.domain = sg_cstr(domain.c_str());
  for (auto _ : st) benchmark::DoNotOptimize(report(h, req));
}
BENCHMARK(BM_who)->Unit(benchmark::kMillisecond);

// Replaces the first n occurrences of from in s with to.
void replace_first(std::string &s, const std::string &from, const std::string &to, int n) {
  size_t at = 0;
  for (int k = 0; k < n && (at = s.find(from, at)) != std::string::npos; ++k) s.replace(at, from.size(), to);
}

// The bench config with the first 50 basic users made agents (verdict and
// reach changes) and the first 50 site managers of Branch moved to HQ (the
// same reach over other targets: diff's target lines).
std::string changed_config(const std::string &config) {
  std::ifstream in(config);
  std::stringstream text;
  text << in.rdbuf();
  std::string s = text.str();
  replace_first(s, "scope = \"basic_user\"", "scope = \"call_center_agent\"", 50);
  replace_first(s, "scope = \"site_manager\"; site = \"Branch\"", "scope = \"site_manager\"; site = \"HQ\"", 50);
  const std::string path = config + ".changed-100.conf";
  std::ofstream(path) << s;
  return path;
}

void BM_diff(benchmark::State &st) {
  const std::string config = ensure_config(bench_workload());
  sg_handle *old_h = open_bench_config();
  sg_handle *new_h = module().open(changed_config(config));
  sg_report_req req;
  SG_INIT(req);
  req.command = SG_REPORT_DIFF;
  req.old_config = old_h;
  for (auto _ : st) benchmark::DoNotOptimize(report(new_h, req));
  module().api().close(new_h);
}
BENCHMARK(BM_diff)->Unit(benchmark::kMillisecond);

const char *cli_path() {
  const char *env = std::getenv("SG_BENCH_CLI");
  return env && *env ? env : SG_BENCH_CLI_PATH;
}

// Runs the CLI with words, stdin from in, stdout to out; its exit status,
// and in cpu_seconds the CPU time (user + system) the process used.
int run_cli(std::vector<std::string> words, const std::string &in, const std::string &out, double *cpu_seconds = nullptr) {
  posix_spawn_file_actions_t fa;
  posix_spawn_file_actions_init(&fa);
  posix_spawn_file_actions_addopen(&fa, 0, in.c_str(), O_RDONLY, 0);
  posix_spawn_file_actions_addopen(&fa, 1, out.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
  words.insert(words.begin(), {cli_path(), "--module", module().path()});
  std::vector<char *> argv;
  for (std::string &w : words) argv.push_back(w.data());
  argv.push_back(nullptr);
  pid_t pid;
  int rc = posix_spawn(&pid, argv[0], &fa, nullptr, argv.data(), environ);
  posix_spawn_file_actions_destroy(&fa);
  if (rc != 0) return -1;
  int status = 0;
  rusage ru{};
  wait4(pid, &status, 0, &ru);
  auto seconds = [](timeval v) { return static_cast<double>(v.tv_sec) + static_cast<double>(v.tv_usec) / 1e6; };
  if (cpu_seconds != nullptr) *cpu_seconds = seconds(ru.ru_utime) + seconds(ru.ru_stime);
  return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

// 100,000 expectations: the batch requests, each preceded by the result
// batch gives for it (so every one holds).
std::string ensure_expectations(const std::string &config, uint32_t lines) {
  const std::string requests = ensure_requests(bench_workload(), lines);
  const std::string results = requests + ".results", path = requests + ".test";
  if (run_cli({"-c", config, "batch"}, requests, results) > 2) throw std::runtime_error("batch failed");
  std::ifstream req(requests), res(results);
  std::ofstream out(path);
  for (std::string r, v; std::getline(req, r) && std::getline(res, v);)
    out << (v == "allow ok" ? std::string("allow") : v) << ' ' << r << '\n';
  return path;
}

void BM_test(benchmark::State &st) {
  const std::string config = ensure_config(bench_workload());
  const uint32_t lines = env_number("SG_BENCH_TEST_LINES", 100000);
  const std::string expectations = ensure_expectations(config, lines);
  const std::string out = expectations + ".out." + std::to_string(::getpid());
  double cpu_total = 0;
  for (auto _ : st) {
    double cpu = 0;
    auto t0 = Clock::now();
    int status = run_cli({"-c", config, "test", expectations}, "/dev/null", out, &cpu);
    st.SetIterationTime(std::chrono::duration<double>(Clock::now() - t0).count());
    cpu_total += cpu;
    if (status != 0) st.SkipWithError(("scopegate test exited with " + std::to_string(status)).c_str());
  }
  st.counters["process_cpu_s"] = cpu_total / static_cast<double>(st.iterations());
  std::remove(out.c_str());
  st.counters["expectations"] = lines;
}
BENCHMARK(BM_test)->UseManualTime()->Iterations(3)->Unit(benchmark::kMillisecond);

// The same process doing nothing but open the config: what `test` pays
// before its first expectation.
void BM_open_only(benchmark::State &st) {
  const std::string config = ensure_config(bench_workload());
  double cpu_total = 0;
  for (auto _ : st) {
    double cpu = 0;
    auto t0 = Clock::now();
    int status = run_cli({"-c", config, "check"}, "/dev/null", "/dev/null", &cpu);
    st.SetIterationTime(std::chrono::duration<double>(Clock::now() - t0).count());
    cpu_total += cpu;
    if (status > 1) st.SkipWithError("scopegate check failed");
  }
  st.counters["process_cpu_s"] = cpu_total / static_cast<double>(st.iterations());
}
BENCHMARK(BM_open_only)->UseManualTime()->Iterations(3)->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace scopegate::bench

int main(int argc, char **argv) {
  using namespace scopegate::bench;
  using Runs = std::map<std::string, benchmark::BenchmarkReporter::Run>;
  auto ms = [](const char *name) { return [name](const Runs &r) { return ns_per_iteration(r, name) / 1e6; }; };
  auto cpu_ms = [](const char *name) {
    return [name](const Runs &r) { return counter(r, name, "process_cpu_s") * 1e3; };
  };
  return run_benchmarks(argc, argv,
                        {{"can, one office manager (ms)", ms("BM_can"), 50, true, "ms"},
                         {"who, users.edit on one user, every user asked (ms)", ms("BM_who"), 500, true, "ms"},
                         {"diff, two configs differing in 100 users (ms)", ms("BM_diff"), 2000, true, "ms"},
                         {"scopegate test, 100,000 expectations, whole process (ms, wall)",
                          ms("BM_test/iterations:3/manual_time"), 1000, true, "ms"},
                         {"scopegate test, 100,000 expectations, whole process (ms, CPU)",
                          cpu_ms("BM_test/iterations:3/manual_time"), 1000, true, "ms"},
                         {"scopegate check, config open only, whole process (ms, CPU)",
                          cpu_ms("BM_open_only/iterations:3/manual_time"), kForReference, true, "ms"}});
}
