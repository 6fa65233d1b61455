// test_cli_levels.cpp - the policy levels of SPEC 3.1 as the commands of 6.1
// show them: `can` names the level and place of each grant, `diff` reports
// what a domain's or a user's entry changes, per user, and `explain` names
// the level.
#include <gtest/gtest.h>

#include "cli_runner.hpp"
#include "temp_dir.hpp"

namespace scopegate::test {
namespace {

// A customer blocking dial.international for its basic users (domain), one
// of them allowed again (user); entries switched on by the flags.
std::string config(bool domain_entry, bool user_entry) {
  return std::string("version = 1;\nlog = { level = \"error\"; sink = \"stderr\"; };\n") +
         "dial_rules = ( { pattern = \"_011.\"; feature = \"dial.international\"; } );\n"
         "policy = ( { feature = \"dial.international\"; new = true; basic_user = \"self\"; } );\n"
         "domains = ( { name = \"b.example\";\n" +
         (domain_entry ? "  policy = ( { feature = \"dial.international\"; basic_user = \"none\"; } );\n" : "") +
         "  users = ( { id = \"101\"; scope = \"basic_user\"; },\n"
         "            { id = \"110\"; scope = \"basic_user\";" +
         (user_entry ? " policy = ( { feature = \"dial.international\"; reach = \"self\"; } );" : "") + " } ); } );\n";
}

TEST(CliLevels, CanNamesTheLevelAndPlace) {
  TempDir dir;
  const std::string file = dir.write("s.conf", config(true, true));
  CliResult r = run_with_config(file, {"--json", "can", "110@b.example", "--feature", "dial.international"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("\"level\":\"user\",\"where\":\"" + file + ":8\""), std::string::npos) << r.out;
  r = run_with_config(file, {"can", "110@b.example", "--feature", "dial.international"});
  EXPECT_NE(r.out.find("dial.international: reach self (user " + file + ":8)"), std::string::npos) << r.out;
  // 101's grant is none (domain level): can lists no feature for it.
  r = run_with_config(file, {"--json", "can", "101@b.example", "--feature", "dial.international"});
  EXPECT_NE(r.out.find("\"features\":[]"), std::string::npos) << r.out;
}

TEST(CliLevels, CanShowsTopLevelWithoutEntries) {
  TempDir dir;
  const std::string file = dir.write("s.conf", config(false, false));
  CliResult r = run_with_config(file, {"--json", "can", "101@b.example", "--feature", "dial.international"});
  EXPECT_NE(r.out.find("\"level\":\"top\",\"where\":\"" + file + ":4\""), std::string::npos) << r.out;
}

TEST(CliLevels, DiffReportsAnEntrysEffectPerUser) {
  TempDir dir;
  const std::string before = dir.write("old.conf", config(false, false));
  const std::string domain_only = dir.write("domain.conf", config(true, false));
  const std::string both = dir.write("both.conf", config(true, true));
  CliResult r = run_with_config(domain_only, {"diff", before});
  EXPECT_EQ(r.exit_code, 1) << r.err;
  EXPECT_NE(r.out.find("101@b.example"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("110@b.example"), std::string::npos) << r.out;
  r = run_with_config(both, {"diff", domain_only});
  EXPECT_EQ(r.exit_code, 1) << r.err;
  EXPECT_EQ(r.out.find("101@b.example"), std::string::npos) << "only 110's entry changed: " << r.out;
  EXPECT_NE(r.out.find("+ 110@b.example may now dial.international (reach self)"), std::string::npos) << r.out;
}

TEST(CliLevels, ExplainNamesTheLevel) {
  TempDir dir;
  const std::string file = dir.write("s.conf", config(true, true));
  CliResult r = run_with_config(file, {"explain", "dial", "101@b.example", "01144123"});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.out.find("grant none (domain b.example, " + file + ":6)"), std::string::npos) << r.out;
  r = run_with_config(file, {"--json", "explain", "dial", "110@b.example", "01144123"});
  EXPECT_NE(r.out.find("\"level\":\"user\""), std::string::npos) << r.out;
}

TEST(CliLevels, DumpListsEachDomainsAndUsersEntries) {
  TempDir dir;
  const std::string file = dir.write("s.conf", config(true, true));
  CliResult r = run_with_config(file, {"dump", "--domain", "b.example"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("\n  policy dial.international basic_user=none (" + file + ":6)\n"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("\n    policy dial.international reach=self (" + file + ":8)\n"), std::string::npos) << r.out;
  r = run_with_config(file, {"--json", "dump", "--domain", "b.example"});
  EXPECT_NE(r.out.find("\"policy\":[{\"feature\":\"dial.international\",\"scope\":\"basic_user\",\"reach\":\"none\","
                       "\"where\":\"" + file + ":6\"}]"),
            std::string::npos)
      << r.out;
  EXPECT_NE(r.out.find("\"reach\":\"self\",\"where\":\"" + file + ":8\"}]"), std::string::npos) << r.out;
}

}  // namespace
}  // namespace scopegate::test
