#include <gtest/gtest.h>

#include <string>

#include "common/text.hpp"

namespace scopegate {

TEST(IdRule, AcceptsOrdinaryIds) {
  for (const char *id : {"101", "acme.example", "aa-main", "J\xc3\xbcrgen", "\xe6\x97\xa5\xe6\x9c\xac", "\xf0\x9f\x93\x9e"})
    EXPECT_TRUE(is_valid_id(id)) << id;
  EXPECT_TRUE(is_valid_id(std::string(255, 'a')));
}

TEST(IdRule, RejectsEmptyAndTooLong) {
  EXPECT_FALSE(is_valid_id(""));
  EXPECT_FALSE(is_valid_id(std::string(256, 'a')));
}

TEST(IdRule, RejectsControlCharacters) {
  for (std::string id : {std::string("a\nb"), std::string("a\tb"), std::string("a\x7f"), std::string("a\0b", 3),
                         std::string("\x1b[31m"), std::string("a\xc2\x85")})  // C1 NEL
    EXPECT_FALSE(is_valid_id(id));
}

// SPEC 2.4: DEL and U+0080-U+009F are control characters, at every length
// and position (the word-at-a-time checks cover 4-32 bytes); U+00A0 is not.
TEST(IdRule, DelAndC1AreControlCharactersWherever) {
  for (size_t len = 2; len <= 40; ++len) {
    for (size_t pos = 0; pos + 2 <= len; ++pos) {
      std::string base(len, 'a');
      std::string del = base, first_c1 = base, last_c1 = base, nbsp = base;
      del[pos] = '\x7f';
      first_c1.replace(pos, 2, "\xc2\x80");
      last_c1.replace(pos, 2, "\xc2\x9f");
      nbsp.replace(pos, 2, "\xc2\xa0");
      EXPECT_FALSE(is_valid_id(del)) << len << " " << pos;
      EXPECT_FALSE(is_valid_id(first_c1)) << len << " " << pos;
      EXPECT_FALSE(is_valid_id(last_c1)) << len << " " << pos;
      EXPECT_TRUE(is_valid_id(nbsp)) << len << " " << pos;
    }
  }
}

TEST(IdRule, RejectsInvalidUtf8) {
  for (const char *id : {"\xc0\xaf",          // overlong '/'
                         "\xe0\x80\xaf",      // overlong
                         "\x80",              // lone continuation
                         "\xc3",              // truncated
                         "\xed\xa0\x80",      // surrogate
                         "\xf4\x90\x80\x80",  // beyond U+10FFFF
                         "\xff"})
    EXPECT_FALSE(is_valid_id(id)) << id;
}

TEST(Hash, DependsOnSeedAndBytes) {
  EXPECT_EQ(hash_bytes("101", 1), hash_bytes("101", 1));
  EXPECT_NE(hash_bytes("101", 1), hash_bytes("101", 2));
  EXPECT_NE(hash_bytes("101"), hash_bytes("102"));
}

TEST(Arena, ViewsStayValidAcrossChunks) {
  StringArena arena;
  std::vector<std::string_view> views;
  for (int i = 0; i < 20000; ++i) views.push_back(arena.store("user-" + std::to_string(i)));
  views.push_back(arena.store(std::string(40000, 'x')));
  for (int i = 0; i < 20000; ++i) ASSERT_EQ(views[i], "user-" + std::to_string(i));
  EXPECT_EQ(views.back().size(), 40000u);
  EXPECT_EQ(arena.store(""), std::string_view{});
}

}  // namespace scopegate
