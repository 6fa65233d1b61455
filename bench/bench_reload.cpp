// Reloads while two threads decide: no decision may wait for a reload, and
// the old snapshot's memory must be released once no decision holds it.
//
// Two decider threads time every decision (steady_clock around the call)
// into latency histograms, first while the main thread reloads the
// 100,000-user config SG_BENCH_RELOADS times (default 10), then for as long
// again without reloads: the machine's own noise, to compare with. That
// pair of stretches is repeated SG_BENCH_PAIRS times (default 5). The worst
// of a stretch is a single event, and on this virtual machine the host
// takes the core away for a millisecond now and then without the guest
// seeing a context switch (steal time), so one pair's ratio of worsts swings
// from below 1 to above 3 between runs of the same code: the target is the
// median over the pairs. The deciders work in bursts with short sleeps, as
// call-handling threads do, so the reloading thread has a core most of the
// time.
//
// On a shared machine the scheduler still takes the core away from a
// decider now and then, for milliseconds; that is not the module waiting.
// So the thread's context switches are read (getrusage RUSAGE_THREAD)
// around every decision:
//   - a voluntary switch during a decision means it blocked (a lock, a
//     wait): counted as "blocked", and it must be 0;
//   - an involuntary one means it was preempted: the decision goes to its
//     own count, and the latency figures are those of the decisions that
//     ran uninterrupted (the raw worst, preemption included, is shown too).
//
// Memory: what malloc holds after open, minus what it held before, is one
// snapshot. After every reload (deciders still running) the same figure is
// taken again: "snapshots held" stays at 1.0 when each old snapshot was
// freed, and would climb by one per reload if they leaked or lingered.
#include <sys/resource.h>

#include <algorithm>
#include <array>
#include <atomic>
#include <chrono>
#include <cstdlib>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "bench_support.hpp"
#include "requests.hpp"
#include "workload.hpp"

namespace scopegate::bench {
namespace {

using Clock = std::chrono::steady_clock;
constexpr size_t kRequests = 1 << 14;

// Decision latencies in 50 ns buckets up to 1 ms, the rest counted apart.
struct Histogram {
  static constexpr uint64_t kStepNs = 50, kBuckets = 20000;
  std::vector<uint64_t> buckets = std::vector<uint64_t>(kBuckets, 0);
  uint64_t beyond = 0, count = 0, max_ns = 0;

  void add(uint64_t ns) {
    ++count;
    max_ns = std::max(max_ns, ns);
    if (ns / kStepNs < kBuckets) ++buckets[ns / kStepNs];
    else ++beyond;
  }
  void merge(const Histogram &o) {
    for (size_t i = 0; i < kBuckets; ++i) buckets[i] += o.buckets[i];
    beyond += o.beyond;
    count += o.count;
    max_ns = std::max(max_ns, o.max_ns);
  }
  // Upper bound of the bucket holding quantile q, in microseconds.
  double quantile_us(double q) const {
    auto rank = static_cast<uint64_t>(q * static_cast<double>(count));
    uint64_t seen = 0;
    for (size_t i = 0; i < kBuckets; ++i)
      if ((seen += buckets[i]) > rank) return static_cast<double>((i + 1) * kStepNs) / 1000.0;
    return static_cast<double>(max_ns) / 1000.0;
  }
};

struct PhaseStats {
  Histogram uninterrupted;  // decisions during which the thread kept its core
  uint64_t preempted = 0, blocked = 0, raw_max_ns = 0;
  void merge(const PhaseStats &o) {
    uninterrupted.merge(o.uninterrupted);
    preempted += o.preempted;
    blocked += o.blocked;
    raw_max_ns = std::max(raw_max_ns, o.raw_max_ns);
  }
};

// Stretches: kWarmUp, then 2p reloading and 2p+1 quiet for each pair p.
constexpr int kWarmUp = -1, kStop = -2;

struct Decider {
  explicit Decider(int pairs) : stats(static_cast<size_t>(2 * pairs)) {}
  std::atomic<int> stretch{kWarmUp};
  PhaseStats warm_up;
  std::vector<PhaseStats> stats;
};

struct Switches {
  long voluntary, involuntary;
  static Switches now() {
    rusage ru;
    getrusage(RUSAGE_THREAD, &ru);
    return {ru.ru_nvcsw, ru.ru_nivcsw};
  }
};

void decide_loop(sg_handle *h, const RequestSet &rq, Decider &me, size_t start) {
  const sg_api &api = module().api();
  sg_decision out;
  SG_INIT(out);
  size_t k = start;
  for (int stretch; (stretch = me.stretch.load(std::memory_order_relaxed)) != kStop;) {
    PhaseStats &st = stretch == kWarmUp ? me.warm_up : me.stats[static_cast<size_t>(stretch)];
    for (int burst = 0; burst < 200; ++burst, ++k) {
      size_t i = k & (kRequests - 1);
      Switches before = Switches::now();
      auto t0 = Clock::now();
      if (i & 1) api.feature(h, &rq.feature[i], &out);
      else api.dial(h, &rq.dial_monitor[i], &out);
      auto ns = static_cast<uint64_t>(std::chrono::duration_cast<std::chrono::nanoseconds>(Clock::now() - t0).count());
      Switches after = Switches::now();
      st.raw_max_ns = std::max(st.raw_max_ns, ns);
      if (after.voluntary != before.voluntary) ++st.blocked;
      if (after.involuntary != before.involuntary) ++st.preempted;
      else st.uninterrupted.add(ns);
    }
    std::this_thread::sleep_for(std::chrono::microseconds(50));
  }
}

int reload_count() { return std::max(1, static_cast<int>(env_number("SG_BENCH_RELOADS", 10))); }
int pair_count() { return std::max(1, static_cast<int>(env_number("SG_BENCH_PAIRS", 5))); }

double median(std::vector<double> v) {
  std::sort(v.begin(), v.end());
  size_t n = v.size();
  return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

void BM_reload_while_deciding(benchmark::State &st) {
  Workload w = workload_from_env(100000, 1000);
  std::string path = ensure_config(w);
  const Module &m = module();
  RequestSet rq(w, kRequests, 0x7e10ad);
  const int reloads = reload_count(), pairs = pair_count();

  for (auto _ : st) {
    uint64_t heap0 = heap_in_use();
    sg_handle *h = m.open(path);
    const double snapshot = static_cast<double>(heap_in_use() - heap0);

    std::vector<std::unique_ptr<Decider>> deciders;
    std::vector<std::thread> threads;
    for (size_t t = 0; t < 2; ++t) {
      deciders.push_back(std::make_unique<Decider>(pairs));
      threads.emplace_back(decide_loop, h, std::cref(rq), std::ref(*deciders.back()), t * kRequests / 2);
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(200));
    auto enter = [&](int stretch) {
      for (auto &d : deciders) d->stretch = stretch;
    };

    double most_held = 0, reload_seconds = 0;
    Clock::duration reloading_time{};
    for (int p = 0; p < pairs; ++p) {
      enter(2 * p);
      auto phase_start = Clock::now();
      for (int r = 0; r < reloads; ++r) {
        sg_error err;
        SG_INIT(err);
        auto t0 = Clock::now();
        if (m.api().reload(h, &err) != 0) st.SkipWithError(err.message);
        reload_seconds += std::chrono::duration<double>(Clock::now() - t0).count();
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
        most_held = std::max(most_held, static_cast<double>(heap_in_use() - heap0));
      }
      auto reload_phase = Clock::now() - phase_start;
      reloading_time += reload_phase;
      enter(2 * p + 1);
      std::this_thread::sleep_for(reload_phase);
    }
    st.SetIterationTime(std::chrono::duration<double>(reloading_time).count());
    enter(kStop);
    for (auto &t : threads) t.join();

    PhaseStats quiet, reloading;
    std::vector<double> pair_ratios;
    for (int p = 0; p < pairs; ++p) {
      PhaseStats q, r;
      for (auto &d : deciders) {
        r.merge(d->stats[static_cast<size_t>(2 * p)]);
        q.merge(d->stats[static_cast<size_t>(2 * p + 1)]);
      }
      pair_ratios.push_back(static_cast<double>(r.uninterrupted.max_ns) /
                            static_cast<double>(std::max<uint64_t>(1, q.uninterrupted.max_ns)));
      reloading.merge(r);
      quiet.merge(q);
    }
    sg_info info;
    SG_INIT(info);
    m.api().info(h, &info);
    if (info.generation != static_cast<uint64_t>(reloads * pairs) + 1) st.SkipWithError("a reload did not take effect");
    m.api().close(h);

    st.counters["reloads"] = reloads * pairs;
    st.counters["reload_ms"] = reload_seconds * 1000 / (reloads * pairs);
    st.counters["worst_ratio_median"] = median(pair_ratios);
    st.counters["worst_ratio_highest"] = *std::max_element(pair_ratios.begin(), pair_ratios.end());
    const Histogram &q = quiet.uninterrupted, &r = reloading.uninterrupted;
    st.counters["decisions"] = static_cast<double>(r.count + reloading.preempted);
    st.counters["blocked"] = static_cast<double>(quiet.blocked + reloading.blocked);
    st.counters["preempted"] = static_cast<double>(reloading.preempted);
    st.counters["quiet_p99.9_us"] = q.quantile_us(0.999);
    st.counters["reload_p99.9_us"] = r.quantile_us(0.999);
    st.counters["quiet_p99.99_us"] = q.quantile_us(0.9999);
    st.counters["quiet_max_us"] = static_cast<double>(q.max_ns) / 1000;
    st.counters["reload_p99.99_us"] = r.quantile_us(0.9999);
    st.counters["reload_max_us"] = static_cast<double>(r.max_ns) / 1000;
    st.counters["reload_raw_max_us"] = static_cast<double>(reloading.raw_max_ns) / 1000;
    st.counters["snapshots_held"] = most_held / snapshot;
  }
}

BENCHMARK(BM_reload_while_deciding)->UseManualTime()->Iterations(1)->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace scopegate::bench

int main(int argc, char **argv) {
  using namespace scopegate::bench;
  using Runs = std::map<std::string, benchmark::BenchmarkReporter::Run>;
  const std::string name = "BM_reload_while_deciding/iterations:1/manual_time";
  auto value = [name](const char *c) { return [name, c](const Runs &r) { return counter(r, name, c); }; };
  auto worst_over_quiet = [name](const Runs &r) { return counter(r, name, "worst_ratio_median"); };
  auto worst_over_reload = [name](const Runs &r) {
    return counter(r, name, "reload_max_us") / (counter(r, name, "reload_ms") * 1000);
  };
  return run_benchmarks(
      argc, argv,
      {{"decisions that blocked (voluntary context switch)", value("blocked"), 0, true, ""},
       {"p99.99 decision latency during reloads (us)", value("reload_p99.99_us"), 100, true, "us"},
       {"worst decision latency during reloads, not preempted (us)", value("reload_max_us"), kForReference, true, "us"},
       {"  the same without reloads, as long (us; the machine's noise)", value("quiet_max_us"), kForReference, true,
        "us"},
       {"worst during reloads / worst of the quiet stretch after, median of the pairs", worst_over_quiet, 2, true, "x"},
       {"  the same, the highest pair (for reference)", value("worst_ratio_highest"), kForReference, true, "x"},
       {"worst decision latency during reloads / one reload's duration", worst_over_reload, 0.01, true, "x"},
       {"snapshots held after each reload (1 = old one freed)", value("snapshots_held"), 1.5, true, ""}});
}
