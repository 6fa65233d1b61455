// The snapshot registry and the handle: reloads swap whole snapshots while
// decisions run, a failed reload changes nothing.
#include <gtest/gtest.h>

#include <atomic>
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
