// test_cli_json_every.cpp - every command honours --json (SPEC 6.1): each
// line it prints on stdout is a JSON object.
#include <gtest/gtest.h>

#include "cli_runner.hpp"
#include "temp_dir.hpp"

namespace scopegate::test {
namespace {

void expect_json_lines(const std::vector<std::string>& args) {
  std::vector<std::string> with_json{"--json"};
  with_json.insert(with_json.end(), args.begin(), args.end());
  const CliResult r = run_example(with_json);
  ASSERT_FALSE(r.out.empty()) << args[0] << ": " << r.err;
  for (const std::string& line : lines_of(r.out))
    EXPECT_TRUE(line.starts_with("{") && line.ends_with("}")) << args[0] << ": " << line;
}

TEST(CliJsonEvery, EveryCommand) {
  TempDir dir;
  const std::string expectations = dir.write("x.test", "allow login 101@acme.example portal\n");
  expect_json_lines({"check"});
  expect_json_lines({"info"});
  expect_json_lines({"login", "101@acme.example", "portal"});
  expect_json_lines({"dial", "101@acme.example", "911"});
  expect_json_lines({"feature", "101@acme.example", "users.view", "user:101"});
  expect_json_lines({"explain", "login", "101@acme.example", "portal"});
  expect_json_lines({"dump"});
  expect_json_lines({"dump", "--domain", "acme.example"});
  expect_json_lines({"can", "101@acme.example"});
  expect_json_lines({"who", "users.view", "user:101@acme.example"});
  expect_json_lines({"test", expectations});
}

// check --json prints one object (scopegate(1)): "ok", the files read and
// every diagnostic as fields.
TEST(CliJsonEvery, CheckSaysValidOrNot) {
  EXPECT_EQ(run_example({"--json", "check"}).out.rfind("{\"ok\":true,\"files\":[", 0), 0u);
  TempDir dir;
  const std::string bad = dir.write("bad.conf", "version = 1;\ndomains = ( { name = \"x\"; users = ( { id = \"1\"; scope = \"admin\"; } ); } );\n");
  const CliResult r = run_with_config(bad, {"--json", "check"});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_EQ(r.out.rfind("{\"ok\":false,", 0), 0u) << r.out;
  EXPECT_NE(r.out.find("{\"severity\":\"error\",\"file\":\"" + bad +
                       "\",\"line\":2,\"column\":0,\"message\":\"unknown scope 'admin'\"}"),
            std::string::npos)
      << r.out;
  EXPECT_EQ(r.err, "") << "with --json the diagnostics are in the object";
}

}  // namespace
}  // namespace scopegate::test
