// Config diagnostics as SPEC 4.1 writes them: "FILE:LINE: error: MESSAGE"
// or "... warning: ...", every one naming the real file and line. Problems
// are collected, never thrown, so one pass reports them all.
#pragma once

#include "config/setting.hpp"

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

namespace scopegate {

// A file and a line in it (0: the file as a whole, shown as line 1).
struct ConfigPlace {
  std::string file;
  unsigned line = 0;
  std::string str() const;  // "FILE:LINE"
  // The line messages show: a file as a whole is reported at line 1.
  unsigned shown_line() const { return line ? line : 1; }
};

// From each line of a text handed to libconfig back to the file and line it
// was read from (@include puts several files into one text).
class LineMap {
 public:
  // Text lines from text_line on come from file's lines from file_line on.
  void add(unsigned text_line, const std::string &file, unsigned file_line);
  ConfigPlace at(unsigned text_line) const;
  // The same place as at(), as an index into files() and a line: no copy
  // of the file's name (the loader asks for every user).
  std::pair<uint32_t, unsigned> locate(unsigned text_line) const;
  const std::vector<std::string> &files() const { return files_; }

 private:
  struct Run {
    unsigned text_line, file, file_line;
  };
  std::vector<Run> runs_;
  std::vector<std::string> files_;
};

enum class Severity { error, warning };

struct ConfigMessage {
  Severity severity = Severity::error;
  std::string file;
  unsigned line = 0;    // 0: the file as a whole (shown as line 1)
  unsigned column = 0;  // 0: not known
  std::string text;
  std::string str() const;  // "FILE:LINE[:COLUMN]: error|warning: text"
};

class Diagnostics {
 public:
  explicit Diagnostics(std::string fallback_file = {}) : fallback_file_(std::move(fallback_file)) {}

  void error(Setting where, std::string text);
  void warn(Setting where, std::string text);
  void error_at(const ConfigPlace &where, std::string text, unsigned column = 0);
  void warn_at(const ConfigPlace &where, std::string text);

  // Where a setting of the config being read stands.
  ConfigPlace place(Setting where) const;
  // The line map of the config whose settings are being read (null: the
  // fallback file, line numbers as they are).
  void set_source(const LineMap *map) { map_ = map; }

  bool ok() const { return error_count_ == 0; }
  size_t error_count() const { return error_count_; }
  // Every message, in the order found.
  const std::vector<ConfigMessage> &messages() const { return messages_; }
  std::vector<ConfigMessage> errors() const { return only(Severity::error); }
  std::vector<ConfigMessage> warnings() const { return only(Severity::warning); }
  // check --strict and strict_warnings: every warning becomes an error.
  void make_warnings_errors();

 private:
  std::string fallback_file_;
  const LineMap *map_ = nullptr;
  std::vector<ConfigMessage> messages_;
  size_t error_count_ = 0;
  void add(Severity s, const ConfigPlace &where, std::string text, unsigned column);
  std::vector<ConfigMessage> only(Severity s) const;
};

}  // namespace scopegate
