// Concurrency under faults (ctest label "concurrency", also run under
// ThreadSanitizer):
//  - fork safety: a host loads the module and opens a handle, then forks
//    worker processes while its own threads keep deciding, as SIP servers
//    do; each child decides and reloads. No deadlock (every wait has a
//    deadline), no crash, the same answers everywhere, and a child's reload
//    changes only that child.
//  - reload while the files change under it: deciding threads always get
//    an answer of one of the two valid configs, reloads either succeed with
//    a new generation or fail and leave the generation alone.
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <fstream>
#include <thread>

#include "faults_support.hpp"

namespace sgfault {
namespace {

using namespace std::chrono_literals;

const std::vector<std::string> kAnswersA = {
    "allow ok", "deny disabled_user",        "deny unknown_user", "allow emergency",           "allow emergency",
    "allow ok", "deny scope_lacks_feature", "allow ok",          "deny scope_lacks_feature", "allow ok",
};
const std::vector<std::string> kAnswersB = {
    "deny disabled_user", "deny disabled_user", "deny unknown_user",  "allow emergency",    "allow emergency",
    "allow ok",           "deny disabled_user", "allow ok",           "deny disabled_user", "deny disabled_user",
};

// Waits for a child until the deadline; kills it then. The exit status, or
// -1 on a timeout.
int wait_with_deadline(pid_t child, std::chrono::seconds deadline) {
  auto until = std::chrono::steady_clock::now() + deadline;
  for (;;) {
    int status = 0;
    pid_t done = ::waitpid(child, &status, WNOHANG);
    if (done == child) return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
    if (std::chrono::steady_clock::now() > until) {
      ::kill(child, SIGKILL);
      ::waitpid(child, &status, 0);
      return -1;
    }
    std::this_thread::sleep_for(5ms);
  }
}

// A child's work: decide, reload, decide; its exit code says what failed.
int child_work(sg_handle *h, uint64_t generation_at_fork, const std::vector<std::string> &expected) {
  for (int round = 1; round <= 5; ++round) {
    for (int i = 0; i < 20; ++i)
      if (answers(h) != expected) return 2;
    sg_error err;
    SG_INIT(err);
    if (api().reload(h, &err) != 0) return 3;
    if (generation(h) != generation_at_fork + static_cast<uint64_t>(round)) return 4;
  }
  return answers(h) == expected ? 0 : 5;
}

TEST(ForkSafety, ChildrenDecideAndReloadWhileTheParentDecides) {
  TempDir dir;
  ConfigTree tree(dir);
  sg_error err;
  sg_handle *h = open_config(tree.main, err);
  ASSERT_NE(h, nullptr) << err.message;

  ASSERT_EQ(answers(h), kAnswersA);
  const Verdicts expected = verdicts(h);

  // The deciding threads allocate nothing (nor do decisions), as a host's
  // call-handling threads should not while it forks: a child inherits any
  // allocator lock such a thread held at that instant (glibc's malloc
  // guards against that; the address sanitizer's allocator of gcc 12 does
  // not, and a child then hangs in its first allocation). For the same
  // reason no fork happens before every thread has started and decided:
  // a thread's start allocates (its stack, the sanitizer's records of it).
  constexpr int kDeciders = 3;
  std::atomic<bool> stop{false};
  std::atomic<int> started{0};
  std::atomic<uint64_t> decided{0}, wrong{0};
  std::vector<std::thread> deciders;
  for (int t = 0; t < kDeciders; ++t)
    deciders.emplace_back([&] {
      for (bool first = true; !stop.load(); first = false) {
        if (verdicts(h) != expected) wrong.fetch_add(1);
        decided.fetch_add(1);
        if (first) started.fetch_add(1);
      }
    });
  while (started.load() < kDeciders || decided.load() < 10 * kDeciders) std::this_thread::yield();

  // Two waves of children, forked while the threads decide.
  std::vector<pid_t> children;
  for (int wave = 0; wave < 2; ++wave) {
    for (int c = 0; c < 3; ++c) {
      pid_t child = ::fork();
      ASSERT_GE(child, 0);
      if (child == 0) ::_exit(child_work(h, 1, kAnswersA));
      children.push_back(child);
    }
    std::this_thread::sleep_for(20ms);
  }
  for (pid_t child : children) {
    int code = wait_with_deadline(child, 60s);
    EXPECT_NE(code, -1) << "child " << child << " deadlocked (killed after 60 s)";
    EXPECT_EQ(code, 0) << "child " << child << ": 2 wrong answer, 3 reload failed, 4 generation, 5 answers after";
  }
  stop.store(true);
  for (auto &t : deciders) t.join();
  EXPECT_EQ(wrong.load(), 0u) << "of " << decided.load() << " rounds in the parent";
  EXPECT_EQ(generation(h), 1u) << "a child's reload changed the parent";

  // The parent reloads (a new config), then forks again: children start from
  // the parent's new snapshot.
  dir.write("domains.d/acme.example.conf", ConfigTree::domain_text_101_disabled());
  ASSERT_EQ(api().reload(h, &err), 0) << err.message;
  pid_t child = ::fork();
  ASSERT_GE(child, 0);
  if (child == 0) ::_exit(child_work(h, 2, kAnswersB));
  EXPECT_EQ(wait_with_deadline(child, 60s), 0);
  EXPECT_EQ(answers(h), kAnswersB);
  api().close(h);
}

TEST(ReloadRace, FilesChangingUnderReloadsAndDecisions) {
  TempDir dir;
  ConfigTree tree(dir);
  LogCapture log;
  sg_error err;
  sg_handle *h = open_config(tree.main, err, &log);
  ASSERT_NE(h, nullptr) << err.message;

  std::atomic<bool> stop{false};
  std::atomic<uint64_t> decided{0}, mixed{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < 3; ++t)
    threads.emplace_back([&] {
      while (!stop.load()) {
        std::vector<std::string> got = answers(h);
        for (size_t i = 0; i < got.size(); ++i)
          if (got[i] != kAnswersA[i] && got[i] != kAnswersB[i]) mixed.fetch_add(1);
        decided.fetch_add(1);
      }
    });
  // The provisioning side: good versions written by rename, bad ones (cut
  // short in place, a vanished include, junk) in between. Every state is
  // either config A, config B, or refused.
  threads.emplace_back([&] {
    std::string good_a = ConfigTree::domain_text(), good_b = ConfigTree::domain_text_101_disabled();
    for (int i = 0; !stop.load(); ++i) {
      switch (i % 5) {
        case 0: dir.write("domains.d/acme.example.conf", good_a); break;
        case 1: std::ofstream(tree.domain, std::ios::trunc) << good_b.substr(0, good_b.size() / 3); break;
        case 2: ::unlink(tree.include.c_str()); break;
        case 3:
          dir.write("domains.d/acme.example.conf", good_b);
          dir.write("inc.conf", ConfigTree::include_text());
          break;
        case 4: dir.write("domains.d/acme.example.conf", "name = \"acme.example\"; users = ( { id = \"1\" ;"); break;
      }
      std::this_thread::sleep_for(1ms);
    }
  });
  // Two reloaders: reloads of one handle are serialised.
  std::atomic<uint64_t> ok{0}, failed{0}, went_back{0};
  auto reloader = [&] {
    uint64_t last = 0;
    for (int i = 0; i < 150; ++i) {
      sg_error e;
      SG_INIT(e);
      uint64_t before = generation(h);
      int32_t rc = api().reload(h, &e);
      uint64_t after = generation(h);
      if (after < before || after < last) went_back.fetch_add(1);
      last = after;
      (rc == 0 ? ok : failed).fetch_add(1);
    }
  };
  std::thread second(reloader);
  reloader();
  second.join();
  stop.store(true);
  for (auto &t : threads) t.join();

  EXPECT_EQ(mixed.load(), 0u) << "answers of neither config, in " << decided.load() << " rounds";
  EXPECT_EQ(went_back.load(), 0u) << "the generation went backwards";
  EXPECT_EQ(generation(h), 1 + ok.load()) << "each successful reload adds one, each failed one none";
  EXPECT_GT(decided.load(), 0u);
  std::printf("reloads: %llu ok, %llu refused; %llu decision rounds\n", static_cast<unsigned long long>(ok.load()),
              static_cast<unsigned long long>(failed.load()), static_cast<unsigned long long>(decided.load()));

  dir.write("domains.d/acme.example.conf", ConfigTree::domain_text());
  dir.write("inc.conf", ConfigTree::include_text());
  ASSERT_EQ(api().reload(h, &err), 0) << err.message;
  EXPECT_EQ(answers(h), kAnswersA);
  api().close(h);
}

}  // namespace
}  // namespace sgfault
