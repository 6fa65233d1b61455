// test_coverage.cpp - features and rules exercised by expectations.
#include "test_coverage.hpp"

namespace scopegate::cli {
namespace {

// The rules of SPEC 2.1 (login, 7) and 2.2 (feature, 10) by number; 2.3
// numbers none of its rules, so they go by reason, as explain and
// scopegate(1)'s RULES section name them ("rule 2.3 emergency"). A dial
// that matches a dial rule is decided by a rule of 2.2.
constexpr struct {
  const char* section;
  int count;
} kSections[] = {{"2.1", 7}, {"2.2", 10}};
constexpr const char* kDialRules[] = {"2.3 emergency", "2.3 unknown_user", "2.3 disabled_user", "2.3 ok"};

std::string_view first_line(std::string_view text) { return text.substr(0, text.find('\n')); }

// "dial rule 1: prefix *33 -> feature monitor.listen": the feature a dial reached.
std::string_view dialed_feature(std::string_view explain) {
  const size_t at = explain.find("\ndial rule ");
  if (at == std::string_view::npos) return {};
  const std::string_view line = first_line(explain.substr(at + 1));
  const size_t arrow = line.find("-> feature ");
  return arrow == std::string_view::npos ? std::string_view{} : line.substr(arrow + 11);
}

}  // namespace

void Coverage::record(const Request& request, const Answer& outcome) {
  const std::string_view head = first_line(outcome.explain);
  if (head.starts_with("rule ")) {
    // "rule 2.2.7 out_of_reach: ...": the number; "rule 2.3 emergency: ...": section and reason.
    const std::string_view rest = head.substr(5, head.find(':') - 5);
    rules_seen_.emplace(rest.starts_with("2.3 ") ? rest : rest.substr(0, rest.find(' ')));
  }
  if (request.hook == Hook::feature) features_seen_.emplace(request.feature);
  if (request.hook != Hook::dial) return;
  const std::string_view feature = dialed_feature(outcome.explain);
  if (feature.empty()) return;
  features_seen_.emplace(feature);
}

std::vector<std::string> Coverage::features_missed() const {
  std::vector<std::string> out;
  for (const std::string& f : features_)
    if (!features_seen_.contains(f)) out.push_back(f);
  return out;
}

std::vector<std::string> Coverage::rules_missed() const {
  std::vector<std::string> out;
  for (const auto& s : kSections)
    for (int rule = 1; rule <= s.count; ++rule) {
      std::string id = std::string(s.section) + "." + std::to_string(rule);
      if (!rules_seen_.contains(id)) out.push_back(id);
    }
  for (const char* id : kDialRules)
    if (!rules_seen_.contains(std::string_view(id))) out.push_back(id);
  return out;
}

}  // namespace scopegate::cli
