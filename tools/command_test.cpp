// command_test.cpp - `scopegate test FILE...`: expectations checked against
// the config (like `opa test`, `zed validate`). Each failure prints
// "FILE:LINE: expected X, got Y"; then what no expectation exercised; the
// closing line is "N passed, M failed". Exit 0 all hold, 1 a failure, 2 an
// error (an unreadable file, a malformed line).
#include <cstdio>
#include <string>
#include <string_view>
#include <vector>

#include "command_context.hpp"
#include "commands.hpp"
#include "decision_format.hpp"
#include "decision_runner.hpp"
#include "expectation.hpp"
#include "json_escape.hpp"
#include "line_tokenizer.hpp"
#include "output.hpp"
#include "report_call.hpp"
#include "request_parser.hpp"
#include "test_coverage.hpp"

namespace scopegate::cli {
namespace {

class TestRunner {
 public:
  TestRunner(bool json, DecisionRunner& runner, Coverage& coverage)
      : json_(json), runner_(runner), coverage_(coverage) {}

  // false when the file could not be read.
  bool run_file(const std::string& path);
  void finish();
  bool errors() const { return errors_ != 0; }
  bool failures() const { return failed_ != 0; }

 private:
  void check_line(const std::string& path, size_t number, std::string_view line);
  void fail(const std::string& path, size_t number, const std::string& expected, const Answer& got);
  void error(const std::string& path, size_t number, const std::string& message);

  bool json_;
  DecisionRunner& runner_;
  Coverage& coverage_;
  std::string out_;  // one result at a time, written as it is formed
  std::vector<std::string_view> words_;
  Request request_;
  std::string message_;
  size_t passed_ = 0, failed_ = 0, errors_ = 0;
};

bool TestRunner::run_file(const std::string& path) {
  std::FILE* file = std::fopen(path.c_str(), "r");
  if (file == nullptr) return false;
  char* buffer = nullptr;
  size_t capacity = 0;
  size_t number = 0;
  for (ssize_t n; (n = getline(&buffer, &capacity, file)) >= 0;) check_line(path, ++number, {buffer, size_t(n)});
  std::free(buffer);
  const bool ok = std::ferror(file) == 0;
  std::fclose(file);
  return ok;
}

void TestRunner::check_line(const std::string& path, size_t number, std::string_view line) {
  if (is_blank_or_comment(line)) return;
  Expectation e;
  if (!split_words(line, words_)) return error(path, number, "too many words");
  if (!parse_expectation(words_, e, message_)) return error(path, number, message_);
  // A request the CLI rejects is answered error bad_request, as batch does.
  Answer got = bad_request_outcome();
  if (parse_request(e.request, request_, message_)) {
    request_.explain = true;  // the module's explanation names the rule that decided (coverage)
    got = runner_.decide(request_);
    coverage_.record(request_, got);
  }
  if (expectation_holds(e, got)) {
    ++passed_;
  } else {
    fail(path, number, expected_words(e), got);
  }
}

void TestRunner::fail(const std::string& path, size_t number, const std::string& expected, const Answer& got) {
  ++failed_;
  const std::string got_words = std::string(verdict_word(got.verdict)) + " " + std::string(got.reason);
  std::string& out = out_;
  if (json_) {
    out.append("{\"file\":");
    append_json_string(out, path);
    out.append(",\"line\":").append(std::to_string(number)).append(",\"expected\":");
    append_json_string(out, expected);
    out.append(",\"got\":");
    append_json_string(out, got_words);
    out.append("}\n");
  } else {
    out.append(path).append(":").append(std::to_string(number)).append(": expected ").append(expected);
    out.append(", got ").append(got_words).append("\n");
  }
  put(out_);
}

void TestRunner::error(const std::string& path, size_t number, const std::string& message) {
  ++errors_;
  std::fflush(stdout);  // failures so far before this message
  std::fprintf(stderr, "%s:%zu: error: %s\n", path.c_str(), number, message.c_str());
}

void append_list(std::string& out, const std::vector<std::string>& items, bool json) {
  for (size_t i = 0; i < items.size(); ++i) {
    if (i != 0) out.append(json ? "," : ", ");
    if (json) append_json_string(out, items[i]);
    else out.append(items[i]);
  }
  if (!json && items.empty()) out.append("none");
}

void TestRunner::finish() {
  std::string& out = out_;
  if (json_) {
    out.append("{\"passed\":").append(std::to_string(passed_)).append(",\"failed\":").append(std::to_string(failed_));
    out.append(",\"features_not_exercised\":[");
    append_list(out, coverage_.features_missed(), true);
    out.append("],\"rules_not_exercised\":[");
    append_list(out, coverage_.rules_missed(), true);
    out.append("]}\n");
  } else {
    out.append("features not exercised: ");
    append_list(out, coverage_.features_missed(), false);
    out.append("\nrules not exercised: ");
    append_list(out, coverage_.rules_missed(), false);
    out.append("\n").append(std::to_string(passed_)).append(" passed, ").append(std::to_string(failed_));
    out.append(" failed\n");
  }
  put(out_);
  std::fflush(stdout);
}

// The policy's feature ids, from the module (the report entry).
bool policy_features(CommandContext& context, std::vector<std::string>& out) {
  sg_report_req req;
  SG_INIT(req);
  req.command = SG_REPORT_FEATURES;
  ReportText report;
  if (!call_report(context, req, report)) return false;
  for (size_t start = 0, end; (end = report.text.find('\n', start)) != std::string::npos; start = end + 1)
    out.push_back(report.text.substr(start, end - start));
  return true;
}

}  // namespace

int run_test(const GlobalOptions& options) {
  if (options.command.size() < 2) return usage_error("usage: test FILE...");
  CommandContext context(options);
  std::vector<std::string> features;
  if (!context.open_config() || !policy_features(context, features)) return kExitError;
  DecisionRunner runner(context.api(), context.handle());
  Coverage coverage(std::move(features));
  TestRunner tests(options.json, runner, coverage);
  bool read_all = true;
  for (size_t i = 1; i < options.command.size(); ++i) {
    const std::string path(options.command[i]);
    if (tests.run_file(path)) continue;
    std::fprintf(stderr, "scopegate: cannot read %s\n", path.c_str());
    read_all = false;
  }
  tests.finish();
  if (!read_all || tests.errors()) return kExitError;
  return tests.failures() ? kExitChanges : kExitOk;
}

}  // namespace scopegate::cli
