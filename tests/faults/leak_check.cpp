// Leak check: open, decide, reload (good and bad), info, dump, close, each
// twice over, on the built module loaded with dlopen. Run under valgrind
// (--leak-check=full --error-exitcode=1) or built with AddressSanitizer,
// whose LeakSanitizer checks at exit: any leak or invalid access fails it.
// Plain main(), no test framework, so valgrind sees only the module's work.
#include <cstdio>
#include <cstdlib>
#include <string>

#include "faults_support.hpp"

using namespace sgfault;

namespace {

int failures = 0;

void check(bool ok, const char *what) {
  if (ok) return;
  std::fprintf(stderr, "leak_check: FAILED: %s\n", what);
  ++failures;
}

void emit(void *user, const char *, size_t) { ++*static_cast<int *>(user); }

void decide_all(sg_handle *h) {
  check(answers(h).size() == 10, "decisions");
  char text[512];
  sg_feature_req fr;
  SG_INIT(fr);
  fr.flags = SG_REQ_EXPLAIN;
  fr.user = SG_STR("150");
  fr.domain = SG_STR("acme.example");
  fr.feature = SG_STR("agent.status.change");
  fr.target.kind = SG_TARGET_USER;
  fr.target.id = SG_STR("160");
  fr.target.queue = SG_STR("sales");
  sg_decision d;
  SG_INIT(d);
  d.explain = text;
  d.explain_cap = sizeof text;
  check(api().feature(h, &fr, &d) == SG_ALLOW, "explained feature");
  check(text[0] != '\0', "explanation written");
}

void round_trip(const TempDir &dir, const ConfigTree &tree) {
  LogCapture log;
  sg_error err;
  sg_handle *h = open_config(tree.main, err, &log);
  check(h != nullptr, "open");
  if (h == nullptr) return;
  decide_all(h);
  check(api().reload(h, &err) == 0, "good reload");

  // Bad reloads of every kind; the handle keeps its snapshot.
  dir.write("domains.d/acme.example.conf", std::string(ConfigTree::domain_text()) + "bogus = 1;\n");
  check(api().reload(h, &err) == -1, "reload with an unknown key");
  dir.write("domains.d/acme.example.conf", "name = \"acme.example\"; users = ( { id = ; } );\n");
  check(api().reload(h, &err) == -1, "reload with a syntax error");
  dir.write("domains.d/acme.example.conf", "\"stray\";\n");
  check(api().reload(h, &err) == -1, "reload with a stray string");
  dir.write("inc.conf", "emergency_numbers = [ 911 ];\n");
  check(api().reload(h, &err) == -1, "reload with a wrong type in an include");
  dir.write("inc.conf", ConfigTree::include_text());
  dir.write("domains.d/acme.example.conf", ConfigTree::domain_text_101_disabled());
  check(api().reload(h, &err) == 0, "good reload after bad ones");
  dir.write("domains.d/acme.example.conf", ConfigTree::domain_text());
  decide_all(h);

  sg_info info;
  SG_INIT(info);
  check(api().info(h, &info) == 0 && info.generation == 3, "info");
  int lines = 0;
  check(api().dump(h, sg_str{nullptr, 0}, emit, &lines) == 0 && lines > 0, "dump");
  api().close(h);

  // An open that fails.
  dir.write("bad.conf", "version = 2;\n");
  check(open_config(dir.file("bad.conf"), err) == nullptr, "open of a bad config fails");
}

}  // namespace

int main() {
  TempDir dir;
  ConfigTree tree(dir);
  round_trip(dir, tree);
  round_trip(dir, tree);
  std::printf("leak_check: %s\n", failures ? "FAILED" : "open/decide/reload/close twice: done");
  return failures ? 1 : 0;
}
