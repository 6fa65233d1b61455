#include "config/stray_string.hpp"

#include "config/file_trust.hpp"

#include <sys/stat.h>

#include <fstream>
#include <iterator>
#include <vector>

namespace scopegate {

namespace {

// What came before the current token, as far as a string cares.
enum class Before { start, opener, string, unknown, other };

constexpr int kMaxIncludeDepth = 10;          // libconfig 1.5's own limit
constexpr off_t kMaxIncludedBytes = static_cast<off_t>(kMaxConfigFileBytes);  // larger files are refused anyway

class Scanner {
 public:
  explicit Scanner(std::string include_dir) : include_dir_(std::move(include_dir)) {}

  // Scans text (named file) and, in place, the files it includes.
  bool scan(const std::string &file, std::string_view t, int depth) {
    size_t i = 0, line = 1;
    bool line_start = true;
    while (i < t.size()) {
      char c = t[i];
      if (c == '\n') {
        ++line, ++i;
        line_start = true;
      } else if (c == ' ' || c == '\t' || c == '\r' || c == '\f') {
        ++i;
      } else if (line_start && include_at(t, i)) {
        std::string name;
        if (!read_quoted(t, skip_to_quote(t, i), name, line, i)) return false;
        include(name, depth);
        if (found_.line) return true;
        line_start = false;
      } else if (c == '#' || (c == '/' && at(t, i + 1) == '/')) {
        while (i < t.size() && t[i] != '\n') ++i;
      } else if (c == '/' && at(t, i + 1) == '*') {
        for (i += 2; i < t.size() && !(t[i] == '*' && at(t, i + 1) == '/'); ++i) line += t[i] == '\n';
        i = i < t.size() ? i + 2 : i;
      } else if (c == '"') {
        bool accepted = before_ == Before::opener || before_ == Before::string || before_ == Before::unknown;
        std::string ignored;
        if (!read_quoted(t, i, ignored, line, i)) return false;  // unterminated: libconfig says so
        if (!accepted) {
          found_ = StrayString{file, static_cast<unsigned>(line)};
          return true;
        }
        before_ = Before::string;
        line_start = false;
      } else {
        before_ = punctuation(c);
        ++i;
        line_start = false;
      }
    }
    return true;
  }

  const StrayString &found() const { return found_; }

 private:
  std::string include_dir_;
  Before before_ = Before::start;
  std::vector<char> open_;  // '[', '(' (values inside) or '{' (settings inside)
  StrayString found_;
  int expansions_ = 0;

  static char at(std::string_view t, size_t i) { return i < t.size() ? t[i] : '\0'; }

  // ',' separates values inside [ ] and ( ); elsewhere it ends a setting,
  // and a setting name comes next.
  Before punctuation(char c) {
    if (c == '[' || c == '(' || c == '{') open_.push_back(c);
    if ((c == ']' || c == ')' || c == '}') && !open_.empty()) open_.pop_back();
    bool in_values = !open_.empty() && open_.back() != '{';
    if (c == '=' || c == ':' || c == '[' || c == '(' || (c == ',' && in_values)) return Before::opener;
    return Before::other;
  }

  // `@include` and blanks, then a quote: libconfig's include line.
  static bool include_at(std::string_view t, size_t i) {
    static constexpr std::string_view kKeyword = "@include";
    if (t.substr(i, kKeyword.size()) != kKeyword) return false;
    size_t j = i + kKeyword.size();
    size_t first = j;
    while (j < t.size() && (t[j] == ' ' || t[j] == '\t')) ++j;
    return j > first && at(t, j) == '"';
  }
  static size_t skip_to_quote(std::string_view t, size_t i) { return t.find('"', i); }

  // A quoted text from the quote at t[from]; \" and \\ are escapes. Sets
  // next past the closing quote; false when unterminated.
  static bool read_quoted(std::string_view t, size_t from, std::string &out, size_t &line, size_t &next) {
    for (size_t i = from + 1; i < t.size(); ++i) {
      char c = t[i];
      if (c == '"') {
        next = i + 1;
        return true;
      }
      if (c == '\\' && (at(t, i + 1) == '"' || at(t, i + 1) == '\\')) c = t[++i];
      line += c == '\n';
      out.push_back(c);
    }
    return false;
  }

  // The included file's tokens come next, as libconfig reads them; one that
  // cannot be read leaves what comes after it unknown.
  void include(const std::string &name, int depth) {
    if (++expansions_ > kMaxIncludeExpansions) {
      found_.too_many_includes = true;
      before_ = Before::unknown;
      return;
    }
    std::string full = include_dir_ + "/" + name;
    struct stat st;
    if (depth >= kMaxIncludeDepth || ::stat(full.c_str(), &st) != 0 || !S_ISREG(st.st_mode) ||
        st.st_size > kMaxIncludedBytes) {
      before_ = Before::unknown;
      return;
    }
    std::ifstream in(full, std::ios::binary);
    std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    if (!scan(full, text, depth + 1)) before_ = Before::unknown;
  }
};

}  // namespace

StrayString find_stray_string(const std::string &path, std::string_view text, const std::string &include_dir) {
  Scanner scanner(include_dir);
  scanner.scan(path, text, 0);
  return scanner.found();
}

}  // namespace scopegate
