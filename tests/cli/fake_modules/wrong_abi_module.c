/* A module of another ABI major: sg_module_api refuses this host. */
#include <stddef.h>
#include <stdint.h>

const void *sg_module_api(uint32_t host_abi_major);
const void *sg_module_api(uint32_t host_abi_major) {
  (void)host_abi_major;
  return NULL;
}
