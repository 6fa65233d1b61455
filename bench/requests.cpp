#include "requests.hpp"

namespace scopegate::bench {

sg_str id_of(const std::string &key) {
  size_t at = key.rfind('@');
  return sg_str{key.data(), at};
}

sg_str domain_of(const std::string &key) {
  size_t at = key.rfind('@');
  return sg_str{key.data() + at + 1, key.size() - at - 1};
}

namespace {

sg_str view(const std::string &s) { return sg_str{s.data(), s.size()}; }

sg_dial_req dial(const std::string &caller, const std::string &number) {
  sg_dial_req r;
  SG_INIT(r);
  r.user = id_of(caller);
  r.domain = domain_of(caller);
  r.destination = view(number);
  return r;
}

}  // namespace

RequestSet::RequestSet(const Workload &w, size_t count, uint64_t seed) {
  uint64_t x = seed | 1;
  auto next = [&] {  // xorshift64: reproducible, no allocation
    x ^= x << 13;
    x ^= x >> 7;
    x ^= x << 17;
    return x;
  };
  const uint32_t n = w.users_per_domain();
  for (size_t k = 0; k < count; ++k) {
    uint64_t r = next();
    auto d = static_cast<uint32_t>(r % w.domains);
    auto i = static_cast<uint32_t>((r >> 20) % n), j = static_cast<uint32_t>((r >> 40) % n);
    std::string domain = Workload::domain_name(d);
    actor_keys.push_back(Workload::user_id(i) + "@" + domain);
    target_keys.push_back(Workload::user_id(j) + "@" + domain);
    manager_keys.push_back(Workload::user_id(static_cast<uint32_t>(r >> 8) % 3) + "@" + domain);
    monitor_numbers.push_back("*33" + Workload::user_id(j));
    national_numbers.push_back("1212555" + std::to_string(1000 + (r >> 4) % 9000));
    local_numbers.push_back(Workload::user_id(j));
  }
  // Every string is in place now; the requests point into them.
  for (size_t k = 0; k < count; ++k) {
    sg_login_req l;
    SG_INIT(l);
    l.user = id_of(actor_keys[k]);
    l.domain = domain_of(actor_keys[k]);
    l.channel = SG_CHANNEL_PORTAL;
    login.push_back(l);

    sg_feature_req f;
    SG_INIT(f);
    f.user = id_of(actor_keys[k]);
    f.domain = domain_of(actor_keys[k]);
    f.feature = SG_STR("users.view");
    f.target.kind = SG_TARGET_USER;
    f.target.id = id_of(target_keys[k]);
    feature.push_back(f);

    dial_monitor.push_back(dial(manager_keys[k], monitor_numbers[k]));
    dial_national.push_back(dial(actor_keys[k], national_numbers[k]));
    dial_local.push_back(dial(actor_keys[k], local_numbers[k]));
  }
}

}  // namespace scopegate::bench
