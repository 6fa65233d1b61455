// test_cli_can.cpp - `scopegate can`: what it lists must be exactly what
// `feature` allows, for every user and every feature of a generated config
// (the agreement test), and its JSON must have the keys of SPEC.md 6.1.
#include <gtest/gtest.h>

#include <map>
#include <set>

#include "agreement_support.hpp"
#include "cli_runner.hpp"
#include "generated_config.hpp"
#include "json_object.hpp"
#include "temp_dir.hpp"

namespace scopegate::test {
namespace {

// feature -> kind ("users", "queues", ...) -> the listed targets; a kind
// the feature does not document is absent.
using CanLists = std::map<std::string, std::map<std::string, std::vector<std::string>>>;

CanLists parse_can_text(const std::string& text) {
  CanLists out;
  std::string feature;
  bool in_features = false;
  for (const std::string& line : lines_of(text)) {
    if (line.starts_with("features:")) in_features = true;
    if (!in_features || !line.starts_with("  ")) continue;
    if (!line.starts_with("    ")) {
      feature = line.substr(2, line.find(':') - 2);
      out[feature];
      continue;
    }
    const size_t colon = line.find(':');
    std::vector<std::string>& list = out[feature][line.substr(4, colon - 4)];
    for (size_t p = colon + 1; p < line.size();) {
      size_t end = line.find(' ', p + 1);
      if (end == std::string::npos) end = line.size();
      if (end > p + 1) list.push_back(line.substr(p + 1, end - p - 1));
      p = end;
    }
  }
  return out;
}

// The request words for feature F on a target of kind K named X.
std::string request(const std::string& user, const std::string& feature, const std::string& kind,
                    const std::string& id) {
  std::string r = "feature " + user + " " + feature;
  if (!kind.empty()) r += " " + kind + ":" + id;
  // can asks scope.assign about the lowest scope (see report/can_targets.cpp).
  if (feature == "scope.assign" && !kind.empty()) r += " --scope no_portal";
  return r;
}

struct Candidates {
  const char* list;
  const char* kind;
  const std::vector<std::string>* ids;
};

void check_user(const std::string& config, const GeneratedConfig& g, const std::vector<std::string>& features,
                const std::string& user) {
  const CliResult r = run_with_config(config, {"can", user});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const CanLists can = parse_can_text(r.out);
  std::vector<std::string> requests;
  for (const std::string& f : features) requests.push_back(request(user, f, "", ""));
  const std::vector<Candidates> kinds = {
      {"users", "user", &g.users}, {"queues", "queue", &g.queues}, {"sites", "site", &g.sites}};
  std::vector<std::pair<std::string, std::string>> asked;  // (feature, "kind target") per extra request
  for (const auto& [feature, lists] : can)
    for (const Candidates& c : kinds) {
      auto it = lists.find(c.list);
      if (it == lists.end() || (it->second.size() == 1 && it->second[0] == "*")) continue;
      for (const std::string& id : *c.ids) {
        requests.push_back(request(user, feature, c.kind, id));
        asked.emplace_back(feature, std::string(c.list) + " " + id);
      }
    }
  const std::vector<bool> allowed = allowed_by_batch(config, requests);
  // scope.assign without a target is a bad request on the command line
  // (SPEC 2.4: it needs a scope, and --scope needs a target); its targets
  // are still compared below.
  for (size_t i = 0; i < features.size(); ++i)
    if (features[i] != "scope.assign") {
      EXPECT_EQ(allowed[i], can.count(features[i]) == 1) << user << " " << features[i];
    }
  std::map<std::string, std::set<std::string>> expected, listed;
  for (size_t i = 0; i < asked.size(); ++i)
    if (allowed[features.size() + i]) expected[asked[i].first].insert(asked[i].second);
  for (const auto& [feature, lists] : can)
    for (const Candidates& c : kinds) {
      auto it = lists.find(c.list);
      if (it == lists.end() || (it->second.size() == 1 && it->second[0] == "*")) continue;
      for (const std::string& id : it->second) listed[feature].insert(std::string(c.list) + " " + id);
    }
  for (const auto& [feature, lists] : can) EXPECT_EQ(listed[feature], expected[feature]) << user << " " << feature;
}

TEST(CliCan, AgreesWithFeatureForEveryUserAndFeature) {
  for (unsigned seed : {1u, 2u}) {
    TempDir dir;
    const GeneratedConfig g = generate_config(seed, 2);
    const std::string config = dir.write("scopegate.conf", g.text);
    const std::vector<std::string> features = policy_features(config);
    for (const std::string& user : g.users) check_user(config, g, features, user);
  }
}

TEST(CliCan, SuperUserReachesEveryDomainAsStar) {
  const CliResult r = run_example({"can", "root@provider.example", "--feature", "users.edit"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("  users.edit: reach all (default)\n    users: *\n"), std::string::npos) << r.out;
}

TEST(CliCan, JsonHasTheKeysOfTheSpec) {
  const CliResult r = run_example({"--json", "can", "160@acme.example", "--feature", "queue.agent.login"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out,
            "{\"user\":\"160@acme.example\",\"scope\":\"call_center_agent\",\"site\":\"HQ\","
            "\"login\":{\"portal\":\"allow\",\"mobile_app\":\"allow\",\"web_phone\":\"allow\","
            "\"attendant_console\":\"deny\",\"api\":\"deny\",\"sip_device\":\"allow\"},"
            "\"login_reason\":{\"portal\":\"ok\",\"mobile_app\":\"ok\",\"web_phone\":\"ok\","
            "\"attendant_console\":\"channel_not_allowed\",\"api\":\"channel_not_allowed\",\"sip_device\":\"ok\"},"
            "\"features\":[{\"feature\":\"queue.agent.login\",\"reach\":\"queue\",\"level\":\"default\","
            "\"targets\":{\"users\":[\"160@acme.example\"],\"queues\":[],\"sites\":[],\"domains\":[]}}]}\n");
}

TEST(CliCan, ConfigEntryGrantNamesItsPlace) {
  const CliResult r = run_example({"--json", "can", "101@acme.example", "--feature", "fax.send"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("\"feature\":\"fax.send\",\"reach\":\"self\",\"level\":\"top\",\"where\":\""),
            std::string::npos) << r.out;
  EXPECT_NE(r.out.find("scopegate.conf:21\""), std::string::npos) << r.out;
}

TEST(CliCan, UnknownUserOrFeatureIsAnError) {
  EXPECT_EQ(run_example({"can", "999@acme.example"}).exit_code, 2);
  EXPECT_EQ(run_example({"can", "101@acme.example", "--feature", "no.such"}).exit_code, 2);
  EXPECT_EQ(run_example({"can", "101"}).exit_code, 2);
  EXPECT_EQ(run_example({"can"}).exit_code, 2);
}

}  // namespace
}  // namespace scopegate::test
