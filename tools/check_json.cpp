// check_json.cpp - the JSON verdict of check.
#include "check_json.hpp"

#include <cstdio>

#include "json_escape.hpp"

namespace scopegate::cli {
namespace {

void append_lines(std::string& out, const char* key, const std::vector<std::string>& lines) {
  out.append(",\"").append(key).append("\":[");
  for (size_t i = 0; i < lines.size(); ++i) {
    if (i != 0) out.push_back(',');
    append_json_string(out, lines[i]);
  }
  out.push_back(']');
}

}  // namespace

void print_check_json(const std::string& config, bool valid, const std::vector<std::string>& errors,
                      const std::vector<std::string>& warnings) {
  std::string out = "{\"config\":";
  append_json_string(out, config);
  out.append(valid ? ",\"valid\":true" : ",\"valid\":false");
  append_lines(out, "errors", errors);
  append_lines(out, "warnings", warnings);
  out.append("}\n");
  std::fwrite(out.data(), 1, out.size(), stdout);
}

}  // namespace scopegate::cli
