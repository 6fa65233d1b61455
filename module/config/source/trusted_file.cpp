// Opening one config file: once, judged on its descriptor, read from it.
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <memory>

#include "config/source/config_source.hpp"

namespace scopegate {

namespace {

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

constexpr const char *kHint = "; fix it, or set strict_permissions = false (unsafe)";

// Why st's owner or mode lets someone else change what it holds ("" when
// it does not). what names the object ("directory /etc/scopegate is ").
std::string untrusted(const struct stat &st, const std::string &what) {
  uid_t me = ::geteuid();
  if (st.st_uid != 0 && st.st_uid != me)
    return what + "owned by uid " + std::to_string(st.st_uid) + ", not by root or the module's user (uid " +
           std::to_string(me) + ")" + kHint;
  // A sticky directory owned by root (/tmp) lets nobody replace another
  // user's file in it.
  if (S_ISDIR(st.st_mode) && (st.st_mode & S_ISVTX) && st.st_uid == 0) return {};
  if (st.st_mode & (S_IWGRP | S_IWOTH))
    return what + "writable by " + ((st.st_mode & S_IWOTH) ? "others" : "group") + " (mode " +
           octal_mode(st.st_mode) + ")" + kHint;
  return {};
}

// The real path of the file the descriptor was opened from (symlinks
// followed), for judging the directories it really lives in.
std::string real_path(const std::string &path) {
  std::unique_ptr<char, decltype(&std::free)> real(::realpath(path.c_str(), nullptr), &std::free);
  return real ? std::string(real.get()) : path;
}

// Every directory above real (a file's real path): whoever may write to
// one of them may replace the file.
void judge_directories(const std::string &path, const std::string &real, TrustFindings &trust) {
  std::string dir = real;
  while (true) {
    auto slash = dir.rfind('/');
    if (slash == std::string::npos) return;
    dir = slash == 0 ? "/" : dir.substr(0, slash);
    if (!trust.first_visit(dir)) return;  // judged with an earlier file, and so were those above it
    struct stat st;
    if (::stat(dir.c_str(), &st) == 0) {
      std::string why = untrusted(st, "refused: its directory " + dir + " is ");
      if (!why.empty()) trust.add(path, why);
    }
    if (dir == "/") return;
  }
}

void judge_file(const std::string &path, const struct stat &st, TrustFindings &trust) {
  std::string real = real_path(path);
  struct stat link;
  bool symlink = ::lstat(path.c_str(), &link) == 0 && S_ISLNK(link.st_mode);
  std::string what = symlink ? "refused: symlink to " + real + ", which is " : "refused: ";
  std::string why = untrusted(st, what);
  if (!why.empty()) trust.add(path, why);
  judge_directories(path, real, trust);
}

struct Closer {
  int fd;
  ~Closer() {
    if (fd >= 0) ::close(fd);
  }
};

bool read_all(int fd, size_t size_hint, std::string &bytes) {
  bytes.resize(size_hint + 1);
  size_t used = 0;
  while (true) {
    if (used == bytes.size()) {
      if (bytes.size() > kMaxConfigFileBytes) break;  // grew while read: the size check below says so
      bytes.resize(bytes.size() * 2);
    }
    ssize_t n = ::read(fd, bytes.data() + used, bytes.size() - used);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) return false;
    if (n == 0) break;
    used += static_cast<size_t>(n);
  }
  bytes.resize(used);
  return true;
}

// A UTF-8 byte-order mark (editors on Windows write one) is not config
// text; CRLF line ends read as LF.
void normalise(std::string &bytes) {
  if (bytes.starts_with("\xEF\xBB\xBF")) bytes.erase(0, 3);
  if (bytes.find('\r') == std::string::npos) return;
  size_t out = 0;
  for (size_t i = 0; i < bytes.size(); ++i)
    if (!(bytes[i] == '\r' && i + 1 < bytes.size() && bytes[i + 1] == '\n')) bytes[out++] = bytes[i];
  bytes.resize(out);
}

std::string too_large(uint64_t size) {
  return "refused: " + std::to_string(size) + " bytes, larger than a config file may be (" +
         std::to_string(kMaxConfigFileBytes) + ")";
}

// The file's bytes, refused when it is (or grows while read) larger than a
// config file may be. false with an error naming the path.
bool read_bounded(int fd, const struct stat &st, const std::string &path, const std::string &named, std::string &bytes,
                  Diagnostics &d) {
  auto size = static_cast<uint64_t>(st.st_size);
  if (size > kMaxConfigFileBytes) {
    d.error_at(ConfigPlace{path, 0}, too_large(size));
    return false;
  }
  if (!read_all(fd, static_cast<size_t>(size), bytes)) {
    d.error_at(ConfigPlace{path, 0}, named + std::strerror(errno));
    return false;
  }
  if (bytes.size() > kMaxConfigFileBytes) {
    d.error_at(ConfigPlace{path, 0}, too_large(bytes.size()));
    return false;
  }
  return true;
}

}  // namespace

bool read_trusted_file(const std::string &path, std::string &bytes, TrustFindings &trust, Diagnostics &d,
                       const ConfigPlace *where) {
  ConfigPlace blame = where ? *where : ConfigPlace{path, 0};
  std::string named = where ? "cannot open included file '" + path + "': " : "cannot open config: ";
  // O_NONBLOCK: opening a FIFO must not wait for a writer.
  Closer file{::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK)};
  if (file.fd < 0) {
    d.error_at(blame, named + std::strerror(errno));
    return false;
  }
  struct stat st;
  if (::fstat(file.fd, &st) != 0) {
    d.error_at(blame, named + std::strerror(errno));
    return false;
  }
  if (!S_ISREG(st.st_mode)) {
    d.error_at(ConfigPlace{path, 0}, std::string("refused: ") + kind_of(st.st_mode) + ", not a regular file");
    return false;
  }
  judge_file(path, st, trust);
  if (!read_bounded(file.fd, st, path, named, bytes, d)) return false;
  normalise(bytes);
  // libconfig 1.5's scanner calls exit() on some NUL bytes (in an @include
  // name): that would end the host. A text config never holds one.
  if (size_t nul = bytes.find('\0'); nul != std::string::npos) {
    auto line = static_cast<unsigned>(1 + std::count(bytes.begin(), bytes.begin() + static_cast<long>(nul), '\n'));
    d.error_at(ConfigPlace{path, line}, "refused: a NUL byte (not a text file)");
    return false;
  }
  return true;
}

bool TrustFindings::report(bool strict, Diagnostics &d, size_t from) const {
  if (!strict) return false;
  for (size_t i = from; i < found_.size(); ++i) d.error_at(ConfigPlace{found_[i].path, 0}, found_[i].why);
  return from < found_.size();
}

}  // namespace scopegate
