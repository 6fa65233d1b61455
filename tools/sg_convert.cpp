// sg_convert.cpp - views to ABI strings and targets.
#include "sg_convert.hpp"

#include <cstring>

namespace scopegate::cli {

sg_str to_sg(std::string_view s) {
  sg_str out;
  out.ptr = s.empty() ? nullptr : s.data();
  out.len = s.size();
  return out;
}

sg_target to_sg_target(const TargetSpec& spec) {
  sg_target t;
  std::memset(&t, 0, sizeof t);
  t.kind = spec.kind;
  t.id = to_sg(spec.id);
  t.domain = to_sg(spec.domain);
  t.object_kind = to_sg(spec.object_kind);
  t.site = to_sg(spec.site);
  t.owner = to_sg(spec.owner);
  t.queue = to_sg(spec.queue);
  t.scope = to_sg(spec.scope);
  return t;
}

}  // namespace scopegate::cli
