#include <gtest/gtest.h>

#include <string>

#include "engine/dial_pattern.hpp"

namespace scopegate {

namespace {
DialPattern compiled(const std::string &p) {
  std::string why;
  auto pattern = DialPattern::compile(p, why);
  EXPECT_TRUE(pattern) << p << ": " << why;
  return pattern ? *pattern : DialPattern{};
}
}  // namespace

struct PatternCase {
  const char *pattern, *dialed;
  bool match;
};

class PatternTable : public ::testing::TestWithParam<PatternCase> {};

TEST_P(PatternTable, MatchesLikeAsterisk) {
  const auto &c = GetParam();
  EXPECT_EQ(compiled(c.pattern).matches(c.dialed), c.match) << c.pattern << " vs " << c.dialed;
}

INSTANTIATE_TEST_SUITE_P(
    Asterisk, PatternTable,
    ::testing::Values(PatternCase{"_X", "5", true}, PatternCase{"_X", "55", false}, PatternCase{"_X", "a", false},
                      PatternCase{"_Z", "0", false}, PatternCase{"_Z", "1", true}, PatternCase{"_N", "1", false},
                      PatternCase{"_N", "2", true}, PatternCase{"_NXXNXXXXXX", "2125551234", true},
                      PatternCase{"_NXXNXXXXXX", "1125551234", false}, PatternCase{"_[1-5]", "3", true},
                      PatternCase{"_[1-5]", "6", false}, PatternCase{"_[135]", "3", true},
                      PatternCase{"_[135]", "2", false}, PatternCase{"_011.", "011", false},
                      PatternCase{"_011.", "0114420", true}, PatternCase{"_9!", "9", true},
                      PatternCase{"_9!", "912", true}, PatternCase{"_9!", "8", false},
                      PatternCase{"_*33X.", "*33160", true}, PatternCase{"_*33X.", "*331", false},
                      PatternCase{"_1900NXXXXXX", "19005551234", true}, PatternCase{"_x", "7", true},
                      PatternCase{"_.", "", false}, PatternCase{"_!", "", true}, PatternCase{"_X!X", "12", true},
                      PatternCase{"_X.X", "12", false}, PatternCase{"_X.X", "123", true},
                      PatternCase{"_[a-c]1", "b1", true}));

TEST(DialPattern, RejectsMalformedPatterns) {
  std::string why;
  for (const char *p : {"", "_", "123", "_[12", "_[]", "_[9-1]"}) {
    EXPECT_FALSE(DialPattern::compile(p, why)) << p;
    EXPECT_FALSE(why.empty());
  }
  EXPECT_FALSE(DialPattern::compile("_" + std::string(63, 'X'), why));
  EXPECT_TRUE(DialPattern::compile("_" + std::string(62, 'X'), why));
}

// Patterns that make backtracking matchers explode stay linear here: a
// million-byte input with many repeats finishes at once.
TEST(DialPattern, HostileInputIsLinear) {
  DialPattern p = compiled("_" + std::string(20, '!') + "X" + std::string(20, '!') + "Y");
  std::string dialed(1'000'000, '1');
  EXPECT_FALSE(p.matches(dialed));
  dialed.back() = 'Y';
  EXPECT_TRUE(p.matches(dialed));
}

}  // namespace scopegate
