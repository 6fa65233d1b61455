// libconfig 1.5 says only "syntax error" and a line. The text around that
// line usually shows what was expected; this says it.
#pragma once

#include <string>
#include <string_view>

namespace scopegate {

struct SyntaxHint {
  unsigned line = 0;  // the text line to blame (the setting before a missing ';')
  std::string message;
};

// error_line: libconfig's line (1-based) in text; reason: its message.
SyntaxHint explain_syntax_error(std::string_view text, unsigned error_line, std::string_view reason);

}  // namespace scopegate
