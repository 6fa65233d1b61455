// test_request_parser.cpp - the request grammar (tools/request_parser.cpp and
// tools/line_tokenizer.cpp) without a module: what each word becomes, which
// requests are malformed, and that no input crashes it.
#include <gtest/gtest.h>

#include <random>
#include <string>
#include <string_view>
#include <vector>

#include "line_tokenizer.hpp"
#include "request_parser.hpp"

namespace scopegate::cli {
namespace {

struct Parsed {
  bool ok = false;
  Request request;
  std::string error;
};

// Keeps the words alive as long as the Request that points into them.
class ParserTest : public ::testing::Test {
 protected:
  Parsed parse(std::string_view line) {
    line_ = std::string(line);
    Parsed p;
    if (!split_words(line_, words_)) {
      p.error = "too many words";
      return p;
    }
    p.ok = parse_request(words_, p.request, p.error);
    return p;
  }

  std::string line_;
  std::vector<std::string_view> words_;
};

TEST(LineTokenizer, SplitsAtAnyRunOfBlanks) {
  std::vector<std::string_view> words;
  ASSERT_TRUE(split_words("  login\t101@acme.example   portal\r\n", words));
  EXPECT_EQ(words, (std::vector<std::string_view>{"login", "101@acme.example", "portal"}));
}

TEST(LineTokenizer, EmptyLineHasNoWords) {
  std::vector<std::string_view> words{"stale"};
  ASSERT_TRUE(split_words(" \t \n", words));
  EXPECT_TRUE(words.empty());
}

TEST(LineTokenizer, RefusesMoreThanMaxWords) {
  std::string line;
  for (std::size_t i = 0; i < kMaxWords; ++i) line += "w ";
  std::vector<std::string_view> words;
  EXPECT_TRUE(split_words(line, words));
  EXPECT_EQ(words.size(), kMaxWords);
  EXPECT_FALSE(split_words(line + "one-too-many", words));
}

TEST(LineTokenizer, BlankAndCommentLines) {
  EXPECT_TRUE(is_blank_or_comment(""));
  EXPECT_TRUE(is_blank_or_comment("   \t\r\n"));
  EXPECT_TRUE(is_blank_or_comment("# a comment"));
  EXPECT_TRUE(is_blank_or_comment("   # indented comment"));
  EXPECT_FALSE(is_blank_or_comment("login 101@acme.example portal # trailing"));
  EXPECT_FALSE(is_blank_or_comment("x"));
}

TEST_F(ParserTest, Login) {
  const Parsed p = parse("login 101@acme.example mobile_app");
  ASSERT_TRUE(p.ok) << p.error;
  EXPECT_EQ(p.request.hook, Hook::login);
  EXPECT_FALSE(p.request.explain);
  EXPECT_EQ(p.request.user, "101");
  EXPECT_EQ(p.request.domain, "acme.example");
  EXPECT_EQ(p.request.actor, "101@acme.example");
  EXPECT_EQ(p.request.channel, SG_CHANNEL_MOBILE_APP);
  EXPECT_EQ(p.request.channel_word, "mobile_app");
}

TEST_F(ParserTest, EveryChannelWord) {
  const std::pair<const char*, int32_t> channels[] = {
      {"portal", SG_CHANNEL_PORTAL},       {"mobile_app", SG_CHANNEL_MOBILE_APP},
      {"web_phone", SG_CHANNEL_WEB_PHONE}, {"attendant_console", SG_CHANNEL_ATTENDANT_CONSOLE},
      {"api", SG_CHANNEL_API},             {"sip_device", SG_CHANNEL_SIP_DEVICE}};
  for (const auto& [word, value] : channels) {
    const Parsed p = parse(std::string("login 1@d ") + word);
    ASSERT_TRUE(p.ok) << word;
    EXPECT_EQ(p.request.channel, value) << word;
  }
}

TEST_F(ParserTest, UnknownChannelIsRejectedNamingIt) {
  const Parsed p = parse("login 101@acme.example fax");
  EXPECT_FALSE(p.ok);
  EXPECT_NE(p.error.find("'fax'"), std::string::npos) << p.error;
  EXPECT_FALSE(parse("login 101@acme.example Portal").ok);
}

TEST_F(ParserTest, UserSplitsAtTheLastAt) {
  const Parsed p = parse("login a@b@acme.example portal");
  ASSERT_TRUE(p.ok);
  EXPECT_EQ(p.request.user, "a@b");
  EXPECT_EQ(p.request.domain, "acme.example");
}

TEST_F(ParserTest, MissingOrEmptyDomainOrUser) {
  EXPECT_FALSE(parse("login 101 portal").ok);
  EXPECT_FALSE(parse("login 101@ portal").ok);
  EXPECT_FALSE(parse("login @acme.example portal").ok);
  EXPECT_FALSE(parse("dial 101 911").ok);
  EXPECT_FALSE(parse("feature 101 users.view").ok);
}

TEST_F(ParserTest, WrongNumberOfWords) {
  EXPECT_FALSE(parse("login 101@acme.example").ok);
  EXPECT_FALSE(parse("login 101@acme.example portal extra").ok);
  EXPECT_FALSE(parse("dial 101@acme.example").ok);
  EXPECT_FALSE(parse("dial 101@acme.example 911 912").ok);
  EXPECT_FALSE(parse("feature 101@acme.example").ok);
  EXPECT_FALSE(parse("feature 101@acme.example users.view user:101 user:102").ok);
  EXPECT_FALSE(parse("").ok);
}

TEST_F(ParserTest, UnknownCommandWord) {
  const Parsed p = parse("logout 101@acme.example portal");
  EXPECT_FALSE(p.ok);
  EXPECT_NE(p.error.find("'logout'"), std::string::npos);
  EXPECT_FALSE(parse("check").ok);
  EXPECT_FALSE(parse("batch").ok);
}

TEST_F(ParserTest, Dial) {
  const Parsed p = parse("dial 150@acme.example *33160");
  ASSERT_TRUE(p.ok);
  EXPECT_EQ(p.request.hook, Hook::dial);
  EXPECT_EQ(p.request.destination, "*33160");
}

TEST_F(ParserTest, FeatureWithoutTarget) {
  const Parsed p = parse("feature 100@acme.example fax.send");
  ASSERT_TRUE(p.ok);
  EXPECT_EQ(p.request.hook, Hook::feature);
  EXPECT_EQ(p.request.feature, "fax.send");
  EXPECT_EQ(p.request.target.kind, SG_TARGET_NONE);
  EXPECT_TRUE(p.request.target.text.empty());
}

TEST_F(ParserTest, UserTargetWithAndWithoutDomain) {
  Parsed p = parse("feature 100@acme.example users.edit user:101");
  ASSERT_TRUE(p.ok);
  EXPECT_EQ(p.request.target.kind, SG_TARGET_USER);
  EXPECT_EQ(p.request.target.id, "101");
  EXPECT_TRUE(p.request.target.domain.empty());
  EXPECT_EQ(p.request.target.text, "user:101");
  p = parse("feature ops@provider.example users.edit user:101@globex.example");
  ASSERT_TRUE(p.ok);
  EXPECT_EQ(p.request.target.id, "101");
  EXPECT_EQ(p.request.target.domain, "globex.example");
}

TEST_F(ParserTest, QueueAndSiteTargets) {
  Parsed p = parse("feature 150@acme.example stats.realtime.view queue:sales");
  ASSERT_TRUE(p.ok);
  EXPECT_EQ(p.request.target.kind, SG_TARGET_QUEUE);
  EXPECT_EQ(p.request.target.id, "sales");
  p = parse("feature 200@acme.example inventory.view site:HQ@acme.example");
  ASSERT_TRUE(p.ok);
  EXPECT_EQ(p.request.target.kind, SG_TARGET_SITE);
  EXPECT_EQ(p.request.target.id, "HQ");
  EXPECT_EQ(p.request.target.domain, "acme.example");
}

TEST_F(ParserTest, DomainTargetNamesTheDomainInId) {
  const Parsed p = parse("feature ops@provider.example pbx_settings.edit domain:globex.example");
  ASSERT_TRUE(p.ok);
  EXPECT_EQ(p.request.target.kind, SG_TARGET_DOMAIN);
  EXPECT_EQ(p.request.target.id, "globex.example");
  EXPECT_TRUE(p.request.target.domain.empty());
}

TEST_F(ParserTest, ObjectTargetWithSiteAndOwner) {
  const Parsed p = parse(
      "feature 200@acme.example auto_attendants.edit object:auto_attendant/main/menu@acme.example "
      "--site HQ --owner 101@acme.example");
  ASSERT_TRUE(p.ok) << p.error;
  const TargetSpec& t = p.request.target;
  EXPECT_EQ(t.kind, SG_TARGET_OBJECT);
  EXPECT_EQ(t.object_kind, "auto_attendant");
  EXPECT_EQ(t.id, "main/menu");  // the kind ends at the first '/'
  EXPECT_EQ(t.domain, "acme.example");
  EXPECT_EQ(t.site, "HQ");
  EXPECT_EQ(t.owner, "101@acme.example");
}

TEST_F(ParserTest, MalformedTargets) {
  for (const char* target : {"user", "user:", "bogus:1", "none:x", ":101", "user:@acme.example",
                             "user:101@", "object:main", "object:/main", "object:aa/",
                             "object:aa/main@", "domain:", "USER:101"}) {
    const Parsed p = parse(std::string("feature 100@acme.example users.view ") + target);
    EXPECT_FALSE(p.ok) << target;
    EXPECT_FALSE(p.error.empty()) << target;
  }
}

TEST_F(ParserTest, OptionsInBothSpellingsAndAnyPosition) {
  Parsed p = parse("feature 100@acme.example --scope=site_manager scope.assign user:101");
  ASSERT_TRUE(p.ok) << p.error;
  EXPECT_EQ(p.request.target.scope, "site_manager");
  EXPECT_EQ(p.request.feature, "scope.assign");
  p = parse("feature 150@acme.example agent.status.change user:160 --queue sales");
  ASSERT_TRUE(p.ok);
  EXPECT_EQ(p.request.target.queue, "sales");
}

TEST_F(ParserTest, EveryScopeWordAndNoOther) {
  for (const char* scope : {"no_portal", "basic_user", "call_center_agent",
                            "call_center_supervisor", "site_manager", "office_manager",
                            "reseller", "super_user"}) {
    EXPECT_TRUE(parse(std::string("feature 1@d scope.assign user:2 --scope ") + scope).ok)
        << scope;
  }
  for (const char* scope : {"admin", "Basic_User", "basic-user", "", "none"}) {
    EXPECT_FALSE(parse(std::string("feature 1@d scope.assign user:2 --scope=") + scope).ok)
        << scope;
  }
}

TEST_F(ParserTest, BadOptions) {
  EXPECT_FALSE(parse("feature 1@d f user:2 --bogus x").ok);
  EXPECT_FALSE(parse("feature 1@d f user:2 --queue").ok);
  EXPECT_FALSE(parse("feature 1@d f user:2 --queue --scope basic_user").ok);
  EXPECT_FALSE(parse("feature 1@d f user:2 --queue a --queue b").ok);
  EXPECT_FALSE(parse("feature 1@d f user:2 --queue=").ok);
}

TEST_F(ParserTest, QueueWithoutTargetMeansTheActor) {
  const Parsed p = parse("feature 160@acme.example queue.agent.login --queue sales");
  ASSERT_TRUE(p.ok) << p.error;
  EXPECT_EQ(p.request.target.kind, SG_TARGET_USER);
  EXPECT_EQ(p.request.target.id, "160");
  EXPECT_EQ(p.request.target.domain, "acme.example");
  EXPECT_EQ(p.request.target.queue, "sales");
}

TEST_F(ParserTest, TargetOptionsWithoutTargetAreRejected) {
  EXPECT_FALSE(parse("feature 100@acme.example scope.assign --scope basic_user").ok);
  EXPECT_FALSE(parse("feature 200@acme.example conferences.edit --site HQ").ok);
  EXPECT_FALSE(parse("feature 101@acme.example time_frames.own.edit --owner 101").ok);
}

TEST_F(ParserTest, IdsUpTo255Bytes) {
  const std::string ok(255, 'u');
  const std::string too_long(256, 'u');
  EXPECT_TRUE(parse("login " + ok + "@acme.example portal").ok);
  EXPECT_FALSE(parse("login " + too_long + "@acme.example portal").ok);
  EXPECT_FALSE(parse("login 101@" + too_long + " portal").ok);
  EXPECT_FALSE(parse("dial 101@acme.example " + too_long).ok);
  EXPECT_FALSE(parse("feature 101@acme.example " + too_long).ok);
  EXPECT_FALSE(parse("feature 101@acme.example users.view user:" + too_long).ok);
  EXPECT_FALSE(parse("feature 101@acme.example users.view user:1 --queue " + too_long).ok);
  EXPECT_TRUE(parse("feature 101@acme.example users.view user:" + ok).ok);
}

TEST_F(ParserTest, LongWordsAreCutInMessages) {
  const Parsed p = parse("login 101@acme.example " + std::string(10000, 'x'));
  ASSERT_FALSE(p.ok);
  EXPECT_LT(p.error.size(), 200u);
}

TEST_F(ParserTest, Explain) {
  Parsed p = parse("explain feature 150@acme.example stats.realtime.view queue:sales");
  ASSERT_TRUE(p.ok);
  EXPECT_TRUE(p.request.explain);
  EXPECT_EQ(p.request.hook, Hook::feature);
  EXPECT_FALSE(parse("explain").ok);
  EXPECT_FALSE(parse("explain explain login 1@d portal").ok);
  EXPECT_FALSE(parse("explain check").ok);
}

TEST_F(ParserTest, ReparsingResetsTheRequest) {
  Request request;
  std::string error;
  std::vector<std::string_view> first{"explain", "feature", "1@d", "f", "user:2", "--queue", "q"};
  ASSERT_TRUE(parse_request(first, request, error));
  std::vector<std::string_view> second{"login", "1@d", "portal"};
  ASSERT_TRUE(parse_request(second, request, error));
  EXPECT_FALSE(request.explain);
  EXPECT_EQ(request.target.kind, SG_TARGET_NONE);
  EXPECT_TRUE(request.target.queue.empty());
  EXPECT_TRUE(error.empty());
}

// Random words drawn from grammar fragments and raw bytes: the parser must
// answer every one without crashing, and a success must point into the words.
TEST(RequestParserRobustness, RandomInputNeverCrashes) {
  const std::vector<std::string> fragments = {
      "login", "dial", "feature", "explain", "user:", "queue:", "object:", "domain:", "site:",
      "@", "/", ":", "--queue", "--scope", "--site", "--owner", "--", "=", "portal",
      "basic_user", "101", "acme.example", std::string(1, '\0'), "\xff", "\xc3\xa9"};
  std::mt19937 rng(20240611);
  std::vector<std::string> storage;
  std::vector<std::string_view> words;
  Request request;
  std::string error;
  for (int round = 0; round < 20000; ++round) {
    storage.clear();
    const std::size_t count = rng() % 9;
    for (std::size_t w = 0; w < count; ++w) {
      std::string word;
      const std::size_t parts = 1 + rng() % 4;
      for (std::size_t k = 0; k < parts; ++k) {
        if (rng() % 5 == 0) word.push_back(static_cast<char>(rng() % 256));
        else word += fragments[rng() % fragments.size()];
      }
      storage.push_back(word);
    }
    words.assign(storage.begin(), storage.end());
    if (parse_request(words, request, error)) {
      EXPECT_FALSE(request.user.empty());
      EXPECT_FALSE(request.domain.empty());
      EXPECT_LE(request.user.size(), kMaxIdBytes);
    }
  }
}

}  // namespace
}  // namespace scopegate::cli
