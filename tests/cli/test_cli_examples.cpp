// test_cli_examples.cpp - the README's first command: every request of
// conf/examples/requests.txt through the example config, compared with the
// reviewed results in golden/requests.out (one line per request, in order).
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "cli_runner.hpp"
#include "json_object.hpp"

namespace scopegate::test {
namespace {

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  EXPECT_TRUE(in.good()) << path;
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

std::string requests() { return read_file(conf_dir() + "/examples/requests.txt"); }

// The request lines of requests.txt (neither blank nor comments).
std::vector<std::string> request_lines() {
  std::vector<std::string> out;
  for (const std::string& line : lines_of(requests())) {
    const auto first = line.find_first_not_of(" \t");
    if (first != std::string::npos && line[first] != '#') out.push_back(line);
  }
  return out;
}

TEST(CliExamples, RequestsGiveTheReviewedResults) {
  const CliResult r = run_example({"batch"}, requests());
  EXPECT_EQ(r.exit_code, 0) << r.err;
  const std::vector<std::string> got = lines_of(r.out);
  const std::vector<std::string> want = lines_of(read_file(SG_TEST_GOLDEN_DIR "/requests.out"));
  const std::vector<std::string> asked = request_lines();
  ASSERT_EQ(want.size(), asked.size()) << "golden/requests.out is out of step with requests.txt";
  ASSERT_EQ(got.size(), want.size());
  for (std::size_t i = 0; i < want.size(); ++i) {
    EXPECT_EQ(got[i], want[i]) << asked[i];
  }
}

TEST(CliExamples, RequestsCoverEveryVerdictAndScope) {
  const std::string text = read_file(SG_TEST_GOLDEN_DIR "/requests.out");
  for (const char* reason : {"allow ok", "allow emergency", "deny unknown_feature",
                             "deny out_of_reach", "deny rank_too_low", "deny self_assignment",
                             "deny view_disabled", "deny system_user", "deny no_portal_scope",
                             "deny channel_not_allowed", "deny disabled_user",
                             "deny scope_lacks_feature", "deny unknown_target"}) {
    EXPECT_NE(text.find(std::string(reason) + "\n"), std::string::npos) << reason;
  }
}

TEST(CliExamples, JsonNamesEachRequest) {
  const CliResult r = run_example({"--json", "batch"}, requests());
  EXPECT_EQ(r.exit_code, 0);
  const std::vector<std::string> lines = lines_of(r.out);
  const std::vector<std::string> asked = request_lines();
  ASSERT_EQ(lines.size(), asked.size());
  for (std::size_t i = 0; i < lines.size(); ++i) {
    const auto o = parse_json_object(lines[i]);
    ASSERT_TRUE(o.has_value()) << lines[i];
    // The request's second word is the acting user.
    std::istringstream words(asked[i]);
    std::string hook, user;
    words >> hook >> user;
    EXPECT_EQ(o->at("hook").text, hook);
    EXPECT_EQ(o->at("user").text, user);
  }
}

}  // namespace
}  // namespace scopegate::test
