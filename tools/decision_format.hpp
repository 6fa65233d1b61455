// decision_format.hpp - how a decision is written: one text line
// ("deny out_of_reach", explain text after it) or one JSON object a line.
#ifndef SCOPEGATE_TOOLS_DECISION_FORMAT_HPP
#define SCOPEGATE_TOOLS_DECISION_FORMAT_HPP

#include <cstdint>
#include <string>
#include <string_view>

#include "cli_request.hpp"
#include "decision_runner.hpp"

namespace scopegate::cli {

// "allow", "deny" or "error".
std::string_view verdict_word(int32_t verdict);

// "VERDICT REASON\n", then the explain text (if any), ending in a newline.
// one_line (batch): the explain lines follow on the same line, each after
// "; ", so every request keeps exactly one output line.
void append_text_result(std::string& out, const Answer& answer, bool one_line = false);

// {"verdict":"deny","reason":"out_of_reach","generation":1,"hook":"feature",
//  "user":"101@acme.example","feature":...,"target":...,"explain":{...}}\n
// (explain: the module's JSON object of facts; a string from a module that
// writes text only)
// Request fields appear only when the request has them.
void append_json_result(std::string& out, const Request& request, const Answer& answer);

// The JSON line of a request the CLI rejected before asking the module:
// {"verdict":"error","reason":"bad_request","generation":0,"error":MESSAGE}
// plus "line":N when line_number is not 0 (batch).
void append_json_rejected(std::string& out, std::string_view message, std::size_t line_number);

}  // namespace scopegate::cli

#endif
