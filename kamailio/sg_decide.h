/*
 * sg_decide.h - one decision in this process: reload when a new generation
 * was published, ask the plugin, count it, and remember the answer for
 * $sg(...) of the message.
 */
#ifndef SG_KAM_DECIDE_H
#define SG_KAM_DECIDE_H

#include "core/parser/msg_parser.h"
#include "core/str.h"

#include <scopegate/scopegate.h>

/* Kamailio's returns: never 0, which would end the route. */
#define SG_RET_ALLOW 1
#define SG_RET_DENY -1
#define SG_RET_ERROR -2

/* Open this process's handle (child_init). 0 ok. */
int sg_decide_open(const char *config);
void sg_decide_close(void);

/* The three hooks, arguments as the cfg functions and KEMI take them.
 * options may be NULL. msg may be NULL (no $sg() state kept then). */
int sg_decide_login(sip_msg_t *msg, str *user, str *domain, str *channel);
int sg_decide_dial(sip_msg_t *msg, str *user, str *domain, str *destination);
int sg_decide_feature(sip_msg_t *msg, str *user, str *domain, str *feature,
		str *target, str *options);

/* The last decision of msg in this process, for $sg(): NULL when msg was
 * not decided here. */
typedef struct sg_last {
	unsigned int msg_id;
	int msg_pid;
	int verdict;
	const char *reason;
	uint64_t generation;
} sg_last_t;
const sg_last_t *sg_decide_last(sip_msg_t *msg);

/* Reload this process's handle now if a new generation was published. */
void sg_decide_sync(void);



/* This process's handle, synced to the published generation (for
 * scopegate.explain); NULL when it could not be opened. */
sg_handle *sg_decide_handle(void);
#endif
