// Explanations: the deciding rule and grant in words, cut to the buffer.
#include <gtest/gtest.h>

#include <cstring>

#include "report/explain.hpp"
#include "test_support.hpp"

namespace scopegate::test {

TEST(Explain, NamesRuleGrantActorAndTarget) {
  auto s = must_load(kModelConfig);
  TargetRef t = user_target("102");
  Outcome o = feature(*s, "200@acme.example", "users.edit", t);
  char buf[1024];
  write_explanation(s.get(), o, ExplainInput{"200", "acme.example", "users.edit", &t}, buf, sizeof buf);
  std::string text = buf;
  EXPECT_NE(text.find("rule 2.2.7 out_of_reach"), std::string::npos) << text;
  EXPECT_NE(text.find("actor 200@acme.example: site_manager, site HQ"), std::string::npos) << text;
  EXPECT_NE(text.find("feature users.edit: grant site (level default), guarded"), std::string::npos) << text;
  EXPECT_NE(text.find("target user 102@acme.example: basic_user, site Branch"), std::string::npos) << text;
}

TEST(Explain, DialNamesTheMatchedRule) {
  auto s = must_load(kModelConfig);
  Outcome o = dial(*s, "150@acme.example", "*33161");
  char buf[1024];
  write_explanation(s.get(), o, ExplainInput{"150", "acme.example", "*33161", nullptr}, buf, sizeof buf);
  std::string text = buf;
  EXPECT_NE(text.find("dial rule 1: prefix *33 -> feature monitor.listen"), std::string::npos) << text;
  EXPECT_NE(text.find("out_of_reach"), std::string::npos) << text;
  EXPECT_NE(text.find("target user 161@acme.example"), std::string::npos) << text;
}

// Each rule's first line comes from the rule table, numbered as SPEC
// numbers it: 2.3 numbers none, a bad request is no rule of SPEC.
TEST(Explain, FirstLineIsTheRuleOfTheTable) {
  auto s = must_load(kModelConfig);
  auto first_line = [&](const Outcome &o) {
    char buf[1024];
    write_explanation(s.get(), o, ExplainInput{"x", "acme.example", "y", nullptr}, buf, sizeof buf);
    std::string text = buf;
    return text.substr(0, text.find('\n'));
  };
  EXPECT_EQ(first_line(login(*s, "103@acme.example", Channel::portal)), "rule 2.1.2 disabled_user: the user is disabled");
  EXPECT_EQ(first_line(dial(*s, "999@acme.example", "911")),
            "rule 2.3 emergency: emergency numbers are never blocked");
  EXPECT_EQ(first_line(dial(*s, "103@acme.example", "5551234")), "rule 2.3 disabled_user: the caller is disabled");
  EXPECT_EQ(first_line(dial(*s, "101@acme.example", "5551234")), "rule 2.3 ok: no dial rule matches: allowed");
  EXPECT_EQ(first_line(dial(*s, "101@acme.example", "*33102")),
            "rule 2.2.4 scope_lacks_feature: the scope's grant for the feature is none");
  EXPECT_EQ(first_line(feature(*s, "100@acme.example", "scope.assign", user_target("101"))),
            "error bad_request: the request is malformed");
}

TEST(Explain, TruncatesAndTerminates) {
  auto s = must_load(kModelConfig);
  Outcome o = login(*s, "101@acme.example", Channel::portal);
  char buf[8];
  std::memset(buf, 'x', sizeof buf);
  write_explanation(s.get(), o, ExplainInput{"101", "acme.example", "portal", nullptr}, buf, sizeof buf);
  EXPECT_EQ(std::strlen(buf), 7u);
  EXPECT_EQ(std::string(buf), "rule 2.");
  char one[1] = {'x'};
  write_explanation(s.get(), o, ExplainInput{}, one, 1);
  EXPECT_EQ(one[0], '\0');
  write_explanation(s.get(), o, ExplainInput{}, nullptr, 100);  // must not crash
  char untouched = 'x';
  write_explanation(s.get(), o, ExplainInput{}, &untouched, 0);
  EXPECT_EQ(untouched, 'x');
}

}  // namespace scopegate::test
