// json_escape.hpp - JSON string literals from arbitrary bytes.
#ifndef SCOPEGATE_TOOLS_JSON_ESCAPE_HPP
#define SCOPEGATE_TOOLS_JSON_ESCAPE_HPP

#include <string>
#include <string_view>

namespace scopegate::cli {

// Appends s as a quoted JSON string. Batch input can hold any bytes, and the
// output must stay valid JSON: control characters become \uXXXX (or \n, \t,
// ...), and bytes that are not valid UTF-8 become U+FFFD.
void append_json_string(std::string &out, std::string_view s);

}  // namespace scopegate::cli

#endif
