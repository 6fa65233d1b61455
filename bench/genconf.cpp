// sg_bench_genconf: writes a benchmark config (and optionally a batch
// request file) for N users in D domains.
//
//   sg_bench_genconf --users 1000000 --domains 1000 --out big.conf [--requests 1000000 --requests-out req.txt]
//   sg_bench_genconf --users 1000000 --domains 1000 --split DIR   (DIR/scopegate.conf + DIR/domains.d/*.conf)
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <exception>
#include <string>

#include "workload.hpp"

namespace {

int usage() {
  std::fprintf(stderr,
               "usage: sg_bench_genconf --users N --domains D (--out FILE | --split DIR)\n"
               "                        [--requests LINES --requests-out FILE]\n");
  return 2;
}

}  // namespace

int main(int argc, char **argv) {
  scopegate::bench::Workload w;
  std::string out, split, requests_out;
  unsigned long requests = 0;
  for (int i = 1; i < argc; ++i) {
    auto value = [&]() -> const char * { return i + 1 < argc ? argv[++i] : nullptr; };
    const char *v = nullptr;
    if (!std::strcmp(argv[i], "--users") && (v = value())) w.users = static_cast<uint32_t>(std::strtoul(v, nullptr, 10));
    else if (!std::strcmp(argv[i], "--domains") && (v = value())) w.domains = static_cast<uint32_t>(std::strtoul(v, nullptr, 10));
    else if (!std::strcmp(argv[i], "--out") && (v = value())) out = v;
    else if (!std::strcmp(argv[i], "--split") && (v = value())) split = v;
    else if (!std::strcmp(argv[i], "--requests") && (v = value())) requests = std::strtoul(v, nullptr, 10);
    else if (!std::strcmp(argv[i], "--requests-out") && (v = value())) requests_out = v;
    else return usage();
  }
  if (out.empty() == split.empty() || w.domains == 0 || w.users < 3 * w.domains || (requests > 0) != !requests_out.empty()) return usage();
  try {
    if (!out.empty()) w.write_config(out);
    if (!split.empty()) w.write_split_config(split);
    if (requests) w.write_requests(requests_out, static_cast<uint32_t>(requests));
  } catch (const std::exception &e) {
    std::fprintf(stderr, "sg_bench_genconf: %s\n", e.what());
    return 1;
  }
  return 0;
}
