// test_cli_json.cpp - `--json`: one valid JSON object a decision, whose fields
// say the same as the text output, parsed back with a strict checker.
#include <gtest/gtest.h>

#include "cli_runner.hpp"
#include "json_object.hpp"

namespace scopegate::test {
namespace {

JsonObject json_of(const CliResult& r) {
  EXPECT_FALSE(r.out.empty());
  EXPECT_EQ(r.out.back(), '\n');
  EXPECT_EQ(r.out.find('\n'), r.out.size() - 1) << "one line expected: " << r.out;
  auto parsed = parse_json_object(r.out.substr(0, r.out.size() - 1));
  EXPECT_TRUE(parsed.has_value()) << r.out;
  return parsed.value_or(JsonObject{});
}

std::string text(const JsonObject& o, const std::string& key) {
  const auto it = o.find(key);
  if (it == o.end() || it->second.kind != JsonValue::Kind::string) return "<missing " + key + ">";
  return it->second.text;
}

TEST(CliJson, FeatureDenyHasEveryRequestField) {
  const CliResult r = run_example({"--json", "feature", "150@acme.example", "agent.status.change",
                                   "user:161", "--queue", "support"});
  EXPECT_EQ(r.exit_code, 1);
  const JsonObject o = json_of(r);
  EXPECT_EQ(text(o, "verdict"), "deny");
  EXPECT_EQ(text(o, "reason"), "out_of_reach");
  EXPECT_EQ(text(o, "hook"), "feature");
  EXPECT_EQ(text(o, "user"), "150@acme.example");
  EXPECT_EQ(text(o, "feature"), "agent.status.change");
  EXPECT_EQ(text(o, "target"), "user:161");
  EXPECT_EQ(text(o, "queue"), "support");
  ASSERT_TRUE(o.count("generation"));
  EXPECT_TRUE(o.at("generation").is_integer);
  EXPECT_EQ(o.at("generation").integer, 1u);
  EXPECT_FALSE(o.count("explain"));
}

TEST(CliJson, LoginAllowNamesTheChannel) {
  const CliResult r = run_example({"--json", "login", "101@acme.example", "portal"});
  EXPECT_EQ(r.exit_code, 0);
  const JsonObject o = json_of(r);
  EXPECT_EQ(text(o, "verdict"), "allow");
  EXPECT_EQ(text(o, "reason"), "ok");
  EXPECT_EQ(text(o, "hook"), "login");
  EXPECT_EQ(text(o, "channel"), "portal");
}

TEST(CliJson, DialNamesTheDestination) {
  const CliResult r = run_example({"--json", "dial", "103@acme.example", "911"});
  EXPECT_EQ(r.exit_code, 0);
  const JsonObject o = json_of(r);
  EXPECT_EQ(text(o, "reason"), "emergency");
  EXPECT_EQ(text(o, "hook"), "dial");
  EXPECT_EQ(text(o, "destination"), "911");
}

TEST(CliJson, ScopeSiteAndOwnerAppearWhenGiven) {
  CliResult r = run_example({"--json", "feature", "100@acme.example", "scope.assign", "user:101",
                             "--scope", "site_manager"});
  EXPECT_EQ(text(json_of(r), "scope"), "site_manager");
  r = run_example({"--json", "feature", "200@acme.example", "auto_attendants.edit",
                   "object:auto_attendant/main", "--site", "HQ", "--owner", "100"});
  const JsonObject o = json_of(r);
  EXPECT_EQ(text(o, "site"), "HQ");
  EXPECT_EQ(text(o, "owner"), "100");
  EXPECT_EQ(text(o, "target"), "object:auto_attendant/main");
}

TEST(CliJson, ExplainAddsTheExplainField) {
  const CliResult r =
      run_example({"--json", "explain", "feature", "200@acme.example", "users.edit", "user:102"});
  EXPECT_EQ(r.exit_code, 1);
  // The explanation is an object of facts (see test_cli_explain.cpp), not a string.
  EXPECT_TRUE(r.out.starts_with("{\"verdict\":\"deny\",\"reason\":\"out_of_reach\","));
  EXPECT_NE(r.out.find(",\"explain\":{\"rule\":\"2.2.7\",\"reason\":\"out_of_reach\","), std::string::npos) << r.out;
  EXPECT_TRUE(r.out.ends_with("}}\n")) << r.out;
}

TEST(CliJson, BadRequestIsAnErrorObjectWithAMessage) {
  const CliResult r = run_example({"--json", "login", "101@acme.example", "fax"});
  EXPECT_EQ(r.exit_code, 2);
  const JsonObject o = json_of(r);
  EXPECT_EQ(text(o, "verdict"), "error");
  EXPECT_EQ(text(o, "reason"), "bad_request");
  EXPECT_NE(text(o, "error").find("fax"), std::string::npos);
  EXPECT_EQ(o.at("generation").integer, 0u);
}

TEST(CliJson, ModuleErrorsAreErrorObjects) {
  const CliResult r = run_example({"--json", "feature", "100@acme.example", "scope.assign",
                                   "user:101"});
  EXPECT_EQ(r.exit_code, 2);
  const JsonObject o = json_of(r);
  EXPECT_EQ(text(o, "verdict"), "error");
  EXPECT_EQ(text(o, "reason"), "bad_request");
  EXPECT_EQ(text(o, "hook"), "feature");
}

TEST(CliJson, HostileBytesStayValidJson) {
  // A quote, a backslash, a control character and invalid UTF-8 in words
  // the output repeats.
  const CliResult r = run_example(
      {"--json", "feature", "1\"\\\x02\xff@acme.example", "users.view", "user:\xc3\xa9\xe2\x82"});
  const JsonObject o = json_of(r);
  EXPECT_EQ(text(o, "verdict"), "error");
  EXPECT_EQ(text(o, "user"), "1\"\\\x02\xef\xbf\xbd@acme.example");
  EXPECT_EQ(text(o, "target"), "user:\xc3\xa9\xef\xbf\xbd\xef\xbf\xbd");
}

TEST(CliJson, JsonOptionMayFollowTheCommand) {
  const CliResult r = run_example({"login", "101@acme.example", "portal", "--json"});
  EXPECT_EQ(text(json_of(r), "verdict"), "allow");
}

}  // namespace
}  // namespace scopegate::test
