// "Did you mean": the edit distance and which known name is close enough
// to suggest.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "common/suggest.hpp"
#include "common/words.hpp"

namespace scopegate {

TEST(EditDistance, CountsInsertionsDeletionsSubstitutionsAndSwaps) {
  EXPECT_EQ(edit_distance("", ""), 0u);
  EXPECT_EQ(edit_distance("abc", ""), 3u);
  EXPECT_EQ(edit_distance("", "abc"), 3u);
  EXPECT_EQ(edit_distance("monitor.barg", "monitor.barge"), 1u);  // insertion
  EXPECT_EQ(edit_distance("basic_userr", "basic_user"), 1u);      // deletion
  EXPECT_EQ(edit_distance("stats_gird", "stats_grid"), 1u);       // neighbours swapped
  EXPECT_EQ(edit_distance("agent-16O", "agent-160"), 1u);         // substitution
  EXPECT_EQ(edit_distance("kitten", "sitting"), 3u);
  EXPECT_EQ(edit_distance("sefl", "self"), 1u);
}

TEST(Suggestion, NamesTheClosestKnownName) {
  EXPECT_EQ(Suggestion("basic_usr").from(scope_words()).best(), "basic_user");
  EXPECT_EQ(Suggestion("office_managr").from(scope_words()).hint(), " (did you mean 'office_manager'?)");
  EXPECT_EQ(Suggestion("mobile-app").from(channel_words()).best(), "mobile_app");
  EXPECT_EQ(Suggestion("Portal").from(channel_words()).best(), "portal");  // another case
  EXPECT_EQ(Suggestion("warning").from({"debug", "info", "warn", "error"}).best(), "warn");  // a longer spelling
}

TEST(Suggestion, SaysNothingWhenNothingIsClose) {
  EXPECT_EQ(Suggestion("admin").from(scope_words()).hint(), "");
  EXPECT_EQ(Suggestion("fax.send").from(std::vector<std::string>{"users.view", "users.edit"}).hint(), "");
  EXPECT_EQ(Suggestion("x").from({"y", "z"}).best(), "y");  // one edit of a one-letter word is close
  EXPECT_EQ(Suggestion("ab").from({"xy"}).hint(), "");
  EXPECT_EQ(Suggestion("").from({"a"}).hint(), "");
}

TEST(Suggestion, PrefersTheFewestEditsThenTheFirstSeen) {
  EXPECT_EQ(Suggestion("sales2").from({"sales-22", "sales1", "sales2x"}).best(), "sales1");
  EXPECT_EQ(Suggestion("abcd").from({"abce", "abcf"}).best(), "abce");
}

}  // namespace scopegate
