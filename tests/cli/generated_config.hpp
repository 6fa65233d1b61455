// generated_config.hpp - a config with every scope, sites, queues, agents,
// supervisors, a reseller and a super user, varied by a seed, for the tests
// that compare the enumerating commands (can, who) with `feature`.
#ifndef SCOPEGATE_TESTS_CLI_GENERATED_CONFIG_HPP
#define SCOPEGATE_TESTS_CLI_GENERATED_CONFIG_HPP

#include <string>
#include <vector>

namespace scopegate::test {

struct GeneratedConfig {
  std::string text;                   // the libconfig text
  std::vector<std::string> users;     // "id@domain", every user
  std::vector<std::string> queues;    // "name@domain"
  std::vector<std::string> sites;     // "name@domain"
  std::vector<std::string> domains;
};

GeneratedConfig generate_config(unsigned seed, int customer_domains);

}  // namespace scopegate::test

#endif
