// A guard for a leak in libconfig 1.5: a string token that arrives where the
// grammar cannot take one (`a = 1 "x";`, `"x"` at the top, `a = 1, "x"`) is
// dropped on the syntax error without being freed, so every failed reload of
// such a file would leak the string again, as large as the file allows.
// Such text is refused before libconfig reads it, as the syntax error it is.
#pragma once

#include <string>
#include <string_view>

namespace scopegate {

struct StrayString {
  std::string file;   // where it is (the main text or an included file)
  unsigned line = 0;  // 0: none found
  // More @include expansions than any real config has: files that include
  // each other over and over would make libconfig's reading (and this scan)
  // exponential, so such a config is refused before it is read.
  bool too_many_includes = false;
};

inline constexpr int kMaxIncludeExpansions = 256;

// The first string token that no libconfig grammar rule accepts where it
// stands (after something other than '=', ':', '[', '(', a ',' between
// values, or another string). Included files are scanned in place, as
// libconfig reads them (include_dir + "/" + name). Conservative: what it
// reports is always a syntax error for libconfig too.
StrayString find_stray_string(const std::string &path, std::string_view text, const std::string &include_dir);

}  // namespace scopegate
