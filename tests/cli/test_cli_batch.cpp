// test_cli_batch.cpp - `scopegate batch`: one result line per request line,
// in order; comments and blank lines skipped; malformed lines answered
// `error bad_request` while the rest are still decided; and fast.
#include <gtest/gtest.h>

#include <cstdio>
#include <string>
#include <vector>

#include "cli_runner.hpp"
#include "json_object.hpp"

namespace scopegate::test {
namespace {

TEST(CliBatch, DecidesEveryLineInOrder) {
  const CliResult r = run_example({"batch"},
                                  "login 101@acme.example portal\n"
                                  "dial 103@acme.example 911\n"
                                  "feature 200@acme.example users.edit user:102\n"
                                  "feature 101@acme.example teleport.enable\n");
  EXPECT_EQ(r.out,
            "allow ok\n"
            "allow emergency\n"
            "deny out_of_reach\n"
            "deny unknown_feature\n");
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.err, "");
}

TEST(CliBatch, CommentsAndBlankLinesAreSkipped) {
  const CliResult r = run_example({"batch"},
                                  "# logins\n"
                                  "\n"
                                  "   \t\n"
                                  "  # indented comment\n"
                                  "login 170@acme.example portal\n"
                                  "\n"
                                  "login 170@acme.example sip_device\n");
  EXPECT_EQ(r.out, "deny no_portal_scope\nallow ok\n");
  EXPECT_EQ(r.exit_code, 0);
}

TEST(CliBatch, BadLinesInTheMiddleAreErrorsAndTheRestIsDecided) {
  const CliResult r = run_example({"batch"},
                                  "login 101@acme.example portal\n"
                                  "login 101@acme.example fax\n"
                                  "dial 101 911\n"
                                  "feature 100@acme.example users.view person:101\n"
                                  "feature 100@acme.example scope.assign user:101 --scope admin\n"
                                  "frobnicate 101@acme.example\n"
                                  "check\n"
                                  "dial 150@acme.example *33160\n"
                                  "feature 100@acme.example scope.assign user:101\n"
                                  "login 103@acme.example portal\n");
  EXPECT_EQ(r.out,
            "allow ok\n"
            "error bad_request\n"
            "error bad_request\n"
            "error bad_request\n"
            "error bad_request\n"
            "error bad_request\n"
            "error bad_request\n"
            "allow ok\n"
            "error bad_request\n"
            "deny disabled_user\n");
  EXPECT_EQ(r.exit_code, 2);
  // The CLI's own rejections say which line and why.
  EXPECT_NE(r.err.find("line 2:"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("fax"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("line 7:"), std::string::npos) << r.err;
  // So do the module's: scope.assign without --scope.
  EXPECT_NE(r.err.find("line 9:"), std::string::npos) << r.err;
}

TEST(CliBatch, EmptyInputDecidesNothing) {
  const CliResult r = run_example({"batch"}, "");
  EXPECT_EQ(r.out, "");
  EXPECT_EQ(r.exit_code, 0);
}

TEST(CliBatch, OnlyDeniesStillExitZero) {
  const CliResult r = run_example({"batch"}, "login 999@acme.example portal\n");
  EXPECT_EQ(r.out, "deny unknown_user\n");
  EXPECT_EQ(r.exit_code, 0);
}

TEST(CliBatch, CrLfAndMissingFinalNewline) {
  const CliResult r = run_example({"batch"},
                                  "login 101@acme.example portal\r\n"
                                  "login 160@acme.example api");
  EXPECT_EQ(r.out, "allow ok\ndeny channel_not_allowed\n");
  EXPECT_EQ(r.exit_code, 0);
}

// One output line per request, explained or not: the explanation follows
// the result on its line (SPEC 6.1).
TEST(CliBatch, ExplainKeepsOneLinePerRequest) {
  const CliResult r = run_example({"batch"},
                                  "explain feature 150@acme.example reports.call_center.run queue:sales\n"
                                  "login 101@acme.example portal\n");
  const std::vector<std::string> lines = lines_of(r.out);
  ASSERT_EQ(lines.size(), 2u) << r.out;
  EXPECT_TRUE(lines.front().starts_with("deny view_disabled; rule 2.2.5 view_disabled: ")) << lines.front();
  EXPECT_EQ(lines.back(), "allow ok");
  EXPECT_EQ(r.exit_code, 0);
}

TEST(CliBatch, OverlongLinesAndHostileBytesAreErrorsNotCrashes) {
  std::string input = "login " + std::string(100000, 'x') + "@acme.example portal\n";
  input += std::string(40, ' ') + "w w w w w w w w w w w w w w w w w w w w w\n";  // too many words
  input += std::string("login 1\0" "1@acme.example portal\n", 30);
  input += "\xff\xfe\x01\x7f\n";
  input += "dial 101@acme.example 911\n";
  const CliResult r = run_example({"batch"}, input);
  EXPECT_EQ(r.out,
            "error bad_request\n"
            "error bad_request\n"
            "error bad_request\n"
            "error bad_request\n"
            "allow emergency\n");
  EXPECT_EQ(r.exit_code, 2);
}

TEST(CliBatch, JsonGivesOneParsableObjectPerRequest) {
  const CliResult r = run_example({"--json", "batch"},
                                  "# comment\n"
                                  "login 101@acme.example portal\n"
                                  "login 101@acme.example \"fax\\\n"
                                  "explain dial 150@acme.example *33161\n");
  EXPECT_EQ(r.exit_code, 2);
  const std::vector<std::string> lines = lines_of(r.out);
  ASSERT_EQ(lines.size(), 3u) << r.out;
  std::vector<JsonObject> objects;
  for (std::string line : lines) {
    const size_t explain = line.find(",\"explain\":{");
    if (explain != std::string::npos) line = line.substr(0, explain) + "}";
    auto o = parse_json_object(line);
    ASSERT_TRUE(o.has_value()) << line;
    objects.push_back(*o);
  }
  EXPECT_EQ(objects[0].at("verdict").text, "allow");
  EXPECT_EQ(objects[0].at("channel").text, "portal");
  EXPECT_EQ(objects[1].at("verdict").text, "error");
  EXPECT_EQ(objects[1].at("reason").text, "bad_request");
  EXPECT_EQ(objects[1].at("line").integer, 3u);
  EXPECT_NE(objects[1].at("error").text.find("\"fax\\"), std::string::npos);
  // The explained line holds a nested object of facts: read without it.
  EXPECT_EQ(objects[2].at("reason").text, "out_of_reach");
  EXPECT_EQ(objects[2].at("destination").text, "*33161");
}

TEST(CliBatch, ArgumentsAreAUsageError) {
  const CliResult r = run_example({"batch", "requests.txt"}, "login 101@acme.example portal\n");
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.out, "");
}

TEST(CliBatch, BrokenConfigDecidesNothing) {
  CliRun run;
  run.args = {"--module", module_path(), "-c", "/nonexistent/scopegate.conf", "batch"};
  run.input = "login 101@acme.example portal\n";
  const CliResult r = run_cli(run);
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_EQ(r.out, "");
}

// A million lines are each answered, in order, whatever their mix. (How
// fast is bench_batch's question, in bench/: no timing asserts here.)
TEST(CliBatch, MillionLinesAnsweredInOrder) {
  const char* const requests[] = {
      "login 101@acme.example portal\n",
      "dial 150@acme.example *33160\n",
      "feature 200@acme.example users.edit user:102\n",
      "feature 160@acme.example queue.agent.login user:160 --queue sales\n",
      "dial 103@acme.example 911\n",
      "login 101@acme.example fax\n",
  };
  const char* const results[] = {
      "allow ok\n", "allow ok\n", "deny out_of_reach\n",
      "allow ok\n", "allow emergency\n", "error bad_request\n",
  };
  constexpr std::size_t kLines = 1000000;
  std::string input;
  std::string expected;
  input.reserve(kLines * 48);
  expected.reserve(kLines * 16);
  for (std::size_t i = 0; i < kLines; ++i) {
    input += requests[i % 6];
    expected += results[i % 6];
  }
  const CliResult r = run_example({"batch"}, input);
  EXPECT_EQ(r.exit_code, 2);  // every sixth line is malformed
  EXPECT_EQ(r.out.size(), expected.size());
  EXPECT_TRUE(r.out == expected) << "first " << r.out.substr(0, 200);
}

}  // namespace
}  // namespace scopegate::test
