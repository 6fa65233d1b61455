// test_json_object.cpp - the JSON checker the CLI tests rely on must itself
// reject what is not JSON, or the --json tests would prove nothing.
#include <gtest/gtest.h>

#include "json_object.hpp"

namespace scopegate::test {
namespace {

TEST(JsonObjectChecker, ReadsStringsNumbersAndLiterals) {
  const auto o = parse_json_object(
      R"( {"a":"x\"y\\z\n\u00e9\ud83d\ude00","n":42,"f":-1.5e3,"t":true,"no":false,"z":null} )");
  ASSERT_TRUE(o.has_value());
  EXPECT_EQ(o->at("a").text, "x\"y\\z\n\xc3\xa9\xf0\x9f\x98\x80");
  EXPECT_TRUE(o->at("n").is_integer);
  EXPECT_EQ(o->at("n").integer, 42u);
  EXPECT_FALSE(o->at("f").is_integer);
  EXPECT_TRUE(o->at("t").boolean);
  EXPECT_FALSE(o->at("no").boolean);
  EXPECT_EQ(o->at("z").kind, JsonValue::Kind::null);
}

TEST(JsonObjectChecker, RejectsWhatIsNotJson) {
  for (const char* bad : {"", "{", "{\"a\":1,}", "{'a':1}", "{\"a\":01}", "{\"a\":1} x",
                          "{\"a\":\"\x01\"}", "{\"a\":\"\xff\"}", "{\"a\":\"\\x41\"}",
                          "{\"a\":\"\\ud800\"}", "{\"a\":1,\"a\":2}", "{\"a\"}", "[1]",
                          "{\"a\":tru}", "{\"a\":\"unterminated}"}) {
    EXPECT_FALSE(parse_json_object(bad).has_value()) << bad;
  }
}

}  // namespace
}  // namespace scopegate::test
