// The public header compiles alone as C++ (and twice: include guard).
#include <scopegate/scopegate.h>
#include <scopegate/scopegate.h>

#include <type_traits>

static_assert(std::is_standard_layout_v<sg_api> && std::is_trivially_copyable_v<sg_decision>,
              "the ABI structs are plain C structs");

int sg_header_cxx_check(const sg_api *api) {
  sg_feature_req req;
  SG_INIT(req);
  req.feature = SG_STR("users.view");
  req.target.kind = SG_TARGET_USER;
  req.target.id = sg_cstr("102");
  sg_module_api_fn get = &sg_module_api;
  return static_cast<int>(req.struct_size + SG_API_HAS(api, dump) + (get != nullptr));
}
