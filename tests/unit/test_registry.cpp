// The snapshot registry and the handle: reloads swap whole snapshots while
// decisions run, a failed reload changes nothing.
#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <thread>
#include <vector>

#include "abi/handle.hpp"
#include "test_support.hpp"

namespace scopegate::test {

namespace {

// Two configs that answer one question differently: in A user 1 is a
// basic_user, in B an office_manager (and B has a second domain).
const char *kConfigA =
    "log = { sink = \"stderr\"; level = \"error\"; };\n"
    "domains = ( { name = \"d\"; users = ( { id = \"1\"; scope = \"basic_user\"; }, { id = \"2\"; scope = \"basic_user\"; } ); } );\n";
const char *kConfigB =
    "log = { sink = \"stderr\"; level = \"error\"; };\n"
    "domains = ( { name = \"d\"; users = ( { id = \"1\"; scope = \"office_manager\"; }, { id = \"2\"; scope = \"basic_user\"; } ); },\n"
    "            { name = \"e\"; } );\n";

Reason edit_2_as_1(const Snapshot &s) { return feature(s, "1@d", "users.edit", user_target("2")).reason; }

}  // namespace

TEST(Registry, EmptyUntilPublished) {
  SnapshotRegistry r;
  EXPECT_EQ(r.read().get(), nullptr);
  auto s = std::make_unique<Snapshot>();
  s->generation = 7;
  r.publish(std::move(s));
  EXPECT_EQ(r.read().get()->generation, 7u);
}

TEST(Registry, ReaderKeepsItsSnapshotAcrossPublish) {
  SnapshotRegistry r;
  auto a = std::make_unique<Snapshot>();
  a->generation = 1;
  r.publish(std::move(a));
  auto reader = r.read();
  auto b = std::make_unique<Snapshot>();
  b->generation = 2;
  r.publish(std::move(b));
  EXPECT_EQ(reader.get()->generation, 1u);  // still valid: not freed under the reader
  EXPECT_EQ(r.read().get()->generation, 2u);
}

}  // namespace scopegate::test

namespace scopegate {

// The registry's retired list and flag, for the test of the leftover window
// (a state only a race between a decision ending and a publish reaches).
struct SnapshotRegistryProbe {
  static void retire_unannounced(SnapshotRegistry &r, std::unique_ptr<const Snapshot> s, bool readers_free) {
    std::lock_guard lock(r.retired_lock_);
    r.retired_.push_back(s.release());
    r.readers_free_ = readers_free;
  }
  static size_t retired(SnapshotRegistry &r) {
    std::lock_guard lock(r.retired_lock_);
    return r.retired_.size();
  }
};

}  // namespace scopegate

namespace scopegate::test {

namespace {

// A snapshot whose destruction can be seen: it shares ownership of a token
// (through its logger pointer, which is otherwise unused here).
std::unique_ptr<Snapshot> observed_snapshot(uint64_t generation, std::weak_ptr<int> &alive) {
  auto token = std::make_shared<int>(0);
  alive = token;
  auto s = std::make_unique<Snapshot>();
  s->generation = generation;
  s->logger = std::shared_ptr<Logger>(token, nullptr);
  return s;
}

}  // namespace

TEST(Registry, PublishFreesAnUnreadSnapshotAtOnce) {
  SnapshotRegistry r;
  std::weak_ptr<int> a_alive;
  r.publish(observed_snapshot(1, a_alive));
  r.publish(std::make_unique<Snapshot>());
  EXPECT_TRUE(a_alive.expired());
}

// Normally the publisher frees it, polling; a machine that stalls the
// decision past the grace period makes the decision free it: either way it
// is freed once the decision ends, and nothing is left retired.
TEST(Registry, TheOldSnapshotIsFreedOnceAShortDecisionEnds) {
  SnapshotRegistry r;
  std::weak_ptr<int> a_alive;
  r.publish(observed_snapshot(1, a_alive));
  std::atomic<bool> holding{false};
  std::thread decider([&] {
    auto reader = r.read();
    holding = true;
    std::this_thread::sleep_for(std::chrono::milliseconds(1));  // well inside the grace period
  });
  while (!holding) std::this_thread::yield();
  r.publish(std::make_unique<Snapshot>());
  decider.join();
  EXPECT_TRUE(a_alive.expired());
  EXPECT_EQ(SnapshotRegistryProbe::retired(r), 0u);
}

// A decision still reading after the grace period (a thread stopped in a
// debugger): publish returns without it, and the decision frees the old
// snapshot itself when it ends.
TEST(Registry, AReaderPastTheGracePeriodFreesTheOldSnapshotItself) {
  SnapshotRegistry r;
  std::weak_ptr<int> a_alive;
  r.publish(observed_snapshot(1, a_alive));
  std::atomic<bool> holding{false}, let_go{false};
  std::thread decider([&] {
    auto reader = r.read();
    EXPECT_EQ(reader.get()->generation, 1u);
    holding = true;
    while (!let_go) std::this_thread::yield();
    EXPECT_EQ(reader.get()->generation, 1u);  // still readable: not freed under it
  });
  while (!holding) std::this_thread::yield();
  auto start = std::chrono::steady_clock::now();
  r.publish(std::make_unique<Snapshot>());
  EXPECT_GE(std::chrono::steady_clock::now() - start, SnapshotRegistry::kGracePeriod);
  EXPECT_FALSE(a_alive.expired());
  EXPECT_EQ(SnapshotRegistryProbe::retired(r), 1u);
  let_go = true;
  decider.join();
  EXPECT_TRUE(a_alive.expired()) << "freed by the decision that held it";
  EXPECT_EQ(SnapshotRegistryProbe::retired(r), 0u);
}

// More concurrent decisions than slots: the one beyond them waits for a
// slot, then reads the snapshot in force.
TEST(Registry, MoreDecidersThanSlotsWaitForASlot) {
  SnapshotRegistry r;
  auto a = std::make_unique<Snapshot>();
  a->generation = 1;
  r.publish(std::move(a));
  std::vector<SnapshotRegistry::Reader> held;
  for (size_t i = 0; i < SnapshotRegistry::kSlots; ++i) held.push_back(r.read());
  std::atomic<uint64_t> seen{0};
  std::thread extra([&] { seen = r.read().get()->generation; });
  std::this_thread::sleep_for(std::chrono::milliseconds(20));
  EXPECT_EQ(seen.load(), 0u) << "a decision beyond the slots waits";
  held.pop_back();  // one decision ends
  extra.join();
  EXPECT_EQ(seen.load(), 1u);
  for (auto &reader : held) EXPECT_EQ(reader.get()->generation, 1u);
}

// Many threads, far more than slots, decide while snapshots are published:
// each sees a whole snapshot (ThreadSanitizer checks the accesses).
TEST(Registry, ManyMoreDecidersThanSlotsDuringPublishes) {
  SnapshotRegistry r;
  r.publish(std::make_unique<Snapshot>());
  std::atomic<long> decided{0};
  std::vector<std::thread> deciders;
  for (size_t t = 0; t < SnapshotRegistry::kSlots + 4; ++t)
    deciders.emplace_back([&] {
      for (int i = 0; i < 200; ++i) {
        auto reader = r.read();
        uint64_t g = reader.get()->generation;
        std::this_thread::yield();  // hold it a moment, as a decision does
        if (reader.get()->generation == g) ++decided;
      }
    });
  for (uint64_t g = 1; g <= 10; ++g) {
    auto s = std::make_unique<Snapshot>();
    s->generation = g;
    r.publish(std::move(s));
  }
  for (auto &t : deciders) t.join();
  EXPECT_EQ(decided.load(), static_cast<long>((SnapshotRegistry::kSlots + 4) * 200));
  EXPECT_EQ(r.read().get()->generation, 10u);
}

// The leftover window (see snapshot_registry.cpp): a retired snapshot no
// slot announces, missed by the decision that let go of it. The next
// decision to end frees it when readers_free_ is still set; else the next
// publish does; else close.
TEST(Registry, LeftoverSnapshotIsFreedByTheNextDecisionToEnd) {
  SnapshotRegistry r;
  r.publish(std::make_unique<Snapshot>());
  std::weak_ptr<int> alive;
  SnapshotRegistryProbe::retire_unannounced(r, observed_snapshot(9, alive), true);
  EXPECT_FALSE(alive.expired());
  { auto reader = r.read(); }
  EXPECT_TRUE(alive.expired());
}

TEST(Registry, LeftoverSnapshotIsFreedByTheNextPublish) {
  SnapshotRegistry r;
  r.publish(std::make_unique<Snapshot>());
  std::weak_ptr<int> alive;
  SnapshotRegistryProbe::retire_unannounced(r, observed_snapshot(9, alive), false);
  { auto reader = r.read(); }
  EXPECT_FALSE(alive.expired()) << "without the flag, decisions leave it";
  r.publish(std::make_unique<Snapshot>());
  EXPECT_TRUE(alive.expired());
}

TEST(Registry, LeftoverSnapshotIsFreedByClose) {
  std::weak_ptr<int> alive;
  {
    SnapshotRegistry r;
    r.publish(std::make_unique<Snapshot>());
    SnapshotRegistryProbe::retire_unannounced(r, observed_snapshot(9, alive), false);
    EXPECT_FALSE(alive.expired());
  }
  EXPECT_TRUE(alive.expired());
}

TEST(Handle, GoodReloadTakesEffectBadOneChangesNothing) {
  ScratchDir dir;
  std::string path = dir.write("scopegate.conf", kConfigA);
  Handle h(path, HostLog{});
  ASSERT_TRUE(h.load().ok);
  EXPECT_EQ(h.info().generation, 1u);
  EXPECT_EQ(edit_2_as_1(*h.read().get()), Reason::scope_lacks_feature);

  dir.write("scopegate.conf", "domains = ( { name = \"d\"; users = ( { id = \"1\"; scope = \"wizard\"; } ); } );\n");
  LoadStatus bad = h.load();
  EXPECT_FALSE(bad.ok);
  EXPECT_NE(bad.message.find("scopegate.conf:1: error: unknown scope 'wizard'"), std::string::npos) << bad.message;
  HandleInfo info = h.info();
  EXPECT_EQ(info.generation, 1u);
  EXPECT_FALSE(info.last_ok);
  EXPECT_EQ(info.last_message, bad.message);
  EXPECT_EQ(edit_2_as_1(*h.read().get()), Reason::scope_lacks_feature);

  dir.write("scopegate.conf", kConfigB);
  ASSERT_TRUE(h.load().ok);
  EXPECT_EQ(h.info().generation, 2u);
  EXPECT_TRUE(h.info().last_ok);
  EXPECT_EQ(edit_2_as_1(*h.read().get()), Reason::ok);
}

// Several threads decide while another reloads hundreds of times,
// alternating two configs and a broken one. Every decision must match the
// generation that made it: A's answer with A's domain count, B's with B's.
TEST(Handle, DecisionsDuringReloadsAreConsistent) {
  ScratchDir dir;
  std::string path = dir.write("scopegate.conf", kConfigA);
  Handle h(path, HostLog{});
  ASSERT_TRUE(h.load().ok);
  std::atomic<bool> stop{false};
  std::atomic<long> decided{0}, inconsistent{0};
  std::vector<std::thread> deciders;
  for (int t = 0; t < 3; ++t)
    deciders.emplace_back([&] {
      while (!stop.load()) {
        auto reader = h.read();
        const Snapshot &s = *reader.get();
        Reason r = edit_2_as_1(s);
        bool is_b = s.domains.size() == 2;
        if (r != (is_b ? Reason::ok : Reason::scope_lacks_feature)) ++inconsistent;
        ++decided;
      }
    });
  int good = 0;
  for (int i = 0; i < 300; ++i) {
    const char *text = i % 3 == 0 ? kConfigA : (i % 3 == 1 ? kConfigB : "domains = ( { name = 1; } );\n");
    dir.write("scopegate.conf", text);
    good += h.load().ok ? 1 : 0;
  }
  stop = true;
  for (auto &t : deciders) t.join();
  EXPECT_EQ(good, 200);
  EXPECT_EQ(h.info().generation, 201u);
  EXPECT_EQ(inconsistent.load(), 0);
  EXPECT_GT(decided.load(), 0);
}

}  // namespace scopegate::test
