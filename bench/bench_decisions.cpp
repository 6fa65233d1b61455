// Decision cost through the C ABI against a hand-written baseline, in the
// same run over the same requests.
//
// The baseline is what a host developer would write by hand for a feature
// check: a std::unordered_map from "id@domain" to the user's record, two
// lookups (actor and target) and a bit test of the actor's scope against
// the feature, plus the same-domain comparison. Its keys are ready-made
// strings, so it pays nothing for building "id@domain"; the module gets id
// and domain as separate sg_str views into the same bytes.
//
// Workload: SG_BENCH_USERS users (default 100,000) in SG_BENCH_DOMAINS
// domains (default 1,000), 50 prefix and 10 pattern dial rules; requests
// cycle over 16,384 random (actor, target) pairs spread over every domain.
//
// Thread scaling (paired_scaling/*): decisions per second on 2 threads
// against 1, for the baseline and the three hooks.
//
// Policy per customer and per user (paired_overrides/*): feature decisions
// on the same platform with entries for every customer domain and user
// (Workload::overrides) against the plain one, in back-to-back stretches
// like the thread scaling; with SG_BENCH_PREVIOUS_MODULE, the plain
// platform decided by that module (a build before the levels existed, or
// before a change) against this one, the same way, and the platform with
// entries too.
#include <pthread.h>
#include <sched.h>
#include <time.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <memory>
#include <string>
#include <thread>
#include <unordered_map>

#include "bench_support.hpp"
#include "requests.hpp"
#include "workload.hpp"

namespace scopegate::bench {
namespace {

constexpr size_t kRequests = 1 << 14;

struct BaselineUser {
  uint8_t scope;
  uint32_t domain;
};

// std::hash over the key bytes; heterogeneous lookup is not needed since
// the keys are std::strings already.
using BaselineTable = std::unordered_map<std::string, BaselineUser>;

uint8_t rank_of(std::string_view scope) {
  static constexpr std::string_view kScopes[] = {"no_portal",    "basic_user",     "call_center_agent",
                                                 "call_center_supervisor", "site_manager", "office_manager",
                                                 "reseller",     "super_user"};
  uint8_t rank = 0;
  while (rank < 7 && kScopes[rank] != scope) ++rank;
  return rank;
}

struct World {
  Workload workload = workload_from_env(100000, 1000);
  sg_handle *handle = nullptr;
  BaselineTable baseline;
  uint64_t grant_bits[8] = {};  // per scope rank: bit f set when feature f is granted
  RequestSet requests{workload, kRequests, 0x5eed};

  World() {
    handle = module().open(ensure_config(workload));
    const uint32_t n = workload.users_per_domain();
    baseline.reserve(workload.users);
    for (uint32_t d = 0; d < workload.domains; ++d) {
      std::string domain = Workload::domain_name(d);
      for (uint32_t i = 0; i < n; ++i) {
        baseline.emplace(Workload::user_id(i) + "@" + domain, BaselineUser{rank_of(Workload::scope_of(i)), d});
      }
    }
    for (int rank = 1; rank < 8; ++rank) grant_bits[rank] = uint64_t{1} << 7;  // "users.view" is feature 7
  }
};

World &world() {
  static World w;
  return w;
}

// The same platform with a domain entry and user entries for everyone
// (requests name the same users, so world().requests serve both).
sg_handle *overrides_handle() {
  static sg_handle *h = [] {
    Workload w = world().workload;
    w.overrides = true;
    return module().open(ensure_config(w));
  }();
  return h;
}

// SG_BENCH_PREVIOUS_MODULE, when set: another scopegate.so deciding the
// plain platform and, when it reads its entries, the platform with them.
struct Previous {
  std::unique_ptr<Module> module;
  sg_handle *handle = nullptr;
  sg_handle *overrides = nullptr;  // the platform with entries, opened by that module
  Previous() {
    const char *path = std::getenv("SG_BENCH_PREVIOUS_MODULE");
    if (!path || !*path) return;
    module = std::make_unique<Module>(path);
    handle = module->open(ensure_config(world().workload));
    Workload w = world().workload;
    w.overrides = true;
    try {
      overrides = module->open(ensure_config(w));
    } catch (const std::runtime_error &) {
      // A module from before the levels refuses that config.
    }
  }
};

Previous &previous() {
  static Previous p;
  return p;
}

// The requests cycle over a ring of range(0) of them: 16,384 random pairs
// over the whole population (memory-bound, like a busy platform), 16 (all
// in cache: what is left is the cost of the code), or 1 (one request over
// and over). Each thread starts at its own place in the ring.
size_t ring_mask(const benchmark::State &st) { return static_cast<size_t>(st.range(0)) - 1; }
size_t start(const benchmark::State &st) { return static_cast<size_t>(st.thread_index()) * (kRequests / 2); }

// The CPUs the whole process got while a run lasted (its CPU time over the
// wall time), from thread 0 as counter "cpus": on an idle 2-core machine 1
// with one thread and 2 with two; on a busy one, what was left over.
class CpuShare {
 public:
  explicit CpuShare(benchmark::State &st) : st_(st), cpu0_(process_cpu()), wall0_(std::chrono::steady_clock::now()) {}
  ~CpuShare() {
    if (st_.thread_index() != 0) return;
    double wall = std::chrono::duration<double>(std::chrono::steady_clock::now() - wall0_).count();
    st_.counters["cpus"] = (process_cpu() - cpu0_) / wall;
  }

 private:
  static double process_cpu() {
    timespec ts;
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    return static_cast<double>(ts.tv_sec) + static_cast<double>(ts.tv_nsec) / 1e9;
  }
  benchmark::State &st_;
  double cpu0_;
  std::chrono::steady_clock::time_point wall0_;
};

// The hand-written check for request i of the ring.
bool baseline_decide(const World &w, size_t i) {
  const RequestSet &rq = w.requests;
  auto actor = w.baseline.find(rq.actor_keys[i]);
  auto target = w.baseline.find(rq.target_keys[i]);
  return actor != w.baseline.end() && target != w.baseline.end() &&
         (w.grant_bits[actor->second.scope] >> 7 & 1) != 0 && actor->second.domain == target->second.domain;
}

void BM_baseline(benchmark::State &st) {
  CpuShare share(st);
  const World &w = world();
  size_t k = start(st), mask = ring_mask(st);
  uint64_t allowed = 0;
  for (auto _ : st) allowed += baseline_decide(w, k++ & mask);
  benchmark::DoNotOptimize(allowed);
  st.SetItemsProcessed(st.iterations());
}

// Runs one kind of request through the module; "allowed" is the share of
// allows, so a run that denied everything by mistake shows.
template <class Req, class Call>
void run_decisions(benchmark::State &st, const std::vector<Req> &reqs, Call call, sg_handle *handle = nullptr) {
  World &w = world();
  if (handle == nullptr) handle = w.handle;
  CpuShare share(st);
  const sg_api &api = module().api();
  size_t k = start(st), mask = ring_mask(st);
  sg_decision out;
  SG_INIT(out);
  uint64_t allowed = 0;
  for (auto _ : st) {
    size_t i = k++ & mask;
    allowed += (api.*call)(handle, &reqs[i], &out) == SG_ALLOW;
  }
  st.SetItemsProcessed(st.iterations());
  st.counters["allowed"] = benchmark::Counter(static_cast<double>(allowed), benchmark::Counter::kAvgIterations);
}

void BM_login(benchmark::State &st) { run_decisions(st, world().requests.login, &sg_api::login); }
void BM_feature_overrides(benchmark::State &st) {
  sg_handle *h = overrides_handle();
  run_decisions(st, world().requests.feature, &sg_api::feature, h);
}
void BM_feature(benchmark::State &st) { run_decisions(st, world().requests.feature, &sg_api::feature); }
void BM_dial_monitor(benchmark::State &st) { run_decisions(st, world().requests.dial_monitor, &sg_api::dial); }
void BM_dial_national(benchmark::State &st) { run_decisions(st, world().requests.dial_national, &sg_api::dial); }
void BM_dial_local(benchmark::State &st) { run_decisions(st, world().requests.dial_local, &sg_api::dial); }

constexpr int64_t kHot = 16, kOne = 1;
BENCHMARK(BM_baseline)->ArgName("ring")->Arg(kRequests)->Arg(kHot)->Arg(kOne);
BENCHMARK(BM_login)->ArgName("ring")->Arg(kRequests)->Arg(kHot)->Arg(kOne);
BENCHMARK(BM_feature)->ArgName("ring")->Arg(kRequests)->Arg(kHot)->Arg(kOne);
BENCHMARK(BM_feature_overrides)->ArgName("ring")->Arg(kRequests)->Arg(kHot)->Arg(kOne);
BENCHMARK(BM_dial_monitor)->ArgName("ring")->Arg(kRequests)->Arg(kHot)->Arg(kOne);
BENCHMARK(BM_dial_national)->ArgName("ring")->Arg(kRequests)->Arg(kHot)->Arg(kOne);
BENCHMARK(BM_dial_local)->ArgName("ring")->Arg(kRequests)->Arg(kHot)->Arg(kOne);

// Thread scaling in back-to-back pairs: each iteration decides for a short
// stretch on 1 thread and then on 2 (or 2, then 1: the order alternates),
// and keeps the ratio of their rates; the counter "scaling" is the median
// of those ratios. On a machine shared with other virtual machines the
// rate a core gives drifts by tens of percent within seconds, so two
// benchmarks run seconds apart compare different machines; two stretches
// a few milliseconds apart compare nearly the same one.
constexpr auto kWarmUp = std::chrono::milliseconds(2), kStretch = std::chrono::milliseconds(5);

// Puts the calling thread on the n-th CPU the process may use: two new
// threads left to the scheduler often start on the same core and stay
// there for milliseconds, which is most of a stretch.
void pin_to_cpu(int n) {
  cpu_set_t allowed;
  if (sched_getaffinity(0, sizeof allowed, &allowed) != 0) return;
  for (int cpu = 0; cpu < CPU_SETSIZE; ++cpu) {
    if (!CPU_ISSET(cpu, &allowed) || n-- > 0) continue;
    cpu_set_t one;
    CPU_ZERO(&one);
    CPU_SET(cpu, &one);
    pthread_setaffinity_np(pthread_self(), sizeof one, &one);
    return;
  }
}

// Decisions per second of wall time while `threads` threads call decide(i)
// over the ring, each from its own place in it. Counted over kStretch after
// kWarmUp, so that starting the threads and filling their caches is left
// out; each thread publishes its count on a cache line of its own.
struct Rate {
  double per_second;      // decisions per second of wall time
  double per_cpu_second;  // decisions per second of the deciding threads' CPU time
};

// CPU seconds the threads have run so far.
double cpu_seconds(std::vector<std::thread> &threads) {
  double sum = 0;
  for (auto &t : threads) {
    clockid_t clock;
    timespec ts{};
    if (pthread_getcpuclockid(t.native_handle(), &clock) == 0 && clock_gettime(clock, &ts) == 0)
      sum += static_cast<double>(ts.tv_sec) + static_cast<double>(ts.tv_nsec) / 1e9;
  }
  return sum;
}

template <class Decide>
Rate decision_rate(int threads, size_t mask, Decide decide) {
  struct alignas(64) Count {
    std::atomic<uint64_t> done{0};
  };
  std::vector<Count> counts(static_cast<size_t>(threads));
  std::atomic<int> ready{0};
  std::atomic<bool> go{false}, stop{false};
  std::vector<std::thread> workers;
  for (int t = 0; t < threads; ++t)
    workers.emplace_back([&, t] {
      size_t k = static_cast<size_t>(t) * (kRequests / 2);
      uint64_t done = 0, allowed = 0;
      pin_to_cpu(t);
      ready.fetch_add(1);
      while (!go.load(std::memory_order_acquire)) {
      }
      while (!stop.load(std::memory_order_relaxed)) {
        for (int j = 0; j < 64; ++j) allowed += decide(k++ & mask);
        done += 64;
        counts[static_cast<size_t>(t)].done.store(done, std::memory_order_relaxed);
      }
      benchmark::DoNotOptimize(allowed);
    });
  auto total = [&counts] {
    uint64_t sum = 0;
    for (const Count &c : counts) sum += c.done.load(std::memory_order_relaxed);
    return sum;
  };
  while (ready.load() < threads) std::this_thread::yield();
  go.store(true, std::memory_order_release);
  std::this_thread::sleep_for(kWarmUp);
  uint64_t n0 = total();
  double cpu0 = cpu_seconds(workers);
  auto t0 = std::chrono::steady_clock::now();
  std::this_thread::sleep_for(kStretch);
  uint64_t n1 = total();
  double cpu1 = cpu_seconds(workers);
  auto t1 = std::chrono::steady_clock::now();
  stop.store(true);
  for (auto &w : workers) w.join();
  auto decided = static_cast<double>(n1 - n0);
  return Rate{decided / std::chrono::duration<double>(t1 - t0).count(), decided / (cpu1 - cpu0)};
}

double median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  size_t n = v.size();
  return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

// Counters: "scaling", the median ratio of wall-time rates (the target);
// "per CPU", the same for decisions per CPU second of the deciding threads
// times 2 (2 when a second thread costs the first nothing: no lock, no
// shared cache line written, whatever else the machine runs meanwhile);
// the median rates on 1 and 2 threads.
template <class Decide>
void paired_scaling(benchmark::State &st, Decide decide) {
  size_t mask = ring_mask(st);
  std::vector<double> one, two, ratio, cpu_ratio;
  for (auto _ : st) {
    Rate r1, r2;
    if (ratio.size() % 2 == 0) {
      r1 = decision_rate(1, mask, decide);
      r2 = decision_rate(2, mask, decide);
    } else {
      r2 = decision_rate(2, mask, decide);
      r1 = decision_rate(1, mask, decide);
    }
    one.push_back(r1.per_second);
    two.push_back(r2.per_second);
    ratio.push_back(r2.per_second / r1.per_second);
    cpu_ratio.push_back(2 * r2.per_cpu_second / r1.per_cpu_second);
  }
  st.counters["scaling"] = median(ratio);
  st.counters["per CPU"] = median(cpu_ratio);
  st.counters["1 thread/s"] = median(one);
  st.counters["2 threads/s"] = median(two);
}

template <class Req>
auto module_decide(const std::vector<Req> &reqs, int32_t (*const sg_api::*call)(sg_handle *, const Req *, sg_decision *),
                   sg_handle *h = world().handle, const Module &m = module()) {
  return [&reqs, fn = m.api().*call, h](size_t i) {
    sg_decision out;
    SG_INIT(out);
    return fn(h, &reqs[i], &out) == SG_ALLOW;
  };
}

void BM_paired_baseline(benchmark::State &st) {
  const World &w = world();
  paired_scaling(st, [&w](size_t i) { return baseline_decide(w, i); });
}
void BM_paired_feature(benchmark::State &st) { paired_scaling(st, module_decide(world().requests.feature, &sg_api::feature)); }
void BM_paired_login(benchmark::State &st) { paired_scaling(st, module_decide(world().requests.login, &sg_api::login)); }
void BM_paired_dial(benchmark::State &st) {
  paired_scaling(st, module_decide(world().requests.dial_national, &sg_api::dial));
}

// The cost of B against A on one thread, in back-to-back stretches whose
// order alternates (the method of paired_scaling): counter "cost" is the
// median of A's rate over B's (1.2 means B takes 20% longer a decision);
// "A/s" and "B/s" the median rates.
template <class DecideA, class DecideB>
void paired_cost(benchmark::State &st, DecideA a, DecideB b) {
  size_t mask = ring_mask(st);
  std::vector<double> rate_a, rate_b, cost;
  for (auto _ : st) {
    Rate ra, rb;
    if (cost.size() % 2 == 0) {
      ra = decision_rate(1, mask, a);
      rb = decision_rate(1, mask, b);
    } else {
      rb = decision_rate(1, mask, b);
      ra = decision_rate(1, mask, a);
    }
    rate_a.push_back(ra.per_second);
    rate_b.push_back(rb.per_second);
    cost.push_back(ra.per_second / rb.per_second);
  }
  st.counters["cost"] = median(cost);
  st.counters["A/s"] = median(rate_a);
  st.counters["B/s"] = median(rate_b);
}

// A: the plain platform; B: the actor and its domain both have entries.
void BM_paired_overrides(benchmark::State &st) {
  const auto &reqs = world().requests.feature;
  paired_cost(st, module_decide(reqs, &sg_api::feature), module_decide(reqs, &sg_api::feature, overrides_handle()));
}

// A: the previous module; B: this one; both on the plain platform.
void BM_paired_previous(benchmark::State &st) {
  Previous &p = previous();
  if (!p.handle) return st.SkipWithError("SG_BENCH_PREVIOUS_MODULE is not set");
  const auto &reqs = world().requests.feature;
  paired_cost(st, module_decide(reqs, &sg_api::feature, p.handle, *p.module), module_decide(reqs, &sg_api::feature));
}

// A: the previous module; B: this one; both on the platform with entries.
void BM_paired_previous_overrides(benchmark::State &st) {
  Previous &p = previous();
  if (!p.overrides) {  // not an error: the previous module may predate the levels
    for (auto _ : st) {
    }
    return st.SetLabel("the previous module refuses the config with entries");
  }
  const auto &reqs = world().requests.feature;
  paired_cost(st, module_decide(reqs, &sg_api::feature, p.overrides, *p.module),
              module_decide(reqs, &sg_api::feature, overrides_handle()));
}

// 151 pairs of 7 ms stretches, about 2.2 s a benchmark (SG_BENCH_PAIRS: the
// ctest run asks for a few).
const int64_t kPairs = std::max<uint32_t>(1, env_number("SG_BENCH_PAIRS", 151));
BENCHMARK(BM_paired_baseline)->Name("paired_scaling/baseline")->ArgName("ring")->Arg(kRequests)->Arg(kHot)->Iterations(kPairs)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_paired_feature)->Name("paired_scaling/feature")->ArgName("ring")->Arg(kRequests)->Arg(kHot)->Iterations(kPairs)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_paired_login)->Name("paired_scaling/login")->ArgName("ring")->Arg(kRequests)->Arg(kHot)->Iterations(kPairs)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_paired_dial)->Name("paired_scaling/dial_national")->ArgName("ring")->Arg(kRequests)->Arg(kHot)->Iterations(kPairs)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_paired_overrides)->Name("paired_overrides/feature")->ArgName("ring")->Arg(kRequests)->Arg(kHot)->Iterations(kPairs)->Unit(benchmark::kMillisecond);
const bool kHasPrevious = std::getenv("SG_BENCH_PREVIOUS_MODULE") && *std::getenv("SG_BENCH_PREVIOUS_MODULE");
const int kRegisterPrevious = [] {
  if (!kHasPrevious) return 0;
  benchmark::RegisterBenchmark("paired_previous/feature", BM_paired_previous)
      ->ArgName("ring")->Arg(kRequests)->Arg(kHot)->Iterations(kPairs)->Unit(benchmark::kMillisecond);
  benchmark::RegisterBenchmark("paired_previous/feature_overrides", BM_paired_previous_overrides)
      ->ArgName("ring")->Arg(kRequests)->Arg(kHot)->Iterations(kPairs)->Unit(benchmark::kMillisecond);
  return 0;
}();

using Runs = std::map<std::string, benchmark::BenchmarkReporter::Run>;

// CPU time per decision against the baseline's, same ring: on a machine
// shared with other work, CPU time is what the code costs; wall time also
// counts the time other processes held the core.
Target ratio(const std::string &name, int64_t ring, double limit) {
  std::string suffix = "/ring:" + std::to_string(ring);
  return Target{name + suffix + " / baseline" + suffix,
                [name, suffix](const Runs &r) {
                  return cpu_ns_per_iteration(r, name + suffix) / cpu_ns_per_iteration(r, "BM_baseline" + suffix);
                },
                limit, true, "x"};
}

// A counter of a paired_scaling benchmark against the 1.8x target.
Target paired_scaling_target(const std::string &name, const std::string &counter_name, const std::string &label) {
  return Target{name + label,
                [=](const Runs &r) { return counter(r, name + "/iterations:" + std::to_string(kPairs), counter_name); },
                1.8, false, "x"};
}

}  // namespace
}  // namespace scopegate::bench

int main(int argc, char **argv) {
  using namespace scopegate::bench;
  std::vector<Target> targets;
  for (int64_t ring : {static_cast<int64_t>(kRequests), kHot, kOne}) {
    targets.push_back(ratio("BM_feature", ring, 3));
    targets.push_back(ratio("BM_login", ring, 2));
    targets.push_back(ratio("BM_dial_monitor", ring, 4));
    targets.push_back(ratio("BM_dial_national", ring, 4));
    targets.push_back(ratio("BM_dial_local", ring, 4));
  }
  for (const char *ring : {"/ring:16384", "/ring:16"}) {
    std::string bench = std::string("paired_overrides/feature") + ring + "/iterations:" + std::to_string(kPairs);
    targets.push_back(Target{bench + " with entries / without (1 thread)",
                             [bench](const Runs &r) { return counter(r, bench, "cost"); }, 1.2, true, "x"});
    if (!kHasPrevious) continue;
    std::string prev = std::string("paired_previous/feature") + ring + "/iterations:" + std::to_string(kPairs);
    targets.push_back(Target{prev + " this module / previous (no entries)",
                             [prev](const Runs &r) { return counter(r, prev, "cost"); }, 1.05, true, "x"});
    std::string prev_entries =
        std::string("paired_previous/feature_overrides") + ring + "/iterations:" + std::to_string(kPairs);
    targets.push_back(Target{prev_entries + " this module / previous (with entries)",
                             [prev_entries](const Runs &r) { return counter(r, prev_entries, "cost"); },
                             kForReference, true, "x"});
  }
  for (const char *name : {"baseline", "feature", "login", "dial_national"})
    for (const char *ring : {"/ring:16384", "/ring:16"}) {
      std::string bench = "paired_scaling/" + std::string(name) + ring;
      targets.push_back(paired_scaling_target(bench, "scaling", " 2 threads / 1 (wall)"));
      targets.push_back(paired_scaling_target(bench, "per CPU", " 2 threads / 1 (per CPU s)"));
    }
  return run_benchmarks(argc, argv, targets);
}
