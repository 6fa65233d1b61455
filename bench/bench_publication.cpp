// What publishing the snapshot costs a decision, and how it scales from
// one deciding thread to two: the module's SnapshotRegistry (a slot a
// thread, announced and cleared) against the well-known alternative,
// std::atomic<std::shared_ptr<const Snapshot>> (C++20; libstdc++ 12 guards
// the pointer with a lock bit and every load increments the shared count).
//
// Each iteration takes the snapshot in force, reads its generation (as a
// decision reads the snapshot) and lets it go. Counter `reads/s` is the
// rate of all threads together (wall time): 2 threads at twice the rate of
// 1 is perfect scaling. The registry is reloaded by nobody here; what is
// measured is the readers' side, which is what every decision pays.
#include <benchmark/benchmark.h>

#include <atomic>
#include <memory>

#include "engine/snapshot_registry.hpp"

namespace {

using scopegate::Snapshot;
using scopegate::SnapshotRegistry;

SnapshotRegistry &registry() {
  static SnapshotRegistry r;
  static bool published = [] {
    auto s = std::make_unique<Snapshot>();
    s->generation = 1;
    r.publish(std::move(s));
    return true;
  }();
  (void)published;
  return r;
}

std::atomic<std::shared_ptr<const Snapshot>> &atomic_pointer() {
  static std::atomic<std::shared_ptr<const Snapshot>> p{[] {
    auto s = std::make_shared<Snapshot>();
    s->generation = 1;
    return std::shared_ptr<const Snapshot>(std::move(s));
  }()};
  return p;
}

void report(benchmark::State &state) {
  state.counters["reads/s"] =
      benchmark::Counter(static_cast<double>(state.iterations()), benchmark::Counter::kIsRate);
}

void registry_read(benchmark::State &state) {
  SnapshotRegistry &r = registry();
  for (auto _ : state) {
    auto reader = r.read();
    benchmark::DoNotOptimize(reader.get()->generation);
  }
  report(state);
}

void atomic_shared_ptr_read(benchmark::State &state) {
  auto &p = atomic_pointer();
  for (auto _ : state) {
    std::shared_ptr<const Snapshot> s = p.load();
    benchmark::DoNotOptimize(s->generation);
  }
  report(state);
}

BENCHMARK(registry_read)->Threads(1)->Threads(2)->UseRealTime();
BENCHMARK(atomic_shared_ptr_read)->Threads(1)->Threads(2)->UseRealTime();

}  // namespace

BENCHMARK_MAIN();
