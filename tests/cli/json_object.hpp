// json_object.hpp - a strict parser for the flat JSON objects `scopegate
// --json` prints, so tests check the output really is JSON (RFC 8259) and
// read its fields back.
#ifndef SCOPEGATE_TESTS_CLI_JSON_OBJECT_HPP
#define SCOPEGATE_TESTS_CLI_JSON_OBJECT_HPP

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>

namespace scopegate::test {

struct JsonValue {
  enum class Kind { string, number, boolean, null } kind = Kind::null;
  std::string text;      // string: decoded UTF-8; number: as written
  uint64_t integer = 0;  // number: its value when it is a non-negative integer
  bool is_integer = false;
  bool boolean = false;
};

using JsonObject = std::map<std::string, JsonValue>;

// One JSON object whose values are strings, numbers, booleans or null, and
// nothing else but whitespace around it. nullopt on any syntax error, invalid
// UTF-8, a raw control character in a string, or a duplicate key.
std::optional<JsonObject> parse_json_object(std::string_view text);

}  // namespace scopegate::test

#endif
