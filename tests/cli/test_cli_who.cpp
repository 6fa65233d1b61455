// test_cli_who.cpp - `scopegate who`: exactly the users for whom `feature`
// allows, compared user by user over a generated config.
#include <gtest/gtest.h>

#include <set>

#include "agreement_support.hpp"
#include "cli_runner.hpp"
#include "generated_config.hpp"
#include "temp_dir.hpp"

namespace scopegate::test {
namespace {

// The words after the feature id of one who/feature request.
std::vector<std::vector<std::string>> questions(const GeneratedConfig& g) {
  std::vector<std::vector<std::string>> out;
  for (const std::string& u : g.users) {
    for (const char* f : {"monitor.listen", "users.edit", "agent.status.change", "users.view"})
      out.push_back({f, "user:" + u});
    out.push_back({"scope.assign", "user:" + u, "--scope", "basic_user"});
    out.push_back({"queue.agent.login", "user:" + u, "--queue", "q0"});
  }
  for (const std::string& q : g.queues)
    for (const char* f : {"queue.status.view", "call_queues.edit", "stats.realtime.view"})
      out.push_back({f, "queue:" + q});
  for (const std::string& s : g.sites) out.push_back({"users.create", "site:" + s});
  for (const std::string& d : g.domains) out.push_back({"pbx_settings.edit", "domain:" + d});
  out.push_back({"auto_attendants.edit", "object:auto_attendant/main@c0.example", "--site", "HQ"});
  return out;
}

std::string joined(const std::vector<std::string>& words) {
  std::string out;
  for (const std::string& w : words) out += (out.empty() ? "" : " ") + w;
  return out;
}

TEST(CliWho, AgreesWithFeatureForEveryUser) {
  TempDir dir;
  const GeneratedConfig g = generate_config(7, 2);
  const std::string config = dir.write("scopegate.conf", g.text);
  const auto asked = questions(g);
  std::vector<std::string> requests;
  for (const auto& q : asked)
    for (const std::string& u : g.users) requests.push_back("feature " + u + " " + joined(q));
  const std::vector<bool> allowed = allowed_by_batch(config, requests);
  size_t any_allowed = 0;
  for (size_t i = 0; i < asked.size(); ++i) {
    std::vector<std::string> args{"who"};
    args.insert(args.end(), asked[i].begin(), asked[i].end());
    const CliResult r = run_with_config(config, args);
    ASSERT_EQ(r.exit_code, 0) << r.err;
    const std::vector<std::string> lines = lines_of(r.out);
    const std::set<std::string> listed(lines.begin(), lines.end());
    EXPECT_EQ(listed.size(), lines.size()) << "a user listed twice";
    std::set<std::string> expected;
    for (size_t u = 0; u < g.users.size(); ++u)
      if (allowed[i * g.users.size() + u]) expected.insert(g.users[u]);
    EXPECT_EQ(listed, expected) << joined(asked[i]);
    any_allowed += expected.size();
  }
  EXPECT_GT(any_allowed, asked.size());  // the comparison is not between empty lists
}

TEST(CliWho, Json) {
  const CliResult r = run_example({"--json", "who", "users.edit", "user:101@acme.example"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out,
            "{\"feature\":\"users.edit\",\"target\":\"user:101@acme.example\",\"allowed\":"
            "[\"ops@provider.example\",\"root@provider.example\",\"100@acme.example\",\"200@acme.example\"]}\n");
}

TEST(CliWho, BadRequests) {
  EXPECT_EQ(run_example({"who", "users.edit"}).exit_code, 2);
  EXPECT_EQ(run_example({"who", "users.edit", "planet:x"}).exit_code, 2);
  EXPECT_EQ(run_example({"who", "scope.assign", "user:101@acme.example", "--scope", "king"}).exit_code, 2);
}

}  // namespace
}  // namespace scopegate::test
