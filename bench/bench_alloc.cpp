// Zero heap allocations per decision, proven by counting: this program
// replaces malloc and its relatives (exported from the executable, so the
// dlopened module and libstdc++ call these too), then runs 1,000,000
// decisions of each kind through the C ABI and counts what was allocated
// meanwhile. Any allocation is an error: the benchmark is marked failed and
// the program exits 1, so the ctest fails.
#include <malloc.h>

#include <atomic>
#include <cstdio>
#include <cstring>
#include <string>
#include <vector>

#include "bench_support.hpp"
#include "requests.hpp"
#include "workload.hpp"

// glibc's allocator under its internal names; the replacements count, then
// hand over.
extern "C" {
void *__libc_malloc(size_t size);
void *__libc_calloc(size_t count, size_t size);
void *__libc_realloc(void *p, size_t size);
void *__libc_memalign(size_t alignment, size_t size);
void __libc_free(void *p);
}

namespace {
std::atomic<uint64_t> g_allocations{0};
void count() { g_allocations.fetch_add(1, std::memory_order_relaxed); }
}  // namespace

extern "C" {
void *malloc(size_t size) {
  count();
  return __libc_malloc(size);
}
void *calloc(size_t n, size_t size) {
  count();
  return __libc_calloc(n, size);
}
void *realloc(void *p, size_t size) {
  count();
  return __libc_realloc(p, size);
}
void *memalign(size_t alignment, size_t size) {
  count();
  return __libc_memalign(alignment, size);
}
void *aligned_alloc(size_t alignment, size_t size) {
  count();
  return __libc_memalign(alignment, size);
}
int posix_memalign(void **out, size_t alignment, size_t size) {
  count();
  void *p = __libc_memalign(alignment, size);
  if (!p) return ENOMEM;
  *out = p;
  return 0;
}
void free(void *p) { __libc_free(p); }
}

namespace scopegate::bench {
namespace {

constexpr int64_t kDecisions = 1000000;
constexpr size_t kRequests = 1 << 12;
bool g_failed = false;

struct World {
  Workload workload = workload_from_env(100000, 1000);
  sg_handle *handle = nullptr;
  // The same platform where every customer domain and every user has
  // policy entries of its own (SPEC 3.1): grants come from the levels.
  sg_handle *overrides = nullptr;
  RequestSet requests{workload, kRequests, 0xa110c};
  // Every rule of SPEC 2.x gets visited: strings for the mixed requests.
  std::string customer = Workload::domain_name(0);
  std::vector<sg_login_req> logins;
  std::vector<sg_feature_req> features, level_features;
  std::vector<sg_dial_req> dials;

  World() {
    handle = module().open(ensure_config(workload));
    Workload with_entries = workload;
    with_entries.overrides = true;
    overrides = module().open(ensure_config(with_entries));
    for (size_t k = 0; k < kRequests; ++k) {  // every channel, sip_device included
      sg_login_req l = requests.login[k];
      l.channel = static_cast<int32_t>(SG_CHANNEL_PORTAL + k % 6);
      logins.push_back(l);
    }
    build_features();
    build_level_features();
    build_dials();
  }

  sg_feature_req feature(const char *user, const char *feature_id, int32_t kind, const char *id) {
    sg_feature_req f;
    SG_INIT(f);
    f.user = sg_cstr(user);
    f.domain = sg_cstr(customer.c_str());
    f.feature = sg_cstr(feature_id);
    f.target.kind = kind;
    f.target.id = sg_cstr(id);
    return f;
  }

  void build_features() {
    features.push_back(feature("1000", "users.edit", SG_TARGET_USER, "1005"));
    features.push_back(feature("1001", "users.edit", SG_TARGET_USER, "1000"));          // rank_too_low
    features.push_back(feature("1003", "queue.status.view", SG_TARGET_QUEUE, "sales"));  // supervisor
    features.push_back(feature("1004", "queue.status.view", SG_TARGET_QUEUE, "support"));
    features.push_back(feature("1001", "inventory.view", SG_TARGET_SITE, "HQ"));
    features.push_back(feature("1000", "pbx_settings.edit", SG_TARGET_DOMAIN, ""));
    features.push_back(feature("1009", "agent_page.view", SG_TARGET_NONE, nullptr));
    features.push_back(feature("1009", "no.such.feature", SG_TARGET_NONE, nullptr));
    features.push_back(feature("99999", "users.view", SG_TARGET_NONE, nullptr));         // unknown user
    features.push_back(feature("1008", "users.view", SG_TARGET_NONE, nullptr));          // disabled
    features.push_back(feature("1007", "users.view", SG_TARGET_NONE, nullptr));          // system user
    features.push_back(feature("1000", "users.view", SG_TARGET_USER, "nobody"));         // unknown target
    features.push_back(feature("1000", "users.view", SG_TARGET_USER, "bad\x01id"));      // bad request
    sg_feature_req agent = feature("1004", "queue.agent.login", SG_TARGET_USER, "1004");
    agent.target.queue = SG_STR("sales");
    features.push_back(agent);
    sg_feature_req assign = feature("1000", "scope.assign", SG_TARGET_USER, "1005");
    assign.target.scope = SG_STR("site_manager");
    features.push_back(assign);
    sg_feature_req object = feature("1001", "conferences.edit", SG_TARGET_OBJECT, "conf-7");
    object.target.object_kind = SG_STR("conference");
    object.target.site = SG_STR("Branch");
    object.target.owner = SG_STR("1001");
    features.push_back(object);
  }

  // On the platform with entries: grants from a user's own entry, from
  // the domain's for the actor's scope, and from neither (top level or
  // built in, looked up past both).
  void build_level_features() {
    level_features.push_back(feature("1009", "users.view", SG_TARGET_USER, "1009"));            // domain: self
    level_features.push_back(feature("1009", "users.view", SG_TARGET_USER, "1010"));            // out of reach
    level_features.push_back(feature("1001", "users.view", SG_TARGET_USER, "1002"));            // domain: site
    level_features.push_back(feature("1009", "call_history.view", SG_TARGET_NONE, nullptr));    // user: none
    level_features.push_back(feature("1005", "voicemail.manage", SG_TARGET_NONE, nullptr));     // user: none
    level_features.push_back(feature("1003", "contacts.shared.edit", SG_TARGET_DOMAIN, ""));    // domain: none
    level_features.push_back(feature("1003", "time_frames.shared.edit", SG_TARGET_DOMAIN, ""));  // domain: domain
    level_features.push_back(feature("1000", "users.edit", SG_TARGET_USER, "1005"));            // neither level
  }

  void build_dials() {
    static const char *kDials[][2] = {
        {"1000", "*331005"}, {"1004", "*71sales"}, {"1004", "*72sales"}, {"1005", "911"},    {"99999", "112"},
        {"1005", "0900123"}, {"1005", "011442071234567"}, {"1005", "411"}, {"1005", "*33"}, {"1005", "*401"},
        {"1000", "19005551234"}, {"1006", "12125550123"}, {"1005", "1010"}, {"1005", "bad\x7f"},
        {"1000", "*33"},     {"1003", "*331005"}, {"1001", "*331000"}, {"1008", "1010"}, {"99999", "1010"}};
    for (auto &d : kDials) {
      sg_dial_req r;
      SG_INIT(r);
      r.user = sg_cstr(d[0]);
      r.domain = sg_cstr(customer.c_str());
      r.destination = sg_cstr(d[1]);
      dials.push_back(r);
    }
  }
};

World &world() {
  static World w;
  return w;
}

template <class Req, class Call>
void count_allocations(benchmark::State &st, const std::vector<Req> &reqs, Call call, sg_handle *handle = nullptr) {
  World &w = world();
  if (handle == nullptr) handle = w.handle;
  const sg_api &api = module().api();
  sg_decision out;
  SG_INIT(out);
  size_t k = 0, n = reqs.size();
  uint32_t reasons = 0;  // bit r: some decision answered reason r
  uint64_t before = g_allocations.load();
  for (auto _ : st) {
    (api.*call)(handle, &reqs[k], &out);
    reasons |= 1u << (out.reason & 31);
    if (++k == n) k = 0;
  }
  uint64_t allocations = g_allocations.load() - before;
  st.counters["decisions"] = static_cast<double>(st.iterations());
  st.counters["reasons_seen"] = __builtin_popcount(reasons);
  st.counters["allocations"] = static_cast<double>(allocations);
  if (allocations != 0) {
    g_failed = true;
    st.SkipWithError(("allocations during decisions: " + std::to_string(allocations)).c_str());
  }
}

void BM_login(benchmark::State &st) { count_allocations(st, world().logins, &sg_api::login); }
void BM_feature_user(benchmark::State &st) { count_allocations(st, world().requests.feature, &sg_api::feature); }
void BM_feature_mixed(benchmark::State &st) { count_allocations(st, world().features, &sg_api::feature); }
void BM_dial_monitor(benchmark::State &st) { count_allocations(st, world().requests.dial_monitor, &sg_api::dial); }
void BM_dial_national(benchmark::State &st) { count_allocations(st, world().requests.dial_national, &sg_api::dial); }
void BM_dial_local(benchmark::State &st) { count_allocations(st, world().requests.dial_local, &sg_api::dial); }
void BM_dial_mixed(benchmark::State &st) { count_allocations(st, world().dials, &sg_api::dial); }
// The actor and its domain have entries; the grant is the domain's.
void BM_feature_user_overrides(benchmark::State &st) {
  count_allocations(st, world().requests.feature, &sg_api::feature, world().overrides);
}
void BM_feature_levels(benchmark::State &st) {
  count_allocations(st, world().level_features, &sg_api::feature, world().overrides);
}
void BM_dial_monitor_overrides(benchmark::State &st) {
  count_allocations(st, world().requests.dial_monitor, &sg_api::dial, world().overrides);
}

BENCHMARK(BM_login)->Iterations(kDecisions);
BENCHMARK(BM_feature_user)->Iterations(kDecisions);
BENCHMARK(BM_feature_mixed)->Iterations(kDecisions);
BENCHMARK(BM_dial_monitor)->Iterations(kDecisions);
BENCHMARK(BM_dial_national)->Iterations(kDecisions);
BENCHMARK(BM_dial_local)->Iterations(kDecisions);
BENCHMARK(BM_dial_mixed)->Iterations(kDecisions);
BENCHMARK(BM_feature_user_overrides)->Iterations(kDecisions);
BENCHMARK(BM_feature_levels)->Iterations(kDecisions);
BENCHMARK(BM_dial_monitor_overrides)->Iterations(kDecisions);

// The replacement must see the module's own allocations, or a zero would
// prove nothing: opening a config allocates inside scopegate.so.
bool hook_sees_module() {
  std::string config = ensure_config(workload_from_env(100000, 1000));
  const Module &m = module();
  uint64_t before = g_allocations.load();
  sg_handle *h = m.open(config);
  uint64_t seen = g_allocations.load() - before;
  m.api().close(h);
  return seen > 1000;
}

}  // namespace
}  // namespace scopegate::bench

int main(int argc, char **argv) {
  using namespace scopegate::bench;
  if (!hook_sees_module()) {
    std::fprintf(stderr, "bench_alloc: the malloc replacement does not see the module's allocations\n");
    return 1;
  }
  int status = run_benchmarks(argc, argv, {});
  if (g_failed) {
    std::fprintf(stderr, "bench_alloc: decisions allocated memory (see 'allocations' above)\n");
    return 1;
  }
  std::printf("\nallocations during %lld decisions of each kind: 0\n", static_cast<long long>(kDecisions));
  return status;
}
