/*
 * sg_stats.h - decisions counted by hook, verdict and reason, as Kamailio
 * statistics of the group "scopegate" ("dial_allow_ok"; scopegate.stats
 * names them "dial.allow.ok").
 */
#ifndef SG_KAM_STATS_H
#define SG_KAM_STATS_H

#include "core/rpc.h"

/* Register every counter (mod_init, before the fork). 0 ok. */
int sg_stats_register(void);
/* Count one decision: no lock, no allocation (Kamailio's counters keep one
 * slot per process in shared memory). */
void sg_stats_count(int hook, int verdict, int reason);
/* Add every counter, summed over the processes, to an RPC struct. */
void sg_stats_rpc(rpc_t *rpc, void *ctx);

#endif
