// Allocation failure at every allocation of open and reload, in turn: the
// module answers an error (never an allow), keeps the snapshot in force,
// and leaks nothing (live allocations return to where they were).
#include <gtest/gtest.h>

#include <cstdlib>

#include "counting_allocator.hpp"
#include "faults_support.hpp"

namespace sgfault {
namespace {

// Loads that need more allocations than this are a test bug, not a module
// one: the loops stop there.
constexpr uint64_t kMaxSteps = 200000;

const std::vector<std::string> kAnswersA = {
    "allow ok",   "deny disabled_user", "deny unknown_user",         "allow emergency", "allow emergency",
    "allow ok",   "deny scope_lacks_feature", "allow ok", "deny scope_lacks_feature", "allow ok",
};
const std::vector<std::string> kAnswersB = {
    "deny disabled_user", "deny disabled_user", "deny unknown_user",  "allow emergency",    "allow emergency",
    "allow ok",           "deny disabled_user", "allow ok",           "deny disabled_user", "deny disabled_user",
};

// SG_ALLOC_FIRST=N starts the step loops at allocation N (to look at one).
uint64_t first_step() {
  const char *first = std::getenv("SG_ALLOC_FIRST");
  return first ? std::strtoull(first, nullptr, 10) : 1;
}

class AllocFailure : public ::testing::Test {
 protected:
  TempDir dir;
  ConfigTree tree{dir};

  void SetUp() override {
    // One full cycle first, so one-time allocations of the process (the
    // module's statics, the C library's) are not counted as leaks.
    sg_error err;
    sg_handle *h = open_config(tree.main, err);
    ASSERT_NE(h, nullptr) << err.message;
    ASSERT_EQ(answers(h), kAnswersA);
    ASSERT_EQ(api().reload(h, &err), 0) << err.message;
    api().close(h);
    ConfigTree::domain_text_101_disabled();  // built once, not in a step
  }
};

// Decisions without SG_REQ_EXPLAIN allocate nothing: with every allocation
// failing they still answer as the snapshot in force says.
void expect_decisions_without_memory(sg_handle *h, bool user_101_enabled) {
  sg_login_req lr;
  SG_INIT(lr);
  lr.user = SG_STR("101");
  lr.domain = SG_STR("acme.example");
  lr.channel = SG_CHANNEL_PORTAL;
  sg_dial_req dr;
  SG_INIT(dr);
  dr.user = SG_STR("101");
  dr.domain = SG_STR("acme.example");
  dr.destination = SG_STR("911");
  sg_feature_req fr;
  SG_INIT(fr);
  fr.user = SG_STR("100");
  fr.domain = SG_STR("acme.example");
  fr.feature = SG_STR("users.edit");
  fr.target.kind = SG_TARGET_USER;
  fr.target.id = SG_STR("101");
  sg_decision d;
  SG_INIT(d);

  alloc::fail_at(1, true);
  int32_t login = api().login(h, &lr, &d);
  int32_t dial = api().dial(h, &dr, &d);
  int32_t edit = api().feature(h, &fr, &d);
  bool allocated = alloc::disarm();

  EXPECT_FALSE(allocated) << "a decision without SG_REQ_EXPLAIN allocated";
  EXPECT_EQ(login, user_101_enabled ? SG_ALLOW : SG_DENY);
  EXPECT_EQ(dial, SG_ALLOW);
  EXPECT_EQ(edit, SG_ALLOW);
}

TEST_F(AllocFailure, OpenFailsCleanlyAtEachAllocation) {
  uint64_t step = first_step();
  for (; step < kMaxSteps; ++step) {
    int64_t live_before = alloc::live();
    sg_error err;
    SG_INIT(err);
    sg_open_args args;
    SG_INIT(args);
    args.config_path = tree.main.c_str();
    args.log = LogCapture::callback;  // lines dropped (no capture)
    args.log_min_level = SG_LOG_WARN;
    sg_handle *h = nullptr;
    alloc::fail_at(step);
    int32_t rc = api().open(&args, &h, &err);
    bool failed = alloc::disarm();
    if (!failed) {
      ASSERT_EQ(rc, 0) << err.message;
      ASSERT_NE(h, nullptr);
      EXPECT_EQ(answers(h), kAnswersA);
      EXPECT_EQ(generation(h), 1u);
      api().close(h);
      EXPECT_EQ(alloc::live(), live_before) << "open/close leaked";
      break;
    }
    if (rc == 0) {
      // The failure hit something open could do without (a log line): the
      // handle must still be complete and correct.
      ASSERT_NE(h, nullptr);
      EXPECT_EQ(answers(h), kAnswersA) << "allocation " << step;
      api().close(h);
    } else {
      EXPECT_EQ(h, nullptr) << "allocation " << step;
      EXPECT_TRUE(err.code == -3 || err.code == -1) << "allocation " << step << ": code " << err.code;
      EXPECT_NE(err.message[0], '\0') << "allocation " << step;
    }
    EXPECT_EQ(alloc::live(), live_before) << "allocation " << step << " failing leaked";
  }
  RecordProperty("open_allocations", static_cast<int>(step));
  std::printf("open: failed each of %llu allocations in turn\n", static_cast<unsigned long long>(step - 1));
  EXPECT_GT(step, 10u);
}

// Each step opens config A, fails one allocation of a reload to config B,
// checks the handle, and closes it: the live allocations must be back where
// they were before the open (a handle keeps its last error message, so
// leaks are counted from open to close).
TEST_F(AllocFailure, ReloadKeepsTheSnapshotAtEachAllocation) {
  uint64_t step = first_step();
  for (; step < kMaxSteps; ++step) {
    dir.write("domains.d/acme.example.conf", ConfigTree::domain_text());
    int64_t live_before = alloc::live();
    sg_error err;
    sg_handle *h = open_config(tree.main, err);
    ASSERT_NE(h, nullptr) << err.message;
    dir.write("domains.d/acme.example.conf", ConfigTree::domain_text_101_disabled());
    SG_INIT(err);
    alloc::fail_at(step);
    int32_t rc = api().reload(h, &err);
    bool failed = alloc::disarm();
    sg_info info;
    SG_INIT(info);
    ASSERT_EQ(api().info(h, &info), 0);
    if (rc == 0) {
      EXPECT_EQ(info.generation, 2u);
      EXPECT_EQ(info.last_reload_ok, 1);
      EXPECT_EQ(answers(h), kAnswersB) << "allocation " << step;
    } else {
      ASSERT_TRUE(failed) << "reload failed without an allocation failing: " << err.message;
      EXPECT_TRUE(err.code == -3 || err.code == -1) << "allocation " << step << ": code " << err.code;
      EXPECT_NE(err.message[0], '\0') << "allocation " << step;
      EXPECT_EQ(info.generation, 1u) << "allocation " << step;
      EXPECT_EQ(info.last_reload_ok, 0) << "allocation " << step << ": info() does not say the reload failed";
      ASSERT_EQ(answers(h), kAnswersA) << "allocation " << step << ": the old snapshot must keep deciding";
    }
    api().close(h);
    ASSERT_EQ(alloc::live(), live_before) << "allocation " << step << " failing leaked";
    if (!failed) break;
  }
  std::printf("reload: failed each of %llu allocations in turn\n", static_cast<unsigned long long>(step - 1));
  EXPECT_GT(step, 10u);
}

// Out of memory for good from some point on: every later allocation fails
// too, so the error path itself has nothing to allocate with.
TEST_F(AllocFailure, ReloadSurvivesMemoryRunningOut) {
  sg_error err;
  sg_handle *h = open_config(tree.main, err);
  ASSERT_NE(h, nullptr) << err.message;
  dir.write("domains.d/acme.example.conf", ConfigTree::domain_text_101_disabled());
  for (uint64_t step = 1; step < 4000; step += 7) {
    SG_INIT(err);
    alloc::fail_at(step, true);
    int32_t rc = api().reload(h, &err);
    alloc::disarm();
    if (rc == 0) break;
    EXPECT_EQ(generation(h), 1u);
    expect_decisions_without_memory(h, true);
  }
  api().close(h);
}

TEST_F(AllocFailure, OpenSurvivesMemoryRunningOut) {
  for (uint64_t step = 1; step < 4000; step += 7) {
    int64_t live_before = alloc::live();
    sg_error err;
    SG_INIT(err);
    sg_open_args args;
    SG_INIT(args);
    args.config_path = tree.main.c_str();
    sg_handle *h = nullptr;
    alloc::fail_at(step, true);
    int32_t rc = api().open(&args, &h, &err);
    alloc::disarm();
    if (rc == 0) {
      api().close(h);
      break;
    }
    EXPECT_EQ(h, nullptr);
    EXPECT_EQ(alloc::live(), live_before) << "allocation " << step;
  }
}

TEST_F(AllocFailure, DecisionsAllocateNothing) {
  sg_error err;
  sg_handle *h = open_config(tree.main, err);
  ASSERT_NE(h, nullptr) << err.message;
  expect_decisions_without_memory(h, true);
  api().close(h);
}

}  // namespace
}  // namespace sgfault
