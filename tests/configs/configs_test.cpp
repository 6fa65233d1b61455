// Broken configs never take effect (SPEC section 4): every file in broken/
// is rejected by open, by reload over a good config (which keeps deciding,
// unchanged), and by `scopegate check`, each time naming the file and line.
//
// Each broken/NN-name.conf says where its error is on a comment line
//   # expect: [FILE:]LINE: substring
// FILE is relative to broken/ (default: the config itself), LINE a number or
// '*' (any line), substring a word the message must contain (any case). A
// file that cannot hold a comment (zero bytes) has its line in NN-name.expect.
#include "sg_test_support.hpp"

#include <gtest/gtest.h>

#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>
#include <string>
#include <vector>

namespace {

namespace fs = std::filesystem;

const fs::path kDir = SG_CONFIGS_DIR;
const fs::path kBroken = kDir / "broken";

struct Expectation {
  std::string file;  // relative to broken/; empty: the config itself
  std::string line;  // digits or "*"
  std::string substring;
};

std::string read_text(const fs::path &path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

void write_text(const fs::path &path, const std::string &text) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out << text;
}

std::string lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return s;
}

bool contains_nocase(const std::string &haystack, const std::string &needle) {
  return lower(haystack).find(lower(needle)) != std::string::npos;
}

bool has_control_character(const std::string &s) {
  return std::any_of(s.begin(), s.end(), [](char c) {
    const auto u = static_cast<unsigned char>(c);
    return u < 0x20 || u == 0x7f;
  });
}

bool parse_expectation(const std::string &text, Expectation *e) {
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) {
    const std::string tag = "# expect: ";
    if (line.rfind(tag, 0) != 0) continue;
    std::string rest = line.substr(tag.size());
    // [FILE:]LINE: substring
    const auto last = rest.find(": ");
    if (last == std::string::npos) return false;
    std::string place = rest.substr(0, last);
    e->substring = rest.substr(last + 2);
    const auto colon = place.rfind(':');
    if (colon != std::string::npos) {
      e->file = place.substr(0, colon);
      place = place.substr(colon + 1);
    }
    e->line = place;
    return !e->line.empty() && !e->substring.empty();
  }
  return false;
}

// The location an error must name, for a config copied to dir.
// Returns a regular expression matching "FILE:LINE:".
std::string location_pattern(const Expectation &e, const fs::path &config, const fs::path &dir) {
  auto quote = [](const std::string &s) {
    static const std::regex special(R"([.^$|()\[\]{}*+?\\])");
    return std::regex_replace(s, special, R"(\$&)");
  };
  // a file named relative to broken/ may be spelled through any directory
  // prefix ("dir/inc/x.conf" or "dir/./inc/x.conf"), so match its tail
  const std::string file = e.file.empty() ? quote(config.string()) : quote(e.file);
  (void)dir;
  const std::string line = e.line == "*" ? "[0-9]+" : quote(e.line);
  return file + ":" + line + ":";
}

bool has_location(const std::string &text, const std::string &pattern) {
  return std::regex_search(text, std::regex(pattern));
}

struct BrokenCase {
  std::string name;  // file name
  fs::path path;     // in the source tree
  Expectation expect;
  std::string problem;  // why the case itself is malformed
};

std::vector<BrokenCase> broken_cases() {
  std::vector<BrokenCase> cases;
  for (const auto &entry : fs::directory_iterator(kBroken)) {
    if (!entry.is_regular_file() || entry.path().extension() != ".conf") continue;
    BrokenCase c;
    c.name = entry.path().filename().string();
    c.path = entry.path();
    std::string text = read_text(c.path);
    if (text.empty()) {
      fs::path side = c.path;
      side.replace_extension(".expect");
      text = read_text(side);
    }
    if (!parse_expectation(text, &c.expect)) c.problem = "no '# expect: [FILE:]LINE: substring'";
    cases.push_back(c);
  }
  std::sort(cases.begin(), cases.end(),
            [](const BrokenCase &a, const BrokenCase &b) { return a.name < b.name; });
  return cases;
}

std::string test_name(const std::string &file) {
  std::string out = "broken_";
  for (char c : fs::path(file).stem().string())
    out += std::isalnum(static_cast<unsigned char>(c)) ? c : '_';
  return out;
}

// A fresh copy of broken/ in a temporary directory, removed afterwards.
class TempTree {
 public:
  TempTree() {
    char tmpl[] = "/tmp/sg_configs_test.XXXXXX";
    const char *made = mkdtemp(tmpl);
    if (made) {
      dir_ = made;
      fs::copy(kBroken, dir_, fs::copy_options::recursive);
    }
  }
  ~TempTree() {
    std::error_code ec;
    if (!dir_.empty()) fs::remove_all(dir_, ec);
  }
  const fs::path &dir() const { return dir_; }

 private:
  fs::path dir_;
};

// The decisions the good config gives; they must not change after a failed reload.
struct Probe {
  const char *request;
  const char *expected;
};
const Probe kProbes[] = {
    {"login 101@acme.example portal", "allow ok"},
    {"login 999@acme.example portal", "deny unknown_user"},
    {"feature 101@acme.example users.view user:102", "deny out_of_reach"},
    {"feature 100@acme.example users.edit user:102", "allow ok"},
    {"dial 150@acme.example *33160", "allow ok"},
    {"dial 101@acme.example *33160", "deny scope_lacks_feature"},
};

void expect_good_decisions(sgtest::Handle &h, const std::string &when) {
  for (const Probe &p : kProbes) {
    std::string error;
    auto request = sgtest::parse_request(p.request, &error);
    ASSERT_TRUE(request) << error;
    const auto got = request->decide(h.get());
    EXPECT_EQ(got.words(), p.expected) << when << ": " << p.request;
    EXPECT_EQ(got.generation, 1u) << when << ": " << p.request;
  }
}

std::string error_lines(const std::vector<sgtest::LogLine> &lines) {
  std::string out;
  for (const auto &l : lines)
    if (l.level == SG_LOG_ERROR) out += l.text + "\n";
  return out;
}

// ---- open ------------------------------------------------------------------

void check_open(const BrokenCase &c) {
  ASSERT_EQ(c.problem, "") << c.name;
  ASSERT_NE(sgtest::Module::get().api(), nullptr) << sgtest::Module::get().load_error();
  const std::string pattern = location_pattern(c.expect, c.path, kBroken);
  sgtest::Handle h;
  const int32_t rc = h.open(c.path.string());
  EXPECT_EQ(rc, -1) << c.name << " was accepted";
  EXPECT_EQ(h.get(), nullptr) << "*out must stay NULL";
  EXPECT_EQ(h.error_code(), -1) << "a config error has code -1";
  EXPECT_TRUE(has_location(h.error(), pattern))
      << "error must name " << pattern << "\n  got: " << h.error();
  EXPECT_TRUE(contains_nocase(h.error(), c.expect.substring))
      << "error must mention '" << c.expect.substring << "'\n  got: " << h.error();
  const auto lines = h.log().take();
  const std::string logged = error_lines(lines);
  EXPECT_TRUE(has_location(logged, pattern))
      << "the error is logged at SG_LOG_ERROR as " << pattern << "\n  logged:\n" << logged;
  // One error, one line: text from the config (a bad id) cannot forge more.
  for (const auto &line : lines)
    EXPECT_FALSE(has_control_character(line.text)) << "a log line holds a control character: '"
                                                    << line.text << "'";
}

// ---- reload ----------------------------------------------------------------

void check_reload(const BrokenCase &c) {
  ASSERT_EQ(c.problem, "") << c.name;
  ASSERT_NE(sgtest::Module::get().api(), nullptr) << sgtest::Module::get().load_error();
  TempTree tree;
  ASSERT_FALSE(tree.dir().empty()) << "mkdtemp failed";
  const fs::path config = tree.dir() / c.name;
  const std::string broken_text = read_text(config);
  write_text(config, read_text(kDir / "good.conf"));

  sgtest::Handle h;
  ASSERT_EQ(h.open(config.string()), 0) << "good.conf: " << h.error();
  expect_good_decisions(h, "before the reload");

  write_text(config, broken_text);
  const std::string pattern = location_pattern(c.expect, config, tree.dir());
  EXPECT_EQ(h.reload(), -1) << c.name << " was accepted by reload";
  EXPECT_TRUE(has_location(h.error(), pattern))
      << "reload error must name " << pattern << "\n  got: " << h.error();
  EXPECT_TRUE(contains_nocase(h.error(), c.expect.substring))
      << "error must mention '" << c.expect.substring << "'\n  got: " << h.error();
  const auto info = h.info();
  ASSERT_TRUE(info);
  EXPECT_EQ(info->generation, 1u) << "a failed reload keeps the generation";
  EXPECT_EQ(info->last_reload_ok, 0);
  EXPECT_TRUE(has_location(info->last_reload_message, pattern))
      << "info says why: " << info->last_reload_message;
  EXPECT_EQ(info->domains, 1u);
  EXPECT_EQ(info->users, 5u);
  EXPECT_EQ(info->queues, 1u);
  expect_good_decisions(h, "after the failed reload");
}

// ---- scopegate check ---------------------------------------------------------

#ifdef SG_TEST_CLI
struct CliRun {
  int status = -1;
  std::string out, err;
};

CliRun run_check(const fs::path &config) {
  char out_tmpl[] = "/tmp/sg_check_out.XXXXXX";
  char err_tmpl[] = "/tmp/sg_check_err.XXXXXX";
  const int out_fd = mkstemp(out_tmpl);
  const int err_fd = mkstemp(err_tmpl);
  CliRun run;
  if (out_fd < 0 || err_fd < 0) return run;
  close(out_fd);
  close(err_fd);
  const std::string command = std::string("'") + SG_TEST_CLI + "' -c '" + config.string() +
                              "' --module '" + SG_TEST_MODULE + "' check >" + out_tmpl + " 2>" +
                              err_tmpl;
  const int raw = std::system(command.c_str());
  run.status = WIFEXITED(raw) ? WEXITSTATUS(raw) : -1;
  run.out = read_text(out_tmpl);
  run.err = read_text(err_tmpl);
  unlink(out_tmpl);
  unlink(err_tmpl);
  return run;
}

void check_cli(const BrokenCase &c) {
  ASSERT_EQ(c.problem, "") << c.name;
  const std::string pattern = location_pattern(c.expect, c.path, kBroken);
  const CliRun run = run_check(c.path);
  EXPECT_EQ(run.status, 1) << "scopegate check exit status\n  stderr: " << run.err;
  EXPECT_TRUE(has_location(run.err, pattern))
      << "stderr must name " << pattern << "\n  stderr: " << run.err;
}
#endif

// ---- registration ------------------------------------------------------------

template <typename F>
void register_test(const std::string &suite, const std::string &name, F body) {
  struct Body : testing::Test {
    F f;
    explicit Body(F fn) : f(std::move(fn)) {}
    void TestBody() override { f(); }
  };
  testing::RegisterTest(suite.c_str(), name.c_str(), nullptr, nullptr, __FILE__, __LINE__,
                        [body]() -> testing::Test * { return new Body(body); });
}

}  // namespace

// ---- fixed cases ---------------------------------------------------------------

TEST(configs, at_least_twenty_broken_configs) {
  const auto cases = broken_cases();
  EXPECT_GE(cases.size(), 20u);
  for (const auto &c : cases) EXPECT_EQ(c.problem, "") << c.name;
}

TEST(configs, good_config_opens) {
  sgtest::Handle h;
  ASSERT_EQ(h.open((kDir / "good.conf").string()), 0) << h.error();
  expect_good_decisions(h, "good.conf");
}

TEST(open, missing_file) {
  const fs::path path = kDir / "no-such-dir" / "scopegate.conf";
  sgtest::Handle h;
  EXPECT_EQ(h.open(path.string()), -1);
  EXPECT_EQ(h.get(), nullptr);
  EXPECT_TRUE(has_location(h.error(), location_pattern({"", "*", ""}, path, kDir)))
      << "error must name the file as FILE:LINE:\n  got: " << h.error();
}

TEST(reload, missing_file) {
  TempTree tree;
  const fs::path config = tree.dir() / "scopegate.conf";
  write_text(config, read_text(kDir / "good.conf"));
  sgtest::Handle h;
  ASSERT_EQ(h.open(config.string()), 0) << h.error();
  fs::remove(config);
  EXPECT_EQ(h.reload(), -1);
  EXPECT_TRUE(has_location(h.error(), location_pattern({"", "*", ""}, config, tree.dir())))
      << "error must name the file as FILE:LINE:\n  got: " << h.error();
  const auto info = h.info();
  ASSERT_TRUE(info);
  EXPECT_EQ(info->generation, 1u);
  EXPECT_EQ(info->last_reload_ok, 0);
  expect_good_decisions(h, "after reloading a missing file");
}

// A config with several errors reports every one: each on its own log line at
// SG_LOG_ERROR (sg_error.message may be cut), and all on check's stderr.
TEST(several_errors, every_error_is_reported) {
  const fs::path path = kDir / "several-errors.conf";
  const std::vector<std::string> lines = {"3", "8", "9", "12"};
  sgtest::Handle h;
  EXPECT_EQ(h.open(path.string()), -1);
  const std::string logged = error_lines(h.log().take());
  for (const auto &line : lines) {
    const std::string pattern = location_pattern({"", line, ""}, path, kDir);
    EXPECT_TRUE(has_location(logged, pattern)) << pattern << " not logged:\n" << logged;
  }
  EXPECT_TRUE(has_location(h.error(), location_pattern({"", "3", ""}, path, kDir)))
      << "sg_error names the first error: " << h.error();
  EXPECT_NE(h.error().find('\n'), std::string::npos)
      << "several errors are separated by newlines in sg_error: " << h.error();
}

TEST(several_errors, reload_reports_every_error) {
  TempTree tree;
  const fs::path config = tree.dir() / "several.conf";
  write_text(config, read_text(kDir / "good.conf"));
  sgtest::Handle h;
  ASSERT_EQ(h.open(config.string()), 0) << h.error();
  h.log().take();
  write_text(config, read_text(kDir / "several-errors.conf"));
  EXPECT_EQ(h.reload(), -1);
  const std::string logged = error_lines(h.log().take());
  for (const std::string line : {"3", "8", "9", "12"}) {
    const std::string pattern = location_pattern({"", line, ""}, config, tree.dir());
    EXPECT_TRUE(has_location(logged, pattern)) << pattern << " not logged:\n" << logged;
  }
  expect_good_decisions(h, "after the failed reload");
}

#ifdef SG_TEST_CLI
TEST(check, several_errors) {
  const fs::path path = kDir / "several-errors.conf";
  const CliRun run = run_check(path);
  EXPECT_EQ(run.status, 1) << run.err;
  for (const std::string line : {"3", "8", "9", "12"}) {
    const std::string pattern = location_pattern({"", line, ""}, path, kDir);
    EXPECT_TRUE(has_location(run.err, pattern)) << pattern << " not on stderr:\n" << run.err;
  }
}

TEST(check, good_config) {
  const CliRun run = run_check(kDir / "good.conf");
  EXPECT_EQ(run.status, 0) << run.err;
}

TEST(check, missing_file) {
  const fs::path path = kDir / "no-such-dir" / "scopegate.conf";
  const CliRun run = run_check(path);
  EXPECT_EQ(run.status, 1) << run.err;
  EXPECT_TRUE(has_location(run.err, location_pattern({"", "*", ""}, path, kDir)))
      << "stderr must name the file as FILE:LINE:\n  stderr: " << run.err;
}
#endif

int main(int argc, char **argv) {
  testing::InitGoogleTest(&argc, argv);
  static const std::vector<BrokenCase> cases = broken_cases();
  for (const BrokenCase &c : cases) {
    const BrokenCase *p = &c;
    register_test("open", test_name(c.name), [p] { check_open(*p); });
    register_test("reload", test_name(c.name), [p] { check_reload(*p); });
#ifdef SG_TEST_CLI
    register_test("check", test_name(c.name), [p] { check_cli(*p); });
#endif
  }
  return RUN_ALL_TESTS();
}
