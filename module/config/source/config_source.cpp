// The main file and its includes as one text, in one pass over the bytes:
// @include lines are replaced by the files they name, and the libconfig 1.5
// workarounds run on the same tokens (see stray strings below).
#include "config/source/config_source.hpp"

#include <algorithm>
#include <array>
#include <deque>

namespace scopegate {

namespace {

// What came before the current token, as far as a string cares.
enum class Before { start, opener, string, other };

char at(std::string_view t, size_t i) { return i < t.size() ? t[i] : '\0'; }

// Bytes of names, numbers and words: nothing a string or bracket cares
// about. A table: the scan asks for every byte of a 65 MB config.
constexpr std::array<bool, 256> kWordBytes = [] {
  std::array<bool, 256> t{};
  for (int c = 0; c < 256; ++c)
    t[static_cast<size_t>(c)] = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                                c == '_' || c == '.' || c == '-' || c == '+' || c == '*';
  return t;
}();

inline bool word_char(char c) { return kWordBytes[static_cast<unsigned char>(c)]; }

// The 1-based column of t[i] (a tab counts as one), for an error there.
unsigned column_at(std::string_view t, size_t i) {
  size_t newline = i == 0 ? std::string_view::npos : t.rfind('\n', i - 1);
  return static_cast<unsigned>(i - (newline == std::string_view::npos ? 0 : newline + 1) + 1);
}

// `@include` and blanks, then a quote: an include line.
bool include_at(std::string_view t, size_t i) {
  static constexpr std::string_view kKeyword = "@include";
  if (t.substr(i, kKeyword.size()) != kKeyword) return false;
  size_t j = i + kKeyword.size();
  size_t first = j;
  while (j < t.size() && (t[j] == ' ' || t[j] == '\t')) ++j;
  return j > first && at(t, j) == '"';
}

// A quoted text from the quote at t[from]; \" and \\ are escapes. Sets
// next past the closing quote; false when unterminated.
bool read_quoted(std::string_view t, size_t from, std::string &out, size_t &line, size_t &next) {
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

// As read_quoted, without keeping the text: a config has millions of strings.
bool skip_quoted(std::string_view t, size_t from, size_t &line, size_t &next) {
  for (size_t i = from + 1; i < t.size(); ++i) {
    char c = t[i];
    if (c == '"') {
      next = i + 1;
      return true;
    }
    if (c == '\\' && (at(t, i + 1) == '"' || at(t, i + 1) == '\\')) ++i;
    line += c == '\n';
  }
  return false;
}

}  // namespace

// Walks the tokens of a file, copying its text to the source and each
// included file's text in place of its @include line.
//
// Stray strings: libconfig 1.5 drops a string token that arrives where the
// grammar cannot take one (`a = 1 "x";`, `"x"` at the top, `a = 1, "x"`)
// without freeing it, so every failed reload of such a file would leak the
// string again. Such text is refused here, as the syntax error it is.
// Brackets: one that is never closed, or closed by the wrong kind, is
// reported at the bracket, where libconfig would say only "syntax error"
// at the end of the file.
class IncludeExpander {
 public:
  // main: the main file's bytes, which become the text when it includes
  // nothing.
  IncludeExpander(ConfigSource &src, Diagnostics &d, std::string *main) : src_(src), d_(d), owned_(main) {}

  bool expand(const std::string &file, std::string_view t, int depth) {
    size_t i = 0, line = 1, copied = 0, line_begin = 0;
    unsigned first_line = 1;
    bool line_start = true;
    src_.map_.add(out_line_, file, 1);
    while (i < t.size()) {
      char c = t[i];
      if (c == '\n') {
        ++line, ++i;
        line_start = true;
        line_begin = i;
      } else if (c == ' ' || c == '\t' || c == '\f' || c == '\r') {
        ++i;
      } else if (line_start && include_at(t, i)) {
        std::string name;
        size_t directive_line = line;
        if (!read_quoted(t, t.find('"', i), name, line, i)) return true;  // unterminated: libconfig says so
        if (!only_comment_after(t, i, ConfigPlace{file, static_cast<unsigned>(directive_line)})) return false;
        i = t.find('\n', i);
        i = i == std::string_view::npos ? t.size() : i + 1;
        append(t.substr(copied, line_begin - copied));
        if (!include(name, ConfigPlace{file, static_cast<unsigned>(directive_line)}, depth)) return false;
        copied = line_begin = i;
        ++line;
        first_line = static_cast<unsigned>(line);
        src_.map_.add(out_line_, file, first_line);
      } else if (c == '#' || (c == '/' && at(t, i + 1) == '/')) {
        while (i < t.size() && t[i] != '\n') ++i;
      } else if (c == '/' && at(t, i + 1) == '*') {
        for (i += 2; i < t.size() && !(t[i] == '*' && at(t, i + 1) == '/'); ++i) line += t[i] == '\n';
        i = i < t.size() ? i + 2 : i;
        line_start = false;
      } else if (c == '"') {
        if (!string_token(file, t, i, line)) return false;
        line_start = false;
      } else if (word_char(c)) {
        // A name, number or word: nothing a string or bracket cares about.
        while (i < t.size() && word_char(t[i])) ++i;
        before_ = Before::other;
        line_start = false;
      } else {
        if (!punctuation(c, file, static_cast<unsigned>(line), t, i)) return false;
        ++i;
        line_start = false;
      }
    }
    if (copied == 0 && depth == 0 && owned_ != nullptr) {
      // No include: the bytes read are the text (no copy of a 65 MB file).
      src_.text_ = std::move(*owned_);
      out_line_ += static_cast<unsigned>(line - 1);
    } else {
      append(t.substr(copied));
    }
    if (!src_.text_.empty() && src_.text_.back() != '\n') append("\n");
    return true;
  }

  // After the main file: an opener never closed.
  bool finish() {
    if (open_.empty()) return true;
    const Opener &o = open_.back();
    d_.error_at(o.where(), std::string("syntax error: '") + o.bracket + "' is never closed: a '" + closer_of(o.bracket) +
                             "' is missing after it");
    return false;
  }

 private:
  // An opening bracket: its file is one of the names expand() was given,
  // alive while the bracket is open (a copy of the name per bracket would
  // cost an allocation per user).
  struct Opener {
    char bracket;
    const std::string *file;
    unsigned line;
    ConfigPlace where() const { return ConfigPlace{*file, line}; }
  };
  ConfigSource &src_;
  Diagnostics &d_;
  std::string *owned_;
  unsigned out_line_ = 1;
  Before before_ = Before::start;
  std::vector<Opener> open_;  // '[', '(' (values inside) or '{' (settings inside)
  std::deque<std::string> names_;  // included files' names, as long as an Opener may point at one

  // The include line is replaced by the file: nothing else may stand on it.
  bool only_comment_after(std::string_view t, size_t i, const ConfigPlace &where) {
    while (i < t.size() && (t[i] == ' ' || t[i] == '\t')) ++i;
    if (i >= t.size() || t[i] == '\n' || t[i] == '#' || (t[i] == '/' && at(t, i + 1) == '/')) return true;
    d_.error_at(where, "syntax error: expected the end of the line after @include \"...\" (put each setting on its own line)");
    return false;
  }

  static char closer_of(char opener) { return opener == '[' ? ']' : opener == '(' ? ')' : '}'; }

  void append(std::string_view part) {
    src_.text_.append(part);
    out_line_ += static_cast<unsigned>(std::count(part.begin(), part.end(), '\n'));
  }

  bool string_token(const std::string &file, std::string_view t, size_t &i, size_t &line) {
    bool accepted = before_ == Before::opener || before_ == Before::string;
    size_t at_line = line, at = i;
    if (!skip_quoted(t, i, line, i)) {
      i = t.size();  // unterminated: libconfig says so
      return true;
    }
    if (!accepted) {
      d_.error_at(ConfigPlace{file, static_cast<unsigned>(at_line)},
                  "syntax error: a string where none can stand (a missing '=', ';' or ',' before it?)",
                  column_at(t, at));
      return false;
    }
    before_ = Before::string;
    return true;
  }

  // ',' separates values inside [ ] and ( ); elsewhere it ends a setting,
  // and a setting name comes next.
  bool punctuation(char c, const std::string &file, unsigned line, std::string_view t, size_t i) {
    if (c == '[' || c == '(' || c == '{') open_.push_back(Opener{c, &file, line});
    if (c == ']' || c == ')' || c == '}') {
      ConfigPlace where{file, line};
      if (open_.empty()) {
        d_.error_at(where, std::string("syntax error: '") + c + "' closes nothing (one too many?)", column_at(t, i));
        return false;
      }
      if (closer_of(open_.back().bracket) != c) {
        d_.error_at(where, std::string("syntax error: expected '") + closer_of(open_.back().bracket) + "' to close the '" +
                               open_.back().bracket + "' at " + open_.back().where().str() + ", not '" + c + "'",
                    column_at(t, i));
        return false;
      }
      open_.pop_back();
    }
    bool in_values = !open_.empty() && open_.back().bracket != '{';
    before_ = (c == '=' || c == ':' || c == '[' || c == '(' || (c == ',' && in_values)) ? Before::opener : Before::other;
    return true;
  }

  // An absolute name as it is; a relative one from the main file's directory.
  bool include(const std::string &name, const ConfigPlace &where, int depth) {
    if (depth + 1 > kMaxIncludeDepth) {
      d_.error_at(where, "@include nested more than " + std::to_string(kMaxIncludeDepth) +
                             " deep (files including each other?)");
      return false;
    }
    if (++src_.expansions_ > kMaxIncludeExpansions) {
      d_.error_at(where, "more than " + std::to_string(kMaxIncludeExpansions) +
                             " @include expansions (files including each other over and over?)");
      return false;
    }
    bool relative = name.empty() || name[0] != '/';
    std::string full = !relative ? name : src_.include_dir_ == "." ? name : src_.include_dir_ + "/" + name;
    std::string bytes;
    if (!read_trusted_file(full, bytes, src_.trust_, d_, &where)) return false;
    return expand(names_.emplace_back(std::move(full)), bytes, depth + 1);
  }
};

bool ConfigSource::read(const std::string &path, Diagnostics &d) {
  std::string bytes;
  if (!read_trusted_file(path, bytes, trust_, d, nullptr)) return false;
  IncludeExpander expander(*this, d, &bytes);
  return expander.expand(path, bytes, 0) && expander.finish();
}

}  // namespace scopegate
