// The level that set a grant (SPEC 3.1), as a host sees it: in the
// explanation ("grant none (domain pike.example, FILE:LINE)") and in the
// audit line of a denial ("level=domain where=FILE:LINE"), through the real
// module on levels.conf.
#include "sg_test_support.hpp"

#include <gtest/gtest.h>

#include <string>

namespace {

struct Case {
  const char *request;
  const char *explained;  // in the explanation's feature line
  const char *logged;     // in the audit line
  const char *line;       // of levels.conf, the entry's: ends both the place explained and the audit line; "" none
};

std::string config() { return std::string(SG_GOLDEN_DIR) + "/levels.conf"; }

class LevelShown : public testing::TestWithParam<Case> {};

TEST_P(LevelShown, InExplanationAndAuditLine) {
  const Case &c = GetParam();
  ASSERT_NE(sgtest::Module::get().api(), nullptr) << sgtest::Module::get().load_error();
  sgtest::Handle h;
  ASSERT_EQ(h.open(config(), SG_LOG_INFO), 0) << h.error();
  std::string error;
  auto request = sgtest::parse_request(c.request, &error);
  ASSERT_TRUE(request) << error;
  char explain[1024];
  const sgtest::Answer o = request->decide(h.get(), SG_REQ_EXPLAIN, explain, sizeof explain);
  EXPECT_EQ(o.verdict, SG_DENY) << c.request;
  EXPECT_NE(std::string(explain).find(c.explained), std::string::npos) << explain;
  std::string lines;
  for (const auto &line : h.log().take()) lines += line.text + "\n";
  EXPECT_NE(lines.find(c.logged), std::string::npos) << lines;
  if (*c.line == '\0') return;
  std::string place = "/levels.conf:" + std::string(c.line);
  EXPECT_NE(std::string(explain).find(place + ")"), std::string::npos) << explain;
  EXPECT_NE(lines.find(place + "\n"), std::string::npos) << lines;
}

INSTANTIATE_TEST_SUITE_P(
    Levels, LevelShown,
    testing::Values(
        Case{"dial 101@pike.example 0114420", "grant none (domain pike.example, ",
             "grant=none level=domain where=", "17"},
        Case{"feature 103@pike.example users.view user:103", "grant none (user 103@pike.example, ",
             "grant=none level=user where=", "26"},
        Case{"feature 150@carp.example contacts.shared.edit domain:carp.example", "grant site (level top, ",
             "grant=site level=top where=", "12"},
        Case{"feature 101@carp.example users.view user:100", "grant self (level default)",
             " grant=self level=default\n", ""},
        Case{"feature 200@pike.example users.edit user:100", "grant all (domain pike.example, ",
             "rank_too_low", "19"}));

// The place is the entry's own line in the file.
TEST(LevelShown, NamesTheEntrysFileAndLine) {
  sgtest::Handle h;
  ASSERT_EQ(h.open(config(), SG_LOG_INFO), 0) << h.error();
  std::string error;
  auto request = sgtest::parse_request("dial 101@pike.example 0114420", &error);
  ASSERT_TRUE(request) << error;
  char explain[1024];
  request->decide(h.get(), SG_REQ_EXPLAIN, explain, sizeof explain);
  EXPECT_NE(std::string(explain).find("levels.conf:17)"), std::string::npos) << explain;
}

}  // namespace
