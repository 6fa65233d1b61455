// run_as_user.cpp - dropping root for `check --user NAME`.
#include "run_as_user.hpp"

#include <grp.h>
#include <pwd.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace scopegate::cli {

namespace {

bool fail(std::string& error, const std::string& what) {
  error = what + ": " + std::strerror(errno);
  return false;
}

}  // namespace

bool become_user(const std::string& name, std::string& error) {
  errno = 0;
  const passwd* pw = ::getpwnam(name.c_str());
  if (pw == nullptr) {
    error = "unknown user '" + name + "'";
    return false;
  }
  const uid_t uid = pw->pw_uid;
  const gid_t gid = pw->pw_gid;
  if (::geteuid() != 0) {
    if (uid == ::geteuid()) return true;
    error = "check --user " + name + " needs root (or to be run as " + name + ")";
    return false;
  }
  // Groups first, then the group, then the user: after setuid() the
  // process may no longer change the others.
  if (::initgroups(name.c_str(), gid) != 0) return fail(error, "initgroups(" + name + ")");
  if (::setgid(gid) != 0) return fail(error, "setgid");
  if (::setuid(uid) != 0) return fail(error, "setuid");
  if (uid != 0 && ::setuid(0) == 0) {
    error = "could not drop root privileges";
    return false;
  }
  return true;
}

}  // namespace scopegate::cli
