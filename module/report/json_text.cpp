#include "report/json_text.hpp"

#include <cstdio>

namespace scopegate {

void append_json_string(std::string &out, std::string_view s) {
  out.push_back('"');
  for (char c : s) {
    auto byte = static_cast<unsigned char>(c);
    if (c == '"' || c == '\\') {
      out.push_back('\\');
      out.push_back(c);
    } else if (byte < 0x20 || byte == 0x7f) {
      char esc[8];
      std::snprintf(esc, sizeof esc, "\\u%04x", unsigned(byte));
      out.append(esc);
    } else {
      out.push_back(c);
    }
  }
  out.push_back('"');
}

void append_json_field(std::string &out, std::string_view key, std::string_view value, bool first) {
  if (!first) out.push_back(',');
  append_json_string(out, key);
  out.push_back(':');
  append_json_string(out, value);
}

}  // namespace scopegate
