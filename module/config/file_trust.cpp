#include "config/file_trust.hpp"

#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iterator>
#include <memory>

#include "config/stray_string.hpp"

namespace scopegate {

namespace {

// libconfig 1.5 nests includes at most 10 deep; deeper is its own error.
constexpr int kMaxIncludeDepth = 10;

std::string octal_mode(mode_t mode) {
  char buf[8];
  std::snprintf(buf, sizeof buf, "%04o", static_cast<unsigned>(mode & 07777));
  return buf;
}

const char *kind_of(mode_t mode) {
  if (S_ISDIR(mode)) return "a directory";
  if (S_ISFIFO(mode)) return "a FIFO";
  if (S_ISCHR(mode) || S_ISBLK(mode)) return "a device";
  if (S_ISSOCK(mode)) return "a socket";
  return "not a regular file";
}

// The name in `@include "NAME"` when line is an include line, as libconfig
// 1.5 scans it: optional blanks, @include, blanks, a quoted name in which
// \\ and \" are escapes.
bool include_name(const std::string &line, std::string &name) {
  size_t i = line.find_first_not_of(" \t");
  static constexpr std::string_view kKeyword = "@include";
  if (i == std::string::npos || line.compare(i, kKeyword.size(), kKeyword) != 0) return false;
  i += kKeyword.size();
  size_t quote = line.find_first_not_of(" \t", i);
  if (quote == i || quote == std::string::npos || line[quote] != '"') return false;
  name.clear();
  for (i = quote + 1; i < line.size(); ++i) {
    char c = line[i];
    if (c == '"') return true;
    if (c == '\\' && i + 1 < line.size() && (line[i + 1] == '\\' || line[i + 1] == '"')) c = line[++i];
    name.push_back(c);
  }
  return false;  // unterminated: libconfig reports it
}

// Calls fn(full path) for each existing file that path @includes, and for
// theirs in turn. libconfig 1.5 puts the include directory before every
// name, even an absolute one.
template <class Fn>
void for_each_include(const std::string &path, const std::string &include_dir, int depth, std::set<std::string> &seen,
                      Fn fn) {
  if (depth > kMaxIncludeDepth) return;
  std::ifstream in(path);
  std::string line, name;
  while (std::getline(in, line)) {
    if (!include_name(line, name)) continue;
    std::string full = include_dir + "/" + name;
    struct stat st;
    if (::stat(full.c_str(), &st) != 0) continue;  // not there (or commented out): libconfig decides
    if (!seen.insert(full).second) continue;
    if (fn(full, st)) for_each_include(full, include_dir, depth + 1, seen, fn);
  }
}

}  // namespace

bool FileTrust::check_readable(const std::string &path, const std::string &include_dir, Diagnostics &d) const {
  if (!check_one_readable(path, &include_dir, d)) return false;
  bool ok = true;
  std::set<std::string> seen{path};
  for_each_include(path, include_dir, 0, seen, [&](const std::string &full, const struct stat &) {
    bool readable = check_one_readable(full, nullptr, d);
    ok = ok && readable;
    return readable;
  });
  return ok;
}

bool FileTrust::check_one_readable(const std::string &path, const std::string *include_dir, Diagnostics &d) const {
  struct stat st;
  if (::stat(path.c_str(), &st) != 0) return true;  // missing or unreadable: the reader says why
  if (!S_ISREG(st.st_mode)) {
    d.error_in(path, 0, std::string("refused: ") + kind_of(st.st_mode) + ", not a regular file");
    return false;
  }
  if (static_cast<uint64_t>(st.st_size) > kMaxConfigFileBytes) {
    d.error_in(path, 0, "refused: " + std::to_string(st.st_size) + " bytes, larger than a config file may be (" +
                            std::to_string(kMaxConfigFileBytes) + ")");
    return false;
  }
  // Read in one piece of the size stat gave (a byte at a time through
  // istreambuf_iterator takes 0.3 s for a 64 MB config), then whatever the
  // file grew by since.
  std::ifstream in(path, std::ios::binary);
  std::string text(static_cast<size_t>(st.st_size), '\0');
  in.read(text.data(), static_cast<std::streamsize>(text.size()));
  text.resize(static_cast<size_t>(in.gcount()));
  if (in) text.append(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
  // libconfig 1.5's scanner calls exit() on some NUL bytes (in an @include
  // name): that would end the host. A text config never holds one.
  if (size_t nul = text.find('\0'); nul != std::string::npos) {
    auto line = static_cast<unsigned>(1 + std::count(text.begin(), text.begin() + static_cast<long>(nul), '\n'));
    d.error_in(path, line, "refused: a NUL byte (not a text file)");
    return false;
  }
  // Included files are scanned in place from the main file (on their own
  // they may start in the middle of a setting).
  if (!include_dir) return true;
  StrayString stray = find_stray_string(path, text, *include_dir);
  if (stray.too_many_includes) {
    d.error_in(path, 0, "refused: more than " + std::to_string(kMaxIncludeExpansions) +
                            " @include expansions (files including each other over and over?)");
    return false;
  }
  if (stray.line != 0) {
    d.error_in(stray.file, stray.line, "syntax error: a string where none can stand (a missing '=', ';' or ',' before it?)");
    return false;
  }
  return true;
}

bool FileTrust::check_owner_and_mode(const std::string &path, Diagnostics &d) {
  if (!checked_.insert(path).second) return true;
  struct stat st;
  if (::lstat(path.c_str(), &st) != 0) return true;  // vanished: the reader says so
  std::string what = "refused: ";
  if (S_ISLNK(st.st_mode)) {
    std::unique_ptr<char, decltype(&std::free)> real(::realpath(path.c_str(), nullptr), &std::free);
    if (!real || ::stat(real.get(), &st) != 0) {
      d.error_in(path, 0, "refused: a symlink that leads to no file");
      return false;
    }
    what += std::string("symlink to ") + real.get() + ", which is ";
  }
  uid_t me = ::geteuid();
  std::string hint = "; fix it, or set strict_permissions = false (unsafe)";
  if (st.st_uid != 0 && st.st_uid != me) {
    d.error_in(path, 0, what + "owned by uid " + std::to_string(st.st_uid) + ", not by root or the module's user (uid " +
                            std::to_string(me) + ")" + hint);
    return false;
  }
  if (st.st_mode & (S_IWGRP | S_IWOTH)) {
    const char *who = (st.st_mode & S_IWOTH) ? "others" : "group";
    d.error_in(path, 0, what + "writable by " + who + " (mode " + octal_mode(st.st_mode) + ")" + hint);
    return false;
  }
  return true;
}

void FileTrust::check_includes_of(const std::string &path, const std::string &include_dir, Diagnostics &d) {
  std::set<std::string> seen{path};
  for_each_include(path, include_dir, 0, seen, [&](const std::string &full, const struct stat &) {
    check_owner_and_mode(full, d);
    return true;
  });
}

void FileTrust::check_setting_sources(const libconfig::Setting &s, const std::string &include_dir, Diagnostics &d) {
  for (int i = 0; i < s.getLength(); ++i) {
    const libconfig::Setting &child = s[i];
    const char *file = child.getSourceFile();
    if (file && file != last_source_) {
      // Included settings name their file as written in the @include.
      std::string name = file;
      if (checked_.count(name) == 0) check_owner_and_mode(include_dir + "/" + name, d);
      last_source_ = file;
    }
    if (child.isAggregate()) check_setting_sources(child, include_dir, d);
  }
}

void FileTrust::check_config(const std::string &path, const std::string &include_dir, const libconfig::Config &cfg,
                             Diagnostics &d) {
  if (!strict_) return;
  check_owner_and_mode(path, d);
  check_includes_of(path, include_dir, d);
  last_source_ = nullptr;  // names of an earlier, freed config may share its addresses
  check_setting_sources(cfg.getRoot(), include_dir, d);
}

}  // namespace scopegate
