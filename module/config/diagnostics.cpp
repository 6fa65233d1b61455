#include "config/diagnostics.hpp"

#include <algorithm>

namespace scopegate {

namespace {

// Config text quoted in a message must not break the one-message-a-line
// shape (a newline in an id could forge a second message): control bytes
// are written as \xNN.
std::string escape_controls(std::string text) {
  if (std::none_of(text.begin(), text.end(), [](unsigned char c) { return c < 0x20 || c == 0x7f; })) return text;
  std::string out;
  out.reserve(text.size() + 8);
  for (unsigned char c : text) {
    if (c >= 0x20 && c != 0x7f) {
      out += static_cast<char>(c);
    } else {
      static constexpr char kHex[] = "0123456789abcdef";
      out += "\\x";
      out += kHex[c >> 4];
      out += kHex[c & 15];
    }
  }
  return out;
}

}  // namespace

std::string ConfigPlace::str() const { return file + ":" + std::to_string(shown_line()); }

void LineMap::add(unsigned text_line, const std::string &file, unsigned file_line) {
  unsigned index = 0;
  while (index < files_.size() && files_[index] != file) ++index;
  if (index == files_.size()) files_.push_back(file);
  if (!runs_.empty() && runs_.back().text_line == text_line) runs_.pop_back();  // an empty run
  runs_.push_back(Run{text_line, index, file_line});
}

std::pair<uint32_t, unsigned> LineMap::locate(unsigned text_line) const {
  auto it = std::upper_bound(runs_.begin(), runs_.end(), text_line,
                             [](unsigned line, const Run &r) { return line < r.text_line; });
  if (it == runs_.begin()) return {0, text_line};
  --it;
  return {it->file, it->file_line + (text_line - it->text_line)};
}

ConfigPlace LineMap::at(unsigned text_line) const {
  auto [file, line] = locate(text_line);
  return ConfigPlace{file < files_.size() ? files_[file] : std::string(), line};
}

// Problems with a file as a whole (missing, empty) are reported at line 1,
// so every message has the FILE:LINE: shape scripts parse.
std::string ConfigMessage::str() const {
  // Appended piece by piece: gcc 12 at -O3 warns (-Wrestrict, wrongly)
  // about "literal" + std::string temporaries.
  std::string out = file;
  out.append(":").append(std::to_string(line ? line : 1));
  if (column) out.append(":").append(std::to_string(column));
  return out.append(severity == Severity::error ? ": error: " : ": warning: ").append(text);
}

ConfigPlace Diagnostics::place(Setting where) const {
  if (map_) return map_->at(where.getSourceLine());
  return ConfigPlace{fallback_file_, where.getSourceLine()};
}

void Diagnostics::add(Severity s, const ConfigPlace &where, std::string text, unsigned column) {
  messages_.push_back(ConfigMessage{s, escape_controls(where.file), where.line, column, escape_controls(std::move(text))});
  if (s == Severity::error) ++error_count_;
}

void Diagnostics::error(Setting where, std::string text) {
  add(Severity::error, place(where), std::move(text), 0);
}
void Diagnostics::warn(Setting where, std::string text) {
  add(Severity::warning, place(where), std::move(text), 0);
}
void Diagnostics::error_at(const ConfigPlace &where, std::string text, unsigned column) {
  add(Severity::error, where, std::move(text), column);
}
void Diagnostics::warn_at(const ConfigPlace &where, std::string text) { add(Severity::warning, where, std::move(text), 0); }

void Diagnostics::make_warnings_errors() {
  for (ConfigMessage &m : messages_) {
    if (m.severity != Severity::warning) continue;
    ++error_count_;
    m.severity = Severity::error;
    m.text += " (a warning, made an error by strict warnings)";
  }
}

std::vector<ConfigMessage> Diagnostics::only(Severity s) const {
  std::vector<ConfigMessage> out;
  std::copy_if(messages_.begin(), messages_.end(), std::back_inserter(out),
               [&](const ConfigMessage &m) { return m.severity == s; });
  return out;
}

}  // namespace scopegate
