// test_cli_info.cpp - `scopegate info` and the revision and load figures of
// `check`: what a process opening the config reports, the same revision in
// every process for an equal config however it is split into files, and a
// new one for any change that decides.
#include <gtest/gtest.h>

#include <regex>

#include "cli_runner.hpp"
#include "json_object.hpp"
#include "temp_dir.hpp"

namespace scopegate::test {
namespace {

const std::string kTop =
    "version = 1;\n"
    "dial_rules = ( { prefix = \"*33\"; feature = \"monitor.listen\"; target = \"user\"; } );\n";
// Three customers, each the body of a domains record and the whole of a
// domains_dir file.
const std::string kDomains[] = {
    "name = \"acme.example\";\n"
    "sites = [ \"HQ\" ];\n"
    "users = ( { id = \"100\"; scope = \"office_manager\"; },\n"
    "          { id = \"160\"; scope = \"call_center_agent\"; site = \"HQ\"; } );\n"
    "queues = ( { name = \"sales\"; site = \"HQ\"; agents = [ \"160\" ]; } );\n",
    "name = \"bluefin.example\";\n"
    "users = ( { id = \"101\"; scope = \"basic_user\"; } );\n",
    "name = \"globex.example\";\n"
    "users = ( { id = \"100\"; scope = \"office_manager\"; } );\n",
};

std::string one_file() {
  return kTop + "domains = ( { " + kDomains[0] + "}, { " + kDomains[1] + "}, { " + kDomains[2] + "} );\n";
}

// The config split into a main file and one domains_dir file per domain,
// named so they are read in the order given.
std::string split(const TempDir &dir, const std::vector<int> &order, const std::string &comment = "") {
  for (size_t i = 0; i < order.size(); ++i)
    dir.write("domains.d/" + std::to_string(i) + "-customer.conf", comment + kDomains[order[i]]);
  return dir.write("scopegate.conf", comment + kTop + "domains_dir = \"domains.d\";\n");
}

// The value on the line "revision X" of text; "" when there is none.
std::string revision_line(const std::string &text) {
  std::smatch m;
  static const std::regex line(R"((^|\n)revision ([0-9a-f]{16})\n)");
  return std::regex_search(text, m, line) ? m[2].str() : std::string();
}

std::string info_revision(const std::string &config) {
  const CliResult r = run_with_config(config, {"info"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  return revision_line(r.out);
}

TEST(CliInfo, SaysWhatAProcessOpeningTheConfigReports) {
  const CliResult r = run_example({"info"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const std::regex expected(
      "generation 1\n"
      "5 domains, 24 users, 3 queues\n"
      "5 files read, 5 domains built in [0-9]+\\.[0-9]{3} ms\n"
      "revision [0-9a-f]{16}\n");
  EXPECT_TRUE(std::regex_match(r.out, expected)) << r.out;
}

TEST(CliInfo, JsonHasTheFieldsOfSgInfo) {
  const CliResult r = run_example({"--json", "info"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const auto object = parse_json_object(r.out);
  ASSERT_TRUE(object) << r.out;
  for (const char *key : {"config", "generation", "last_reload_ok", "last_reload_message", "domains", "users", "queues",
                          "revision", "files_read", "domains_rebuilt", "load_usec"})
    EXPECT_TRUE(object->count(key)) << key << " in " << r.out;
  EXPECT_EQ(object->at("revision").text, revision_line(run_example({"info"}).out));
  EXPECT_EQ(object->at("files_read").integer, 5u);
  EXPECT_EQ(object->at("domains_rebuilt").integer, 5u);
  EXPECT_TRUE(object->at("load_usec").is_integer);
}

TEST(CliInfo, TwoProcessesAndCheckSayOneRevision) {
  const std::string first = info_revision(example_config());
  EXPECT_EQ(first.size(), 16u);
  EXPECT_EQ(info_revision(example_config()), first);
  EXPECT_EQ(revision_line(run_example({"check"}).out), first);
}

TEST(CliInfo, SplitIntoFilesInAnyOrderTheSameRevision) {
  TempDir whole_dir, split_dir, reordered_dir;
  const std::string whole = info_revision(whole_dir.write("scopegate.conf", one_file()));
  ASSERT_EQ(whole.size(), 16u);
  const std::string split_config = split(split_dir, {0, 1, 2});
  EXPECT_EQ(info_revision(split_config), whole);
  EXPECT_EQ(info_revision(split(reordered_dir, {2, 0, 1}, "# provisioned\n")), whole);

  // N domain files: N + 1 files read, N domains built.
  const CliResult info = run_with_config(split_config, {"info"});
  EXPECT_NE(info.out.find("\n4 files read, 3 domains built in "), std::string::npos) << info.out;
  const CliResult check = run_with_config(split_config, {"check"});
  EXPECT_NE(check.out.find("\n4 files read, 3 domains built in "), std::string::npos) << check.out;
  EXPECT_EQ(revision_line(check.out), whole);
  const auto json = parse_json_object(run_with_config(split_config, {"--json", "info"}).out);
  ASSERT_TRUE(json);
  EXPECT_EQ(json->at("files_read").integer, 4u);
  EXPECT_EQ(json->at("domains_rebuilt").integer, 3u);
}

TEST(CliInfo, AChangeThatDecidesChangesTheRevision) {
  TempDir dir;
  const std::string config = split(dir, {0, 1, 2});
  const std::string before = info_revision(config);
  dir.write("domains.d/1-customer.conf",
            "name = \"bluefin.example\";\n"
            "users = ( { id = \"101\"; scope = \"basic_user\"; enabled = false; } );\n");
  const std::string after = info_revision(config);
  EXPECT_EQ(after.size(), 16u);
  EXPECT_NE(after, before);
}

TEST(CliInfo, AnInvalidConfigHasNoRevision) {
  TempDir dir;
  const std::string bad = dir.write(
      "bad.conf", kTop + "domains = ( { name = \"x\"; users = ( { id = \"1\"; scope = \"admin\"; } ); } );\n");
  const CliResult check = run_with_config(bad, {"check"});
  EXPECT_EQ(check.exit_code, 1);
  EXPECT_EQ(revision_line(check.out), "") << check.out;
  EXPECT_EQ(check.out.find("files read"), std::string::npos) << check.out;
  const CliResult json = run_with_config(bad, {"--json", "check"});
  EXPECT_EQ(json.out.find("\"revision\""), std::string::npos) << json.out;
  const CliResult info = run_with_config(bad, {"info"});
  EXPECT_EQ(info.exit_code, 2);
  EXPECT_EQ(info.out, "");
  EXPECT_NE(info.err.find("unknown scope 'admin'"), std::string::npos) << info.err;
}

TEST(CliInfo, TakesNoArguments) { EXPECT_EQ(run_example({"info", "extra"}).exit_code, 2); }

}  // namespace
}  // namespace scopegate::test
