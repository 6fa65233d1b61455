// Golden decision tables: every *.table in this directory, decided by the real
// scopegate.so through its C ABI.
//
// Table format (one request a line, in the CLI's words, SPEC section 6):
//   @config FILE.conf                      the config the table is decided on
//   [section name]                         starts a test case
//   REQUEST => VERDICT REASON              e.g. "login 101@acme.example portal => allow ok"
//   # comment, blank lines
// Each section is one test case (TABLE.SECTION); every line in it is checked
// and every failing line is reported with its file and line number.
#include "sg_test_support.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <fstream>
#include <map>
#include <memory>
#include <set>
#include <string>
#include <vector>

namespace {

namespace fs = std::filesystem;

struct TableLine {
  int number;
  std::string request;
  std::string expected;
};

struct Section {
  std::string table;  // file name
  std::string config; // path
  std::string name;
  std::vector<TableLine> lines;
};

std::string trim(const std::string &s) {
  const auto b = s.find_first_not_of(" \t\r");
  if (b == std::string::npos) return "";
  const auto e = s.find_last_not_of(" \t\r");
  return s.substr(b, e - b + 1);
}

std::string test_name(const std::string &s) {
  std::string out;
  for (char c : s) {
    if (std::isalnum(static_cast<unsigned char>(c))) out += c;
    else if (!out.empty() && out.back() != '_') out += '_';
  }
  while (!out.empty() && out.back() == '_') out.pop_back();
  return out.empty() ? "unnamed" : out;
}

// Reads one table; problems with the table itself go into errors.
std::vector<Section> read_table(const fs::path &path, std::vector<std::string> &errors) {
  std::vector<Section> sections;
  std::ifstream in(path);
  if (!in) {
    errors.push_back(path.string() + ": cannot read");
    return sections;
  }
  std::string config;
  std::string text;
  for (int number = 1; std::getline(in, text); ++number) {
    const std::string where = path.filename().string() + ":" + std::to_string(number);
    std::string line = trim(text);
    if (line.empty() || line[0] == '#') continue;
    if (line.rfind("@config ", 0) == 0) {
      config = (path.parent_path() / trim(line.substr(8))).string();
      continue;
    }
    if (line.front() == '[') {
      if (line.back() != ']') errors.push_back(where + ": section without ]");
      sections.push_back({path.filename().string(), config, line.substr(1, line.size() - 2), {}});
      continue;
    }
    const auto arrow = line.find("=>");
    if (arrow == std::string::npos) {
      errors.push_back(where + ": no '=>' in '" + line + "'");
      continue;
    }
    if (sections.empty() || config.empty()) {
      errors.push_back(where + ": request before @config and a [section]");
      continue;
    }
    // normalise "deny   out_of_reach" to "deny out_of_reach"
    std::istringstream words(line.substr(arrow + 2));
    std::string verdict, reason, extra;
    words >> verdict >> reason >> extra;
    if (verdict.empty() || reason.empty() || !extra.empty())
      errors.push_back(where + ": expected 'VERDICT REASON' after =>");
    sections.back().lines.push_back({number, trim(line.substr(0, arrow)), verdict + " " + reason});
  }
  return sections;
}

// One handle per config, opened once per process.
sg_handle *handle_for(const std::string &config, std::string *error) {
  static std::map<std::string, std::unique_ptr<sgtest::Handle>> handles;
  auto &slot = handles[config];
  if (!slot) {
    slot = std::make_unique<sgtest::Handle>();
    if (slot->open(config, SG_LOG_WARN) != 0) {
      *error = "open " + config + " failed: " + slot->error();
      slot.reset();
      handles.erase(config);
      return nullptr;
    }
  }
  return slot->get();
}

class SectionTest : public testing::Test {
 public:
  explicit SectionTest(const Section *section) : section_(section) {}

  void TestBody() override {
    const auto &module = sgtest::Module::get();
    ASSERT_NE(module.api(), nullptr) << module.load_error();
    std::string error;
    sg_handle *h = handle_for(section_->config, &error);
    ASSERT_NE(h, nullptr) << error;
    ASSERT_FALSE(section_->lines.empty()) << "empty section";
    size_t checked = 0;
    for (const TableLine &line : section_->lines) {
      const std::string where = section_->table + ":" + std::to_string(line.number);
      std::string parse_error;
      auto request = sgtest::parse_request(line.request, &parse_error);
      if (!request) {
        ADD_FAILURE() << where << ": not a request (" << parse_error << "): " << line.request;
        continue;
      }
      const sgtest::Answer got = request->decide(h);
      EXPECT_EQ(got.words(), line.expected) << where << ": " << line.request;
      EXPECT_EQ(got.inconsistency(), "") << where << ": " << line.request;
      // The same request with an account of the decision asked for decides the same.
      char explain[512];
      const sgtest::Answer explained = request->decide(h, SG_REQ_EXPLAIN, explain, sizeof explain);
      EXPECT_EQ(explained.words(), got.words())
          << where << ": SG_REQ_EXPLAIN changed the decision of " << line.request;
      ++checked;
      if (got.verdict == SG_ERROR) continue;  // a bad request is decided by no config
      EXPECT_EQ(got.generation, 1u) << where << ": decided by generation " << got.generation;
      EXPECT_NE(std::string(explain), "") << where << ": no explanation for " << line.request;
    }
    RecordProperty("lines", static_cast<int>(checked));
  }

 private:
  const Section *section_;
};

}  // namespace

int main(int argc, char **argv) {
  testing::InitGoogleTest(&argc, argv);

  static std::vector<Section> sections;
  std::vector<std::string> errors;
  std::vector<fs::path> tables;
  for (const auto &entry : fs::directory_iterator(SG_GOLDEN_DIR))
    if (entry.path().extension() == ".table") tables.push_back(entry.path());
  std::sort(tables.begin(), tables.end());
  for (const auto &path : tables) {
    auto more = read_table(path, errors);
    sections.insert(sections.end(), more.begin(), more.end());
  }
  if (tables.empty()) errors.push_back(std::string("no *.table in ") + SG_GOLDEN_DIR);

  std::set<std::string> names;
  for (const Section &section : sections) {
    const std::string suite = test_name(fs::path(section.table).stem().string());
    std::string name = test_name(section.name);
    if (!names.insert(suite + "." + name).second)
      name += "_L" + std::to_string(section.lines.empty() ? 0 : section.lines.front().number);
    names.insert(suite + "." + name);
    const Section *s = &section;
    testing::RegisterTest(suite.c_str(), name.c_str(), nullptr, nullptr, __FILE__, __LINE__,
                          [s]() -> testing::Test * { return new SectionTest(s); });
  }
  if (!errors.empty()) {
    std::string all;
    for (const auto &e : errors) all += e + "\n";
    testing::RegisterTest("tables", "well_formed", nullptr, nullptr, __FILE__, __LINE__,
                          [all]() -> testing::Test * {
                            struct Fail : testing::Test {
                              std::string text;
                              explicit Fail(std::string t) : text(std::move(t)) {}
                              void TestBody() override { FAIL() << text; }
                            };
                            return new Fail(all);
                          });
  }
  return RUN_ALL_TESTS();
}
