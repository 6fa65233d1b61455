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

// The word-at-a-time fast paths against plain byte-by-byte references:
// every length up to 40, every position, every byte value.
namespace reference {

// SPEC 5: 1..255 bytes of UTF-8 without control characters (C0, DEL, C1),
// decoded one byte at a time.
bool is_valid_id(std::string_view s) {
  if (s.empty() || s.size() > kMaxIdBytes) return false;
  for (size_t i = 0; i < s.size();) {
    auto c = static_cast<unsigned char>(s[i]);
    size_t len = c < 0x80 ? 1 : (c & 0xe0) == 0xc0 ? 2 : (c & 0xf0) == 0xe0 ? 3 : (c & 0xf8) == 0xf0 ? 4 : 0;
    if (len == 0 || i + len > s.size()) return false;
    uint32_t cp = len == 1 ? c : len == 2 ? c & 0x1fu : len == 3 ? c & 0x0fu : c & 0x07u;
    for (size_t k = 1; k < len; ++k) {
      auto cc = static_cast<unsigned char>(s[i + k]);
      if ((cc & 0xc0) != 0x80) return false;
      cp = cp << 6 | (cc & 0x3fu);
    }
    const uint32_t shortest[] = {0, 0, 0x80, 0x800, 0x10000};
    if (cp < shortest[len] || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return false;
    if (cp < 0x20 || (cp >= 0x7f && cp <= 0x9f)) return false;
    i += len;
  }
  return true;
}

bool same_text(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i)
    if (a[i] != b[i]) return false;
  return true;
}

}  // namespace reference

// Calls f(base, changed) for every length 0..40, position and byte value:
// base is printable ASCII, changed has one byte replaced. Both sit inside a
// larger buffer, so a fast path that reads past the end would see garbage.
template <typename F>
void for_every_single_byte_change(F f) {
  for (size_t len = 0; len <= 40; ++len) {
    std::string buffer(len + 16, '\xff');
    for (size_t i = 0; i < len; ++i) buffer[8 + i] = static_cast<char>('a' + i % 26);
    std::string_view base(buffer.data() + 8, len);
    for (size_t pos = 0; pos < len; ++pos) {
      for (int byte = 0; byte < 256; ++byte) {
        std::string other = buffer;
        other[8 + pos] = static_cast<char>(byte);
        f(base, std::string_view(other.data() + 8, len));
      }
    }
  }
}

TEST(IdRule, AgreesWithTheByteByByteReference) {
  size_t checked = 0;
  for_every_single_byte_change([&](std::string_view, std::string_view changed) {
    ASSERT_EQ(is_valid_id(changed), reference::is_valid_id(changed)) << testing::PrintToString(std::string(changed));
    ++checked;
  });
  // Multi-byte sequences at every position and length, too.
  for (std::string seq : {"\xc2\x80", "\xc2\x9f", "\xc2\xa0", "\xe2\x80\xa8", "\xed\xa0\x80", "\xf0\x9f\x93\x9e",
                          "\xf4\x90\x80\x80", "\xc0\xaf", "\xe0\x80\xaf"}) {
    for (size_t len = seq.size(); len <= 40; ++len) {
      for (size_t pos = 0; pos + seq.size() <= len; ++pos) {
        std::string id(len, 'x');
        id.replace(pos, seq.size(), seq);
        ASSERT_EQ(is_valid_id(id), reference::is_valid_id(id)) << testing::PrintToString(id);
      }
    }
  }
  EXPECT_EQ(checked, 40u * 41u / 2u * 256u);
}

TEST(SameText, AgreesWithTheByteByByteReference) {
  for_every_single_byte_change([](std::string_view base, std::string_view changed) {
    ASSERT_EQ(same_text(base, changed), reference::same_text(base, changed));
    ASSERT_TRUE(same_text(changed, changed));
  });
  for (size_t a = 0; a <= 40; ++a)
    for (size_t b = 0; b <= 40; ++b)
      EXPECT_EQ(same_text(std::string(a, 'z'), std::string(b, 'z')), a == b);
}

// The hash reads every byte of the string and none beyond it: changing any
// one byte changes the hash (a collision here would be a 2^-64 event; a
// fast path that skipped a byte would collide every time), the bytes
// around the string do not matter, and neither the seed nor the length is
// ignored.
TEST(Hash, DependsOnEveryByteTheSeedAndNothingElse) {
  for_every_single_byte_change([](std::string_view base, std::string_view changed) {
    if (base != changed) {
      ASSERT_NE(hash_bytes(base), hash_bytes(changed)) << base.size();
    }
  });
  for (size_t len = 0; len <= 40; ++len) {
    std::string s(len, 'q');
    std::string padded = "\x01\x02" + s + "\x03\x04";
    EXPECT_EQ(hash_bytes(s), hash_bytes(std::string_view(padded).substr(2, len)));
    EXPECT_NE(hash_bytes(s, 1), hash_bytes(s, 2)) << len;
    EXPECT_NE(hash_bytes(s), hash_bytes(s + 'q')) << len;
  }
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
