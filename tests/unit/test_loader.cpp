#include <gtest/gtest.h>
#include <sys/stat.h>

#include <algorithm>

#include "test_support.hpp"

namespace scopegate::test {

namespace {

// Loads text and returns its errors ("" when it loaded).
std::string errors_for(const std::string &text) {
  ScratchDir dir;
  LoadResult r = load_text(dir, text);
  std::string errors = errors_of(r);
  EXPECT_EQ(r.snapshot == nullptr, !errors.empty());
  // Names are relative to the scratch dir, so expectations stay short.
  for (auto pos = errors.find(dir.path().string() + "/"); pos != std::string::npos;
       pos = errors.find(dir.path().string() + "/"))
    errors.erase(pos, dir.path().string().size() + 1);
  return errors;
}

}  // namespace

TEST(Loader, ModelConfigLoads) {
  auto s = must_load(kModelConfig);
  EXPECT_EQ(s->domains.size(), 3u);
  EXPECT_EQ(s->queues.size(), 2u);
  Index acme = s->find_domain("acme.example");
  ASSERT_NE(acme, kNoIndex);
  Index u = s->find_user(acme, "150");
  ASSERT_NE(u, kNoIndex);
  EXPECT_EQ(s->users[u].scope, Scope::call_center_supervisor);
  EXPECT_EQ(s->users[u].views, kViewStatsGrid | kViewAgents);
  EXPECT_EQ(s->find_user(acme, "999"), kNoIndex);
  EXPECT_EQ(s->find_user(s->find_domain("other.example"), "150"), kNoIndex);
}

TEST(Loader, ShippedConfigsLoad) {
  for (const char *path : {SG_TEST_CONF_DIR "/scopegate.conf", SG_TEST_CONF_DIR "/examples/scopegate.conf"}) {
    LoadResult r = load_config(path);
    EXPECT_TRUE(r.snapshot) << path << "\n" << errors_of(r);
    EXPECT_TRUE(r.diagnostics.warnings().empty()) << r.diagnostics.warnings().front().str();
  }
}

TEST(Loader, EmergencyNumbersDefault) {
  auto s = must_load("version = 1;");
  ASSERT_EQ(s->emergency_numbers.size(), 3u);
  EXPECT_EQ(s->emergency_numbers[0], "911");
  EXPECT_EQ(s->emergency_numbers[1], "933");
  EXPECT_EQ(s->emergency_numbers[2], "112");
}

// Each kind of broken config, with its complete expected diagnostics, is in
// the shared corpus (tests/configs), checked through the loader there too.

TEST(Loader, ControlCharactersInConfigTextAreEscaped) {
  std::string errors = errors_for("domains = ( { name = \"d\"; users = (\n { id = \"1\\n/x.conf:1: error: forged\"; scope = \"basic_user\"; } ); } );");
  EXPECT_NE(errors.find("bad user id '1\\x0a/x.conf:1: error: forged'"), std::string::npos) << errors;
  EXPECT_EQ(std::count(errors.begin(), errors.end(), '\n'), 1) << errors;
}

TEST(Loader, CollectsEveryError) {
  std::string errors = errors_for(
      "version = 1;\n"
      "colour = 1;\n"
      "domains = ( { name = \"d\"; users = (\n"
      "  { id = \"1\"; scope = \"admin\"; },\n"
      "  { id = \"2\"; scope = \"site_manager\"; } ); } );\n");
  EXPECT_NE(errors.find("scopegate.conf:2: error: unknown key 'colour'"), std::string::npos) << errors;
  EXPECT_NE(errors.find("scopegate.conf:4: error: unknown scope 'admin'"), std::string::npos) << errors;
  EXPECT_NE(errors.find("scopegate.conf:5: error: a site_manager needs a 'site'"), std::string::npos) << errors;
}

TEST(Loader, IncludeIsRelativeToTheMainFile) {
  ScratchDir dir;
  dir.write("parts/rules.conf", "dial_rules = ( { prefix = \"*9\"; feature = \"monitor.listen\";\n  target = \"nobody\"; } );\n");
  LoadResult bad = load_text(dir, "version = 1;\n@include \"parts/rules.conf\"\n");
  EXPECT_NE(errors_of(bad).find(dir.path().string() + "/parts/rules.conf:2: error: unknown dial target"), std::string::npos)
      << errors_of(bad);
  dir.write("parts/rules.conf", "dial_rules = ( { prefix = \"*9\"; feature = \"monitor.listen\"; target = \"user\"; } );\n");
  LoadResult good = load_text(dir, "version = 1;\n@include \"parts/rules.conf\"\n");
  ASSERT_TRUE(good.snapshot) << errors_of(good);
  EXPECT_EQ(good.snapshot->dial_rules.size(), 1u);
}

// A user's and a queue's place (explain's "defined at") is the line of the
// file they are written in, also after an @include shifted the text.
TEST(Loader, PlacesNameTheIncludedFileAndItsLine) {
  ScratchDir dir;
  dir.write("parts/rules.conf", "dial_rules = (\n  { prefix = \"*9\"; feature = \"monitor.listen\"; target = \"user\"; }\n);\n");
  dir.write("parts/acme.conf",
            "domains = ( { name = \"acme.example\";\n"
            "  users = (\n"
            "    { id = \"100\"; scope = \"call_center_agent\"; }\n"
            "  );\n"
            "  queues = ( { name = \"sales\"; agents = [ \"100\" ]; } );\n"
            "} );\n");
  LoadResult r = load_text(dir, "version = 1;\n@include \"parts/rules.conf\"\n@include \"parts/acme.conf\"\n");
  ASSERT_TRUE(r.snapshot) << errors_of(r);
  const Snapshot &s = *r.snapshot;
  ASSERT_EQ(s.users.size(), 1u);
  ASSERT_EQ(s.queues.size(), 1u);
  EXPECT_EQ(s.place_files[s.user_places[0].file], dir.path().string() + "/parts/acme.conf");
  EXPECT_EQ(s.user_places[0].line, 3u);
  EXPECT_EQ(s.place_files[s.queue_places[0].file], dir.path().string() + "/parts/acme.conf");
  EXPECT_EQ(s.queue_places[0].line, 5u);
}

TEST(Loader, DomainsDirReadsEveryConfInOrder) {
  ScratchDir dir;
  dir.write("d/b.conf", "name = \"b.example\";\nusers = ( { id = \"1\"; scope = \"basic_user\"; } );\n");
  dir.write("d/a.conf", "domains = ( { name = \"a.example\"; } );\n");
  dir.write("d/ignored.conf.sample", "this is not read");
  LoadResult r = load_text(dir, "domains_dir = \"d\";\n");
  ASSERT_TRUE(r.snapshot) << errors_of(r);
  ASSERT_EQ(r.snapshot->domains.size(), 2u);
  EXPECT_EQ(r.snapshot->domains[0].name, "a.example");
  EXPECT_EQ(r.snapshot->domains[1].name, "b.example");
}

TEST(Loader, DomainsDirErrorNamesThatFile) {
  ScratchDir dir;
  dir.write("d/a.conf", "name = \"a.example\";\nusers = (\n  { id = \"1\"; scope = \"boss\"; } );\n");
  LoadResult r = load_text(dir, "domains_dir = \"d\";\n");
  EXPECT_FALSE(r.snapshot);
  EXPECT_NE(errors_of(r).find(dir.path().string() + "/d/a.conf:3: error: unknown scope 'boss'"), std::string::npos)
      << errors_of(r);
}

TEST(Loader, DuplicateDomainAcrossFiles) {
  ScratchDir dir;
  dir.write("d/a.conf", "name = \"a.example\";\n");
  dir.write("d/b.conf", "name = \"a.example\";\n");
  LoadResult r = load_text(dir, "domains_dir = \"d\";\n");
  EXPECT_NE(errors_of(r).find("/d/b.conf:1: error: duplicate domain 'a.example'"), std::string::npos) << errors_of(r);
}

TEST(Loader, ResellerMayReferToDomainsInLaterFiles) {
  ScratchDir dir;
  dir.write("d/z.conf", "name = \"z.example\";\n");
  LoadResult r = load_text(dir,
                           "domains_dir = \"d\";\n"
                           "domains = ( { name = \"p\"; users = ( { id = \"ops\"; scope = \"reseller\"; domains = [ \"z.example\" ]; } ); } );\n");
  EXPECT_TRUE(r.snapshot) << errors_of(r);
}

TEST(Loader, MissingFileNamesIt) {
  LoadResult r = load_config("/nonexistent/scopegate.conf");
  EXPECT_FALSE(r.snapshot);
  EXPECT_NE(errors_of(r).find("/nonexistent/scopegate.conf:1: error: cannot open config: No such file or directory"), std::string::npos) << errors_of(r);
}

TEST(Loader, LoginChannelsPerScope) {
  auto s = must_load("login = { channels = { call_center_agent = [ \"portal\", \"api\" ]; }; };");
  EXPECT_EQ(s->login_channels[size_t(Scope::call_center_agent)], channel_bit(Channel::portal) | channel_bit(Channel::api));
  EXPECT_EQ(s->login_channels[size_t(Scope::basic_user)], kAllChannels);
}

}  // namespace scopegate::test
