// The log line of a decision (abi/decision_log): what an audit trail or a
// debug log shows, with the rule of the table that decided.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "abi/decision_log.hpp"
#include "test_support.hpp"

namespace scopegate::test {
namespace {

struct Captured {
  std::vector<std::pair<int, std::string>> lines;
};

void capture(void *user, int32_t level, const char *msg) {
  static_cast<Captured *>(user)->lines.emplace_back(level, msg);
}

class DecisionLog : public ::testing::Test {
 protected:
  void SetUp() override {
    snapshot_ = must_load(kModelConfig);
    LogSettings settings;
    settings.level = SG_LOG_DEBUG;
    settings.audit = true;
    snapshot_->logger = Logger::make(settings, HostLog{capture, &captured_, SG_LOG_DEBUG});
  }
  std::string line_of(const Outcome &o, ExplainInput in) {
    captured_.lines.clear();
    log_decision(snapshot_.get(), o, [&] { return in; });
    return captured_.lines.empty() ? "" : captured_.lines.back().second;
  }
  std::unique_ptr<Snapshot> snapshot_;
  Captured captured_;
};

TEST_F(DecisionLog, ADenialNamesRequestReasonGenerationAndRule) {
  TargetRef t = user_target("102");
  t.queue = "sales";
  Outcome o = feature(*snapshot_, "200@acme.example", "users.edit", user_target("102"));
  EXPECT_EQ(line_of(o, ExplainInput{"200", "acme.example", "users.edit", &t}),
            "deny feature out_of_reach user=200@acme.example feature=users.edit target=user:102 queue=sales "
            "generation=0 rule=2.2.7");
  EXPECT_EQ(captured_.lines.back().first, SG_LOG_INFO) << "an audited denial is logged at info";
}

TEST_F(DecisionLog, DialsAndLoginsNameTheirSubject) {
  EXPECT_EQ(line_of(dial(*snapshot_, "999@acme.example", "911"), ExplainInput{"999", "acme.example", "911", nullptr}),
            "EMERGENCY dial emergency user=999@acme.example destination=911 target=- generation=0 rule=2.3");
  EXPECT_EQ(line_of(login(*snapshot_, "170@acme.example", Channel::portal),
                    ExplainInput{"170", "acme.example", "portal", nullptr}),
            "deny login no_portal_scope user=170@acme.example channel=portal target=- generation=0 rule=2.1.5");
}

TEST_F(DecisionLog, ABadRequestRepeatsNothingTheHostSent) {
  Outcome o = feature(*snapshot_, "10\n1@acme.example", "users.view");
  EXPECT_EQ(line_of(o, ExplainInput{"10\n1", "acme.example", "users.view", nullptr}),
            "feature bad_request (malformed request) generation=0");
}

TEST_F(DecisionLog, AnAllowIsLoggedOnlyAtDebugLevel) {
  Outcome o = login(*snapshot_, "101@acme.example", Channel::portal);
  line_of(o, ExplainInput{"101", "acme.example", "portal", nullptr});
  ASSERT_EQ(captured_.lines.size(), 1u);
  EXPECT_EQ(captured_.lines[0].first, SG_LOG_DEBUG);
}

}  // namespace
}  // namespace scopegate::test
