/*
 * sg_shared.h - what the processes of one Kamailio share about scopegate:
 * the published config generation and one status row per process.
 */
#ifndef SG_KAM_SHARED_H
#define SG_KAM_SHARED_H

#include <stdint.h>

#define SG_STATUS_MESSAGE_LEN 512

/* One process's view, written only by that process (so no lock), read by
 * scopegate.info. */
typedef struct sg_proc_status {
	int pid;
	int rank;
	int in_use;
	int last_reload_ok;
	uint64_t generation;
	char last_reload_message[SG_STATUS_MESSAGE_LEN];
	/* The plugin's sg_info of the config this process decides on (ABI 1.3;
	 * 0 from an older plugin): its content revision and what the load that
	 * built it read, built and took. */
	uint64_t revision;
	uint32_t files_read;
	uint32_t domains_rebuilt;
	uint64_t load_usec;
} sg_proc_status_t;

/* Allocate the generation counter (mod_init). 0 ok. */
int sg_shared_init_generation(void);
/* Allocate the status table for every process (child_init PROC_INIT). */
int sg_shared_init_table(int procs);
void sg_shared_destroy(void);

/* The generation the RPC published last; 1 after start. */
uint64_t sg_shared_generation(void);
/* Publish a new generation; returns it. */
uint64_t sg_shared_publish(void);

/* This process's row (process_no), NULL before the table exists. */
sg_proc_status_t *sg_shared_self(void);
int sg_shared_procs(void);
const sg_proc_status_t *sg_shared_row(int i);

#endif
