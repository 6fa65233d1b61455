// The content revision (engine/revision.hpp): the same effective config gives
// the same revision however it is written and split into files; any change
// of what it decides on, or of what dump shows, changes it.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "engine/revision.hpp"
#include "test_support.hpp"

namespace scopegate::test {

namespace {

const std::string kTop = R"(version = 1;
dial_rules = ( { prefix = "*33"; feature = "monitor.listen"; target = "user"; },
               { pattern = "_011."; feature = "dial.international"; } );
policy = ( { feature = "dial.international"; new = true; basic_user = "self"; } );
)";

// Three domains as the body of a domains record, which is also the whole
// of a domains_dir file.
const std::string kProvider = R"(name = "provider.example";
users = ( { id = "ops"; scope = "reseller"; domains = [ "globex.example", "acme.example" ]; },
          { id = "root"; scope = "super_user"; } );
)";
const std::string kAcme = R"(name = "acme.example";
sites = [ "HQ", "Branch" ];
policy = ( { feature = "dial.international"; basic_user = "none"; } );
users = ( { id = "100"; scope = "office_manager"; },
          { id = "101"; scope = "basic_user"; site = "HQ";
            policy = ( { feature = "dial.international"; reach = "self"; } ); },
          { id = "150"; scope = "call_center_supervisor"; site = "HQ";
            supervisor = { queues = [ "sales" ]; view = [ "stats_grid" ]; }; },
          { id = "160"; scope = "call_center_agent"; site = "HQ"; } );
queues = ( { name = "sales"; site = "HQ"; agents = [ "160" ]; } );
)";
const std::string kGlobex = R"(name = "globex.example";
users = ( { id = "100"; scope = "office_manager"; } );
)";

std::string inline_config(const std::vector<std::string> &domains) {
  std::string out = kTop + "domains = (\n";
  for (size_t i = 0; i < domains.size(); ++i) out += (i ? ",\n{ " : "{ ") + domains[i] + "}";
  return out + "\n);\n";
}

uint64_t revision_of(const ScratchDir &dir, const std::string &main) {
  LoadResult r = load_text(dir, main);
  EXPECT_TRUE(r.snapshot) << errors_of(r);
  return r.snapshot ? content_revision(*r.snapshot) : 0;
}

uint64_t inline_revision(const std::vector<std::string> &domains) {
  ScratchDir dir;
  return revision_of(dir, inline_config(domains));
}

// The revision with one piece of text replaced (which must be there).
uint64_t changed(const std::string &from, const std::string &to) {
  std::string text = inline_config({kProvider, kAcme, kGlobex});
  size_t at = text.find(from);
  EXPECT_NE(at, std::string::npos) << from;
  if (at != std::string::npos) text.replace(at, from.size(), to);
  ScratchDir dir;
  return revision_of(dir, text);
}

}  // namespace

TEST(Revision, SameConfigSameRevision) {
  const uint64_t r = inline_revision({kProvider, kAcme, kGlobex});
  EXPECT_NE(r, 0u);
  EXPECT_EQ(inline_revision({kProvider, kAcme, kGlobex}), r) << "loading twice";
  EXPECT_EQ(content_revision(*must_load(kModelConfig)), content_revision(*must_load(kModelConfig)));
}

TEST(Revision, CommentsAndSpacingDoNotCount) {
  const uint64_t r = inline_revision({kProvider, kAcme, kGlobex});
  std::string text = "# a comment\n" + inline_config({kProvider, kAcme, kGlobex}) + "\n// another\n\n";
  for (size_t at = text.find("; "); at != std::string::npos; at = text.find("; ", at + 4)) text.replace(at, 2, ";\n  ");
  ScratchDir dir;
  EXPECT_EQ(revision_of(dir, text), r);
}

TEST(Revision, TheOrderOfTheDomainsDoesNotCount) {
  const uint64_t r = inline_revision({kProvider, kAcme, kGlobex});
  EXPECT_EQ(inline_revision({kGlobex, kProvider, kAcme}), r);
  EXPECT_EQ(inline_revision({kAcme, kGlobex, kProvider}), r);
}

TEST(Revision, ADomainsDirGivesTheRevisionOfOneFile) {
  const uint64_t r = inline_revision({kProvider, kAcme, kGlobex});
  {
    ScratchDir dir;
    dir.write("domains.d/provider.example.conf", kProvider);
    dir.write("domains.d/acme.example.conf", kAcme);
    dir.write("domains.d/globex.example.conf", kGlobex);
    EXPECT_EQ(revision_of(dir, kTop + "domains_dir = \"domains.d\";\n"), r) << "one file per domain";
  }
  {
    ScratchDir dir;  // renamed, so they are read in another order
    dir.write("domains.d/10-globex.conf", kGlobex);
    dir.write("domains.d/20-acme.conf", kAcme);
    dir.write("domains.d/30-provider.conf", "# the provider\n" + kProvider);
    EXPECT_EQ(revision_of(dir, kTop + "domains_dir = \"domains.d\";\n"), r) << "another file order";
  }
  {
    ScratchDir dir;  // some inline, some in files, one file with a list
    dir.write("domains.d/rest.conf", "domains = ( { " + kGlobex + "}, { " + kProvider + "} );\n");
    dir.write("top.conf", kTop);
    EXPECT_EQ(
        revision_of(dir, "@include \"top.conf\"\ndomains_dir = \"domains.d\";\ndomains = ( { " + kAcme + "} );\n"), r)
        << "inline, included and listed in a file";
  }
}

TEST(Revision, EveryEffectiveChangeChangesIt) {
  const uint64_t r = inline_revision({kProvider, kAcme, kGlobex});
  const std::pair<const char *, const char *> changes[] = {
      {"{ id = \"100\"; scope = \"office_manager\"; },", "{ id = \"100\"; scope = \"site_manager\"; site = \"HQ\"; },"},
      {"{ id = \"160\"; scope = \"call_center_agent\"; site = \"HQ\"; }",
       "{ id = \"160\"; scope = \"call_center_agent\"; site = \"Branch\"; }"},
      {"{ id = \"160\"; scope = \"call_center_agent\"; site = \"HQ\"; }",
       "{ id = \"160\"; scope = \"call_center_agent\"; site = \"HQ\"; enabled = false; }"},
      {"{ id = \"101\"; scope = \"basic_user\";", "{ id = \"102\"; scope = \"basic_user\";"},
      {"agents = [ \"160\" ]", "agents = [ \"160\", \"150\" ]"},
      {"view = [ \"stats_grid\" ]", "view = [ \"stats_grid\", \"agents\" ]"},
      {"queues = [ \"sales\" ]", "queues = \"all\""},
      {"domains = [ \"globex.example\", \"acme.example\" ]", "domains = [ \"acme.example\" ]"},
      {"sites = [ \"HQ\", \"Branch\" ]", "sites = [ \"HQ\", \"Branch\", \"Annex\" ]"},
      {"{ id = \"100\"; scope = \"office_manager\"; } );\n",
       "{ id = \"100\"; scope = \"office_manager\"; system = true; } );\n"},
      {"basic_user = \"none\"; } );", "basic_user = \"self\"; } );"},        // domain level
      {"reach = \"self\"; } ); }", "reach = \"none\"; } ); }"},              // user level
      {"basic_user = \"self\"; } );\n", "basic_user = \"domain\"; } );\n"},  // top level
      {"new = true;", "new = true; guarded = true;"},
      {"prefix = \"*33\"", "prefix = \"*34\""},
      {"target = \"user\"; },", "target = \"queue\"; },"},
      {"version = 1;", "version = 1; emergency_numbers = [ \"911\" ];"},
      {"version = 1;", "version = 1; login = { channels = { basic_user = [ \"portal\" ]; }; };"},
      {"version = 1;", "version = 1; log = { level = \"debug\"; };"},
      {"version = 1;", "version = 1; log = { audit = true; };"},
      {"version = 1;", "version = 1; strict_permissions = false;"},
  };
  for (const auto &[from, to] : changes) EXPECT_NE(changed(from, to), r) << from << " -> " << to;
}

TEST(Revision, TextIsSixteenLowercaseHexDigits) {
  EXPECT_EQ(revision_text(0x1234), "0000000000001234");
  EXPECT_EQ(revision_text(0xfedcba9876543210ull), "fedcba9876543210");
}

}  // namespace scopegate::test
