// The rule table (engine/rules.hpp): one entry per rule, numbered as SPEC
// numbers them, and the man page scopegate(1) lists every entry as the
// table says it (a stale man page fails here).
#include <gtest/gtest.h>

#include <fstream>
#include <set>
#include <sstream>
#include <string>

#include "engine/rules.hpp"

namespace scopegate {
namespace {

TEST(Rules, OneEntryPerRuleNumberedAsSpecNumbersThem) {
  static_assert(kRules.size() == static_cast<size_t>(Rule::dial_no_match) + 1, "every Rule has its entry");
  const std::set<std::string> sections{"", "2.1", "2.2", "2.3"};
  for (const RuleInfo &r : kRules) {
    EXPECT_TRUE(sections.count(r.section)) << r.meaning;
    EXPECT_NE(std::string(r.meaning), "");
    if (std::string(r.section) == "2.1") {
      EXPECT_EQ(r.hook, Hook::login);
      EXPECT_TRUE(r.number >= 1 && r.number <= 7) << r.meaning;
    }
    if (std::string(r.section) == "2.2") {
      EXPECT_EQ(r.hook, Hook::feature);
      EXPECT_TRUE(r.number >= 1 && r.number <= 10) << r.meaning;
    }
    if (std::string(r.section) == "2.3") {
      EXPECT_EQ(r.hook, Hook::dial);
      EXPECT_EQ(r.number, 0) << "2.3 numbers none of its rules";
    }
  }
  // The allows are the last rule of each hook and the sip_device / no
  // match / emergency shortcuts.
  EXPECT_EQ(rule_info(Rule::login_allow).reason, Reason::ok);
  EXPECT_EQ(rule_info(Rule::feature_allow).reason, Reason::ok);
  EXPECT_EQ(rule_info(Rule::dial_emergency).reason, Reason::emergency);
  EXPECT_EQ(rule_info(Rule::internal_error).reason, Reason::internal_error);
}

std::string label(const RuleInfo &r) {
  std::string section = r.section;
  if (section.empty()) return "error";
  return "rule " + section + (r.number ? "." + std::to_string(r.number) : "");
}

TEST(Rules, TheManPageListsEveryRuleAsTheTableSaysIt) {
  std::ifstream in(SG_MAN_DIR "/scopegate.1");
  ASSERT_TRUE(in) << SG_MAN_DIR "/scopegate.1";
  std::stringstream text;
  text << in.rdbuf();
  const std::string man = text.str();
  for (const RuleInfo &r : kRules) {
    std::string entry = ".TP\n.B \"" + label(r) + " " + reason_name(r.reason) + "\"\n" + r.meaning + "\n";
    EXPECT_NE(man.find(entry), std::string::npos) << "scopegate.1 lacks, under RULES:\n" << entry;
  }
}

}  // namespace
}  // namespace scopegate
