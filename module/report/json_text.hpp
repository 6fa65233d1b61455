// JSON text for the reports (can, diff): strings escaped, nothing else.
#pragma once

#include <string>
#include <string_view>

namespace scopegate {

// Appends "s" with JSON escapes (quotes included).
void append_json_string(std::string &out, std::string_view s);

// Appends ,"key":"value" (or without the comma when first).
void append_json_field(std::string &out, std::string_view key, std::string_view value, bool first = false);

}  // namespace scopegate
