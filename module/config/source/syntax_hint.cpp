#include "config/source/syntax_hint.hpp"

#include <cctype>
#include <vector>

namespace scopegate {

namespace {

// A line without its comment and surrounding blanks.
std::string_view significant(std::string_view line) {
  bool quoted = false;
  for (size_t i = 0; i < line.size(); ++i) {
    char c = line[i];
    if (c == '"' && (i == 0 || line[i - 1] != '\\')) quoted = !quoted;
    if (!quoted && (c == '#' || (c == '/' && i + 1 < line.size() && (line[i + 1] == '/' || line[i + 1] == '*')))) {
      line = line.substr(0, i);
      break;
    }
  }
  size_t b = line.find_first_not_of(" \t\r\f");
  if (b == std::string_view::npos) return {};
  size_t e = line.find_last_not_of(" \t\r\f");
  return line.substr(b, e - b + 1);
}

std::vector<std::string_view> lines_of(std::string_view text, unsigned upto) {
  std::vector<std::string_view> out;
  size_t at = 0;
  while (out.size() < upto && at <= text.size()) {
    size_t nl = text.find('\n', at);
    if (nl == std::string_view::npos) nl = text.size();
    out.push_back(text.substr(at, nl - at));
    at = nl + 1;
  }
  return out;
}

bool name_char(char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '-' || c == '*'; }

// The last `NAME =` or `NAME :` in line (the setting it holds), or "".
std::string last_setting_name(std::string_view line) {
  std::string found;
  for (size_t i = 0; i < line.size(); ++i) {
    if (line[i] != '=' && line[i] != ':') continue;
    size_t e = i;
    while (e > 0 && (line[e - 1] == ' ' || line[e - 1] == '\t')) --e;
    size_t b = e;
    while (b > 0 && name_char(line[b - 1])) --b;
    if (b < e) found = std::string(line.substr(b, e - b));
  }
  return found;
}

// `NAME = [` followed by a group or list: libconfig's arrays hold scalars.
SyntaxHint array_of_groups(const std::vector<std::string_view> &lines, unsigned error_line) {
  for (unsigned l = error_line; l >= 1 && l + 3 > error_line; --l) {
    std::string_view s = significant(lines[l - 1]);
    size_t bracket = s.rfind('[');
    if (bracket == std::string_view::npos) continue;
    std::string name = last_setting_name(s.substr(0, bracket));
    std::string_view after = significant(s.substr(bracket + 1));
    bool group_next = after.empty() ? l < lines.size() && significant(lines[l]).starts_with("{") : after[0] == '{' || after[0] == '(';
    if (!name.empty() && group_next)
      return SyntaxHint{l, "'" + name + "' must be a list ( ... ), not an array [ ... ]: an array holds only plain values"};
  }
  return {};
}

}  // namespace

SyntaxHint explain_syntax_error(std::string_view text, unsigned error_line, std::string_view reason) {
  std::vector<std::string_view> lines = lines_of(text, error_line);
  if (error_line == 0 || lines.size() < error_line) return SyntaxHint{error_line, "syntax error: " + std::string(reason)};
  if (SyntaxHint h = array_of_groups(lines, error_line); h.line) return h;
  std::string_view here = significant(lines[error_line - 1]);
  // The significant line before: a setting there without ';' or ','.
  unsigned prev = error_line - 1;
  while (prev >= 1 && significant(lines[prev - 1]).empty()) --prev;
  if (prev >= 1) {
    std::string_view before = significant(lines[prev - 1]);
    char last = before.back();
    std::string name = last_setting_name(before);
    bool open_end = last == ';' || last == ',' || last == '{' || last == '(' || last == '[' || last == '=' || last == ':';
    bool starts_setting = !here.empty() && (name_char(here[0]) || here[0] == '}' || here[0] == '{');
    bool group_after_group = (last == '}' || last == ')') && !here.empty() && (here[0] == '{' || here[0] == '(');
    if (group_after_group)
      return SyntaxHint{prev, "expected ',' between two elements of a list (after this one)"};
    if (!open_end && starts_setting && !name.empty())
      return SyntaxHint{prev, "expected ';' or ',' after the setting '" + name + "'"};
  }
  std::string_view token = here.substr(0, std::min<size_t>(here.size(), 40));
  size_t empty_value = std::min(here.find("= ;"), here.find("=;"));
  if (empty_value != std::string_view::npos) {
    std::string name = last_setting_name(here.substr(0, empty_value + 1));
    if (!name.empty()) return SyntaxHint{error_line, "expected a value after '" + name + " ='"};
  }
  return SyntaxHint{error_line, "syntax error near '" + std::string(token) + "': " + std::string(reason)};
}

}  // namespace scopegate
