// A host that calls the module wrongly gets a defined answer, never a crash
// (the header documents each): NULL handle, request, decision, error or
// args; a struct_size of zero, too small, or larger than this module knows
// (a newer host). close() twice is caught by debug builds of the module.
// (A decision with a handle after close, or from another module's table, is
// undefined, as the header says; nothing tests it.)
#include <gtest/gtest.h>

#include <dlfcn.h>

#include <cstring>

#include "faults_support.hpp"

namespace sgfault {
namespace {

class HostMisuse : public ::testing::Test {
 protected:
  TempDir dir;
  ConfigTree tree{dir};
  sg_handle *h = nullptr;
  sg_login_req login_req;
  sg_dial_req dial_req;
  sg_feature_req feature_req;

  void SetUp() override {
    sg_error err;
    h = open_config(tree.main, err);
    ASSERT_NE(h, nullptr) << err.message;
    SG_INIT(login_req);
    login_req.user = SG_STR("101");
    login_req.domain = SG_STR("acme.example");
    login_req.channel = SG_CHANNEL_PORTAL;
    SG_INIT(dial_req);
    dial_req.user = SG_STR("101");
    dial_req.domain = SG_STR("acme.example");
    dial_req.destination = SG_STR("5551234");
    SG_INIT(feature_req);
    feature_req.user = SG_STR("100");
    feature_req.domain = SG_STR("acme.example");
    feature_req.feature = SG_STR("users.edit");
    feature_req.target.kind = SG_TARGET_USER;
    feature_req.target.id = SG_STR("101");
  }
  void TearDown() override {
    if (h) api().close(h);
  }

  // The three decisions with the same handle/decision, for checks that
  // hold for each.
  template <class Check>
  void each_decision(sg_handle *handle, bool null_request, sg_decision *out, Check check) {
    check("login", api().login(handle, null_request ? nullptr : &login_req, out));
    check("dial", api().dial(handle, null_request ? nullptr : &dial_req, out));
    check("feature", api().feature(handle, null_request ? nullptr : &feature_req, out));
  }
};

void expect_bad_request(const char *hook, int32_t ret, const sg_decision &d) {
  EXPECT_EQ(ret, SG_ERROR) << hook;
  EXPECT_EQ(d.verdict, SG_ERROR) << hook;
  EXPECT_EQ(d.reason, SG_REASON_BAD_REQUEST) << hook;
  ASSERT_NE(d.reason_name, nullptr) << hook;
  EXPECT_STREQ(d.reason_name, "bad_request") << hook;
}

TEST_F(HostMisuse, WellFormedRequestsAllow) {
  sg_decision d;
  SG_INIT(d);
  each_decision(h, false, &d, [&](const char *hook, int32_t ret) {
    EXPECT_EQ(ret, SG_ALLOW) << hook;
    EXPECT_EQ(d.generation, 1u) << hook;
  });
}

TEST_F(HostMisuse, NullHandleIsABadRequest) {
  sg_decision d;
  SG_INIT(d);
  each_decision(nullptr, false, &d, [&](const char *hook, int32_t ret) { expect_bad_request(hook, ret, d); });
  EXPECT_EQ(d.generation, 0u);
}

TEST_F(HostMisuse, NullRequestIsABadRequest) {
  sg_decision d;
  SG_INIT(d);
  each_decision(h, true, &d, [&](const char *hook, int32_t ret) { expect_bad_request(hook, ret, d); });
}

TEST_F(HostMisuse, NullDecisionIsAnError) {
  each_decision(h, false, nullptr, [](const char *hook, int32_t ret) { EXPECT_EQ(ret, SG_ERROR) << hook; });
  each_decision(nullptr, true, nullptr, [](const char *hook, int32_t ret) { EXPECT_EQ(ret, SG_ERROR) << hook; });
}

TEST_F(HostMisuse, ZeroStructSizeRequestIsABadRequest) {
  login_req.struct_size = dial_req.struct_size = feature_req.struct_size = 0;
  sg_decision d;
  SG_INIT(d);
  each_decision(h, false, &d, [&](const char *hook, int32_t ret) { expect_bad_request(hook, ret, d); });
}

TEST_F(HostMisuse, TooSmallStructSizeRequestIsABadRequest) {
  login_req.struct_size = sizeof login_req - 1;
  dial_req.struct_size = sizeof dial_req - 1;
  feature_req.struct_size = offsetof(sg_feature_req, target);
  sg_decision d;
  SG_INIT(d);
  each_decision(h, false, &d, [&](const char *hook, int32_t ret) { expect_bad_request(hook, ret, d); });
}

// The module may write nothing into a decision whose struct_size covers
// nothing: the bytes stay as the host left them.
TEST_F(HostMisuse, ZeroStructSizeDecisionIsNotWritten) {
  sg_decision d;
  std::memset(&d, 0x5a, sizeof d);
  d.struct_size = 0;
  sg_decision before = d;
  each_decision(h, false, &d, [&](const char *hook, int32_t ret) {
    EXPECT_EQ(ret, SG_ERROR) << hook;
    EXPECT_EQ(std::memcmp(&d, &before, sizeof d), 0) << hook << ": decision written";
  });
}

// A decision from an older host (no explain fields): answered, and the
// explain fields it does not have are never touched, even when asked.
TEST_F(HostMisuse, DecisionWithoutExplainFieldsIsAnswered) {
  struct {
    sg_decision d;
  } box;
  std::memset(&box, 0x5a, sizeof box);
  box.d.struct_size = offsetof(sg_decision, explain);
  login_req.flags = SG_REQ_EXPLAIN;
  EXPECT_EQ(api().login(h, &login_req, &box.d), SG_ALLOW);
  EXPECT_EQ(box.d.verdict, SG_ALLOW);
  EXPECT_STREQ(box.d.reason_name, "ok");
  unsigned char tail[sizeof(sg_decision) - offsetof(sg_decision, explain)];
  std::memset(tail, 0x5a, sizeof tail);
  EXPECT_EQ(std::memcmp(reinterpret_cast<unsigned char *>(&box.d) + offsetof(sg_decision, explain), tail, sizeof tail), 0);
}

template <class T>
struct Newer {
  T s;
  unsigned char appended[64];
};

// A newer host's structs are larger: the module reads and writes only what
// it knows; the rest is neither read into the answer nor written.
TEST_F(HostMisuse, LargerStructSizesFromANewerHost) {
  Newer<sg_login_req> lr;
  std::memset(&lr, 0xee, sizeof lr);
  lr.s = login_req;
  lr.s.struct_size = sizeof lr;
  Newer<sg_dial_req> dr;
  std::memset(&dr, 0xee, sizeof dr);
  dr.s = dial_req;
  dr.s.struct_size = sizeof dr;
  Newer<sg_feature_req> fr;
  std::memset(&fr, 0xee, sizeof fr);
  fr.s = feature_req;
  fr.s.struct_size = sizeof fr;
  Newer<sg_decision> d;
  std::memset(&d, 0x77, sizeof d);
  d.s.struct_size = sizeof d;
  d.s.explain = nullptr;
  d.s.explain_cap = 0;
  EXPECT_EQ(api().login(h, &lr.s, &d.s), SG_ALLOW);
  EXPECT_EQ(api().dial(h, &dr.s, &d.s), SG_ALLOW);
  EXPECT_EQ(api().feature(h, &fr.s, &d.s), SG_ALLOW);
  EXPECT_STREQ(d.s.reason_name, "ok");
  for (unsigned char c : d.appended) ASSERT_EQ(c, 0x77) << "bytes past sizeof(sg_decision) written";

  Newer<sg_info> info;
  std::memset(&info, 0x77, sizeof info);
  info.s.struct_size = sizeof info;
  EXPECT_EQ(api().info(h, &info.s), 0);
  EXPECT_EQ(info.s.generation, 1u);
  for (unsigned char c : info.appended) ASSERT_EQ(c, 0x77) << "bytes past sizeof(sg_info) written";

  Newer<sg_error> err;
  std::memset(&err, 0x77, sizeof err);
  err.s.struct_size = sizeof err;
  EXPECT_EQ(api().reload(h, &err.s), 0);
  EXPECT_EQ(err.s.code, 0);
  for (unsigned char c : err.appended) ASSERT_EQ(c, 0x77) << "bytes past sizeof(sg_error) written";

  Newer<sg_open_args> args;
  std::memset(&args, 0xee, sizeof args);
  SG_INIT(args.s);
  args.s.struct_size = sizeof args;
  args.s.config_path = tree.main.c_str();
  sg_handle *other = nullptr;
  EXPECT_EQ(api().open(&args.s, &other, nullptr), 0);
  ASSERT_NE(other, nullptr);
  api().close(other);
}

TEST_F(HostMisuse, InfoRefusesNullAndSmallStructs) {
  sg_info info;
  SG_INIT(info);
  EXPECT_EQ(api().info(nullptr, &info), -1);
  EXPECT_EQ(api().info(h, nullptr), -1);
  info.struct_size = 0;
  EXPECT_EQ(api().info(h, &info), -1);
  // Smaller than the sg_info of ABI 1.0; the fields of ABI 1.3 after it are
  // optional (an older host's struct is accepted without them).
  info.struct_size = offsetof(sg_info, revision) - 1;
  EXPECT_EQ(api().info(h, &info), -1);
  info.struct_size = offsetof(sg_info, revision);
  EXPECT_EQ(api().info(h, &info), 0);
}

TEST_F(HostMisuse, ReloadAndOpenWithBadArguments) {
  sg_error err;
  SG_INIT(err);
  EXPECT_EQ(api().reload(nullptr, &err), -1);
  EXPECT_EQ(err.code, -2);
  EXPECT_NE(err.message[0], '\0');
  EXPECT_EQ(api().reload(nullptr, nullptr), -1);
  EXPECT_EQ(api().reload(h, nullptr), 0);  // no error wanted: fine
  EXPECT_EQ(generation(h), 2u);

  sg_handle *out = reinterpret_cast<sg_handle *>(&err);  // must be reset to NULL
  SG_INIT(err);
  EXPECT_EQ(api().open(nullptr, &out, &err), -1);
  EXPECT_EQ(out, nullptr);
  EXPECT_EQ(err.code, -2);

  sg_open_args args;
  SG_INIT(args);
  args.config_path = tree.main.c_str();
  EXPECT_EQ(api().open(&args, nullptr, &err), -1);
  EXPECT_EQ(err.code, -2);

  args.struct_size = 0;
  SG_INIT(err);
  EXPECT_EQ(api().open(&args, &out, &err), -1);
  EXPECT_EQ(out, nullptr);
  EXPECT_EQ(err.code, -2);

  // An sg_error whose struct_size covers nothing is not written.
  SG_INIT(args);
  std::string missing = dir.file("missing.conf");
  args.config_path = missing.c_str();
  sg_error untouched;
  std::memset(&untouched, 0x5a, sizeof untouched);
  untouched.struct_size = 0;
  sg_error copy = untouched;
  EXPECT_EQ(api().open(&args, &out, &untouched), -1);
  EXPECT_EQ(std::memcmp(&untouched, &copy, sizeof copy), 0);
  EXPECT_EQ(api().open(&args, &out, nullptr), -1);
  EXPECT_EQ(out, nullptr);
}

TEST_F(HostMisuse, DumpWithBadArguments) {
  auto emit = [](void *, const char *, size_t) {};
  EXPECT_EQ(api().dump(nullptr, sg_str{nullptr, 0}, emit, nullptr), -1);
  EXPECT_EQ(api().dump(h, sg_str{nullptr, 0}, nullptr, nullptr), -1);
  EXPECT_EQ(api().dump(h, sg_str{nullptr, 5}, emit, nullptr), -1);
  EXPECT_EQ(api().dump(h, SG_STR("acme.example"), emit, nullptr), 0);
}

TEST_F(HostMisuse, CloseNullIsIgnored) { api().close(nullptr); }

TEST_F(HostMisuse, OtherAbiMajorsGetNoTable) {
  void *so = ::dlopen(SG_TEST_MODULE, RTLD_NOW | RTLD_NOLOAD);
  ASSERT_NE(so, nullptr);
  void *sym = ::dlsym(so, SG_MODULE_API_SYMBOL);
  sg_module_api_fn get = nullptr;
  std::memcpy(&get, &sym, sizeof get);
  ASSERT_NE(get, nullptr);
  EXPECT_EQ(get(0), nullptr);
  EXPECT_EQ(get(SG_ABI_MAJOR + 1), nullptr);
  EXPECT_EQ(get(UINT32_MAX), nullptr);
  EXPECT_EQ(get(SG_ABI_MAJOR), &api());
  ::dlclose(so);
}

TEST_F(HostMisuse, ExplainIntoNoBuffer) {
  sg_decision d;
  SG_INIT(d);
  login_req.flags = SG_REQ_EXPLAIN;
  d.explain = nullptr;
  d.explain_cap = 100;
  EXPECT_EQ(api().login(h, &login_req, &d), SG_ALLOW);
  char one = 'x';
  d.explain = &one;
  d.explain_cap = 0;
  EXPECT_EQ(api().login(h, &login_req, &d), SG_ALLOW);
  EXPECT_EQ(one, 'x');
  d.explain_cap = 1;
  EXPECT_EQ(api().login(h, &login_req, &d), SG_ALLOW);
  EXPECT_EQ(one, '\0');
}

// Debug builds of the module (NDEBUG not defined) remember live handles and
// stop a second close() with a message instead of freeing twice.
TEST(HostMisuseDebug, CloseTwiceIsCaughtByADebugBuild) {
  const sg_api &debug = load_api(SG_TEST_DEBUG_MODULE);
  TempDir dir;
  ConfigTree tree(dir);
  sg_error err;
  sg_handle *h = open_config(tree.main, err, nullptr, debug);
  ASSERT_NE(h, nullptr) << err.message;
  debug.close(h);
  EXPECT_DEATH(debug.close(h), "closed twice");
}

}  // namespace
}  // namespace sgfault
