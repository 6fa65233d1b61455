// One corpus of configs with their complete expected diagnostics (SPEC 4.1),
// shared by the loader, the C ABI and the CLI:
//
//   broken/NN-name.conf   a config that must not load
//   valid/NN-name.conf    a config that loads (warnings, BOM, CRLF, ...)
//   NN-name.check         the whole output of `scopegate check` run in a copy
//                         of the folder (-c NN-name.conf): standard error,
//                         then standard output, compared exactly
//
// Each case runs in a fresh copy of its folder, where @DIR@ in a file stands
// for the copy's path (absolute includes) and stands for it again in the
// output; @MS@ stands for the load's time and @REVISION@ for the revision
// (see normalized()). A comment line `# chmod: PATH MODE` or `# mkdir: PATH` in the
// config prepares the copy (directory trust, an empty domains_dir).
//
// Every case is checked four ways: `scopegate check` prints the golden text;
// load_config (the loader itself) and sg_api.open (through
// sg_open_args.diagnostic) give the same diagnostics, open failing for a
// broken config; and a reload of a broken config over a good one fails the
// same way and keeps deciding unchanged. SG_UPDATE_GOLDEN=1 writes the
// .check files from what check prints (review them before committing).
#include "sg_test_support.hpp"

#include <gtest/gtest.h>

#include <sys/stat.h>
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

#include "config/config_loader.hpp"

namespace {

namespace fs = std::filesystem;

const fs::path kDir = SG_CONFIGS_DIR;

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

std::string replace_all(std::string text, const std::string &from, const std::string &to) {
  if (from.empty()) return text;
  for (size_t at = text.find(from); at != std::string::npos; at = text.find(from, at + to.size()))
    text.replace(at, from.size(), to);
  return text;
}

std::vector<std::string> lines_of(const std::string &text) {
  std::vector<std::string> out;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) out.push_back(line);
  return out;
}

std::string joined(const std::vector<std::string> &lines) {
  std::string out;
  for (const auto &l : lines) out += l + "\n";
  return out;
}

struct Case {
  std::string folder;  // "broken" or "valid"
  std::string name;    // NN-name.conf
  bool loads() const { return folder == "valid"; }
  fs::path golden() const { return kDir / folder / (fs::path(name).stem().string() + ".check"); }
};

std::vector<Case> all_cases() {
  std::vector<Case> out;
  for (const char *folder : {"broken", "valid"})
    for (const auto &entry : fs::directory_iterator(kDir / folder))
      if (entry.is_regular_file() && entry.path().extension() == ".conf")
        out.push_back(Case{folder, entry.path().filename().string()});
  std::sort(out.begin(), out.end(),
            [](const Case &a, const Case &b) { return a.folder + a.name < b.folder + b.name; });
  return out;
}

std::string test_name(const Case &c) {
  std::string out = c.folder + "_";
  for (char ch : fs::path(c.name).stem().string())
    out += std::isalnum(static_cast<unsigned char>(ch)) ? ch : '_';
  return out;
}

// A fresh copy of a case's folder, @DIR@ replaced, prepared as the config's
// directives say. The process works in it (paths in messages are relative
// to it) until it is removed.
class CaseTree {
 public:
  explicit CaseTree(const Case &c) {
    char tmpl[] = "/tmp/sg_configs_test.XXXXXX";
    if (const char *made = mkdtemp(tmpl)) dir_ = made;
    if (dir_.empty()) return;
    fs::copy(kDir / c.folder, dir_, fs::copy_options::recursive);
    // Modes as a careful operator sets them, whatever the checkout's umask
    // gave (002 makes files group-writable, which the trust check refuses).
    for (const auto &entry : fs::recursive_directory_iterator(dir_)) {
      if (entry.is_regular_file())
        write_text(entry.path(), replace_all(read_text(entry.path()), "@DIR@", dir_.string()));
      fs::permissions(entry.path(), entry.is_directory() ? fs::perms(0755) : fs::perms(0644));
    }
    prepare(read_text(dir_ / c.name));
    previous_ = fs::current_path();
    fs::current_path(dir_);
  }
  ~CaseTree() {
    std::error_code ec;
    if (!previous_.empty()) fs::current_path(previous_, ec);
    if (dir_.empty()) return;
    fs::permissions(dir_, fs::perms::owner_all, fs::perm_options::add, ec);
    for (const auto &entry : fs::recursive_directory_iterator(dir_, ec))
      fs::permissions(entry.path(), fs::perms::owner_all, fs::perm_options::add, ec);
    fs::remove_all(dir_, ec);
  }
  const fs::path &dir() const { return dir_; }
  std::string relative(const std::string &text) const { return replace_all(text, dir_.string(), "@DIR@"); }

 private:
  fs::path dir_, previous_;
  void prepare(const std::string &config) {
    for (const std::string &line : lines_of(config)) {
      std::istringstream words(line);
      std::string hash, directive, path, mode;
      words >> hash >> directive >> path >> mode;
      if (hash != "#" || path.empty()) continue;
      if (directive == "mkdir:") fs::create_directories(dir_ / path);
      if (directive == "chmod:" && !mode.empty())
        ::chmod((dir_ / path).c_str(), static_cast<mode_t>(std::stoul(mode, nullptr, 8)));
    }
  }
};

// The diagnostics of a golden text: its lines before what check prints on
// standard output (the files read and skipped, the counts, the verdict).
std::vector<std::string> golden_diagnostics(const Case &c) {
  std::vector<std::string> out;
  for (const std::string &line : lines_of(read_text(c.golden()))) {
    if (line.starts_with("read ") || line.starts_with("skipped ") || line.find(" domains, ") != std::string::npos)
      break;
    out.push_back(line);
  }
  return out;
}

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


// ---- scopegate check ---------------------------------------------------------

struct CliRun {
  int status = -1;
  std::string out, err;
};

CliRun run_check(const std::string &config) {
  char out_tmpl[] = "/tmp/sg_check_out.XXXXXX";
  char err_tmpl[] = "/tmp/sg_check_err.XXXXXX";
  const int out_fd = mkstemp(out_tmpl);
  const int err_fd = mkstemp(err_tmpl);
  CliRun run;
  if (out_fd < 0 || err_fd < 0) return run;
  close(out_fd);
  close(err_fd);
  const std::string command = std::string("'") + SG_TEST_CLI + "' -c '" + config + "' --module '" +
                              SG_TEST_MODULE + "' check >" + out_tmpl + " 2>" + err_tmpl;
  const int raw = std::system(command.c_str());
  run.status = WIFEXITED(raw) ? WEXITSTATUS(raw) : -1;
  run.out = read_text(out_tmpl);
  run.err = read_text(err_tmpl);
  unlink(out_tmpl);
  unlink(err_tmpl);
  return run;
}

// The load's time differs from run to run: `in @MS@ ms`. The revision is
// the same each run, but its value is the hash's (tests/unit/test_revision
// checks what it depends on), and would change every valid case's text
// with each change of the built-in policy: `revision @REVISION@`. The
// placeholders still require the form scopegate(1) documents.
std::string normalized(const std::string &text) {
  static const std::regex took(R"( in [0-9]+\.[0-9]{3} ms\n)");
  static const std::regex revision(R"((^|\n)revision [0-9a-f]{16}\n)");
  return std::regex_replace(std::regex_replace(text, took, " in @MS@ ms\n"), revision, "$1revision @REVISION@\n");
}

void check_cli(const Case &c) {
  CaseTree tree(c);
  ASSERT_FALSE(tree.dir().empty()) << "mkdtemp failed";
  const CliRun run = run_check(c.name);
  const std::string got = normalized(tree.relative(run.err + run.out));
  if (std::getenv("SG_UPDATE_GOLDEN")) write_text(c.golden(), got);
  EXPECT_EQ(run.status, c.loads() ? 0 : 1) << got;
  EXPECT_EQ(got, read_text(c.golden())) << "scopegate check -c " << c.name;
}

// ---- the loader ----------------------------------------------------------------

void check_loader(const Case &c) {
  CaseTree tree(c);
  ASSERT_FALSE(tree.dir().empty()) << "mkdtemp failed";
  scopegate::LoadResult r = scopegate::load_config(c.name);
  std::vector<std::string> got;
  for (const auto &m : r.diagnostics.messages()) got.push_back(tree.relative(m.str()));
  EXPECT_EQ(joined(got), joined(golden_diagnostics(c)));
  EXPECT_EQ(r.snapshot != nullptr, c.loads());
}

// ---- open ------------------------------------------------------------------

std::vector<std::string> delivered(sgtest::Handle &h, const CaseTree &tree) {
  std::vector<std::string> got;
  for (const auto &line : h.take_diagnostics()) got.push_back(tree.relative(line));
  return got;
}

void check_open(const Case &c) {
  ASSERT_NE(sgtest::Module::get().api(), nullptr) << sgtest::Module::get().load_error();
  CaseTree tree(c);
  ASSERT_FALSE(tree.dir().empty()) << "mkdtemp failed";
  sgtest::Handle h;
  const int32_t rc = h.open(c.name);
  const std::vector<std::string> expected = golden_diagnostics(c);
  EXPECT_EQ(joined(delivered(h, tree)), joined(expected)) << "through sg_open_args.diagnostic";
  if (c.loads()) {
    EXPECT_EQ(rc, 0) << h.error();
    return;
  }
  EXPECT_EQ(rc, -1) << c.name << " was accepted";
  EXPECT_EQ(h.get(), nullptr) << "*out must stay NULL";
  EXPECT_EQ(h.error_code(), -1) << "a config error has code -1";
  // sg_error.message starts with the first error, as check prints it.
  auto first_error = std::find_if(expected.begin(), expected.end(),
                                  [](const std::string &l) { return l.find(": error: ") != std::string::npos; });
  ASSERT_NE(first_error, expected.end());
  const std::string message = tree.relative(h.error());
  EXPECT_EQ(message.substr(0, std::min<size_t>(first_error->size(), 500)), first_error->substr(0, 500));
  // One error, one line: text from the config (a bad id) cannot forge more.
  for (const auto &line : h.log().take())
    EXPECT_EQ(std::count_if(line.text.begin(), line.text.end(),
                            [](char ch) { return static_cast<unsigned char>(ch) < 0x20; }),
              0)
        << line.text;
}

// ---- reload ----------------------------------------------------------------

void check_reload(const Case &c) {
  ASSERT_NE(sgtest::Module::get().api(), nullptr) << sgtest::Module::get().load_error();
  CaseTree tree(c);
  ASSERT_FALSE(tree.dir().empty()) << "mkdtemp failed";
  const fs::path config = tree.dir() / c.name;
  const std::string broken_text = read_text(config);
  const fs::perms mode = fs::status(config).permissions();
  fs::permissions(config, fs::perms::owner_read | fs::perms::owner_write);
  write_text(config, read_text(kDir / "good.conf"));
  sgtest::Handle h;
  ASSERT_EQ(h.open(c.name), 0) << "good.conf: " << h.error();
  h.take_diagnostics();
  expect_good_decisions(h, "before the reload");
  write_text(config, broken_text);
  fs::permissions(config, mode);
  EXPECT_EQ(h.reload(), -1) << c.name << " was accepted by reload";
  EXPECT_EQ(joined(delivered(h, tree)), joined(golden_diagnostics(c)));
  const auto info = h.info();
  ASSERT_TRUE(info);
  EXPECT_EQ(info->generation, 1u) << "a failed reload keeps the generation";
  EXPECT_EQ(info->last_reload_ok, 0);
  EXPECT_EQ(info->users, 5u);
  expect_good_decisions(h, "after the failed reload");
}

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

TEST(configs, every_case_has_its_golden_text) {
  const auto all = all_cases();
  EXPECT_GE(all.size(), 75u);
  for (const auto &c : all) EXPECT_TRUE(fs::exists(c.golden())) << c.golden();
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
  EXPECT_EQ(h.error(), path.string() + ":1: error: cannot open config: No such file or directory");
}

int main(int argc, char **argv) {
  testing::InitGoogleTest(&argc, argv);
  static const std::vector<Case> all = all_cases();
  for (const Case &c : all) {
    const Case *p = &c;
    register_test("check", test_name(c), [p] { check_cli(*p); });
    register_test("loader", test_name(c), [p] { check_loader(*p); });
    register_test("open", test_name(c), [p] { check_open(*p); });
    if (!c.loads()) register_test("reload", test_name(c), [p] { check_reload(*p); });
  }
  return RUN_ALL_TESTS();
}
