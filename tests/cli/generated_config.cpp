// generated_config.cpp - the config generator of the agreement tests.
#include "generated_config.hpp"

#include <cstdint>

namespace scopegate::test {
namespace {

// A small deterministic generator: the same seed, the same config.
class Dice {
 public:
  explicit Dice(unsigned seed) : state_(seed * 2654435761u + 1) {}
  unsigned roll(unsigned sides) {
    state_ = state_ * 6364136223846793005ull + 1442695040888963407ull;
    return static_cast<unsigned>(state_ >> 33) % sides;
  }

 private:
  uint64_t state_;
};

const char* const kScopes[] = {"no_portal", "basic_user", "call_center_agent", "call_center_supervisor",
                               "site_manager", "office_manager"};
const char* const kViews[] = {"stats_grid", "agents", "call_activity", "reports", "recordings"};

std::string site_of(Dice& dice, const std::string& scope) {
  unsigned pick = dice.roll(3);
  if (scope == "site_manager" && pick == 2) pick = 0;  // a site manager needs a site
  return pick == 0 ? "HQ" : pick == 1 ? "Branch" : "";
}

std::string supervisor_record(Dice& dice) {
  std::string queues = dice.roll(4) == 0 ? "\"all\"" : dice.roll(2) ? "[ \"q0\" ]" : "[ \"q0\", \"q1\" ]";
  std::string view;
  for (const char* v : kViews)
    if (dice.roll(3) != 0) view += std::string(view.empty() ? "" : ", ") + "\"" + v + "\"";
  return " supervisor = { queues = " + queues + "; view = [ " + view + " ]; };";
}

std::string user_record(Dice& dice, const std::string& id, const std::string& scope) {
  std::string site = site_of(dice, scope);
  std::string out = "    { id = \"" + id + "\"; scope = \"" + scope + "\";";
  if (!site.empty()) out += " site = \"" + site + "\";";
  if (scope == "call_center_supervisor") out += supervisor_record(dice);
  if (dice.roll(12) == 0) out += " enabled = false;";
  return out + " },\n";
}

void add_domain(GeneratedConfig& g, Dice& dice, const std::string& domain) {
  std::string users, agents0, agents1;
  int n = 0;
  for (const char* scope : kScopes)
    for (int copies = 0; copies < 2; ++copies) {
      std::string id = std::to_string(100 + n++);
      users += user_record(dice, id, scope);
      g.users.push_back(id + "@" + domain);
      bool agentish = std::string(scope) == "call_center_agent" || std::string(scope) == "call_center_supervisor";
      if (agentish && dice.roll(2)) agents0 += std::string(agents0.empty() ? "" : ", ") + "\"" + id + "\"";
      if (agentish && dice.roll(2)) agents1 += std::string(agents1.empty() ? "" : ", ") + "\"" + id + "\"";
    }
  users += "    { id = \"aa\"; scope = \"no_portal\"; system = true; }\n";
  g.users.push_back("aa@" + domain);
  g.text += "  { name = \"" + domain + "\"; sites = [ \"HQ\", \"Branch\" ];\n  users = (\n" + users + "  );\n" +
            "  queues = ( { name = \"q0\"; site = \"HQ\"; agents = [ " + agents0 + " ]; },\n" +
            "             { name = \"q1\"; agents = [ " + agents1 + " ]; } ); },\n";
  for (const char* q : {"q0", "q1"}) g.queues.push_back(std::string(q) + "@" + domain);
  for (const char* s : {"HQ", "Branch"}) g.sites.push_back(std::string(s) + "@" + domain);
  g.domains.push_back(domain);
}

}  // namespace

GeneratedConfig generate_config(unsigned seed, int customer_domains) {
  Dice dice(seed);
  GeneratedConfig g;
  g.text = "version = 1;\nlog = { level = \"warn\"; sink = \"stderr\"; };\n"
           "policy = ( { feature = \"users.view\"; call_center_agent = \"site\"; } );\n"
           "domains = (\n";
  for (int d = 0; d < customer_domains; ++d) add_domain(g, dice, "c" + std::to_string(d) + ".example");
  g.text += "  { name = \"provider.example\"; users = (\n"
            "    { id = \"ops\"; scope = \"reseller\"; domains = [ \"c0.example\" ]; },\n"
            "    { id = \"root\"; scope = \"super_user\"; } ); }\n);\n";
  for (const char* id : {"ops", "root"}) g.users.push_back(std::string(id) + "@provider.example");
  g.domains.push_back("provider.example");
  return g;
}

}  // namespace scopegate::test
