/* The public header compiles alone as strict C99 (and twice: include guard). */
#include <scopegate/scopegate.h>
#include <scopegate/scopegate.h>

/* Use what the header offers so its macros and inline helpers are compiled too. */
int sg_header_c_check(const sg_api *api);
int sg_header_c_check(const sg_api *api) {
  sg_login_req req;
  sg_decision d;
  sg_str s = SG_STR("101");
  sg_str t = sg_cstr(NULL);
  SG_INIT(req);
  SG_INIT(d);
  req.user = s;
  req.domain = sg_cstr("acme.example");
  req.channel = SG_CHANNEL_SIP_DEVICE;
  return (int)(t.len + (size_t)SG_API_HAS(api, dump) + (size_t)req.struct_size + d.struct_size +
               SG_ABI_MAJOR + SG_ABI_MINOR + (SG_REQ_EXPLAIN ? 1 : 0) + SG_REASON_INTERNAL_ERROR);
}
