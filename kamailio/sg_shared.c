/*
 * sg_shared.c - the generation counter and the per-process status table in
 * Kamailio's shared memory.
 *
 * The decision path only reads the counter (one atomic load) and writes its
 * own row; neither needs a lock. Publishing is an atomic increment, so two
 * reloads at once each get their own generation.
 */
#include <string.h>

#include "core/dprint.h"
#include "core/mem/shm_mem.h"
#include "core/pt.h"

#include "sg_shared.h"

static uint64_t *sg_generation = NULL;
static sg_proc_status_t *sg_table = NULL;
static int sg_table_len = 0;

int sg_shared_init_generation(void)
{
	sg_generation = (uint64_t *)shm_malloc(sizeof(*sg_generation));
	if(sg_generation == NULL) {
		SHM_MEM_ERROR;
		return -1;
	}
	__atomic_store_n(sg_generation, 1, __ATOMIC_RELEASE);
	return 0;
}

int sg_shared_init_table(int procs)
{
	if(procs <= 0)
		return -1;
	sg_table = (sg_proc_status_t *)shm_malloc(sizeof(*sg_table) * (size_t)procs);
	if(sg_table == NULL) {
		SHM_MEM_ERROR;
		return -1;
	}
	memset(sg_table, 0, sizeof(*sg_table) * (size_t)procs);
	sg_table_len = procs;
	return 0;
}

void sg_shared_destroy(void)
{
	if(sg_generation)
		shm_free(sg_generation);
	if(sg_table)
		shm_free(sg_table);
	sg_generation = NULL;
	sg_table = NULL;
	sg_table_len = 0;
}

uint64_t sg_shared_generation(void)
{
	return sg_generation ? __atomic_load_n(sg_generation, __ATOMIC_ACQUIRE) : 0;
}

uint64_t sg_shared_publish(void)
{
	if(sg_generation == NULL)
		return 0;
	return __atomic_add_fetch(sg_generation, 1, __ATOMIC_ACQ_REL);
}

sg_proc_status_t *sg_shared_self(void)
{
	if(sg_table == NULL || process_no < 0 || process_no >= sg_table_len)
		return NULL;
	return &sg_table[process_no];
}

int sg_shared_procs(void)
{
	return sg_table_len;
}

const sg_proc_status_t *sg_shared_row(int i)
{
	return (sg_table && i >= 0 && i < sg_table_len) ? &sg_table[i] : NULL;
}
