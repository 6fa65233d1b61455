/*
 * sg_words.h - the CLI's words (channels, TARGET, options) parsed into the
 * plugin's request structs, without allocating: every sg_str points into
 * the text it was parsed from.
 */
#ifndef SG_KAM_WORDS_H
#define SG_KAM_WORDS_H

#include <scopegate/scopegate.h>

#define SG_HOOK_LOGIN 0
#define SG_HOOK_DIAL 1
#define SG_HOOK_FEATURE 2
#define SG_HOOKS 3
#define SG_VERDICTS 3 /* allow, deny, error */
#define SG_REASONS (SG_REASON_INTERNAL_ERROR + 1)

/* "sip_device" -> SG_CHANNEL_SIP_DEVICE; 0 for an unknown word. */
int32_t sg_channel_from_word(sg_str word);
/* Fill target from a TARGET word ("" or absent: SG_TARGET_NONE). 0 ok, -1 bad. */
int sg_target_from_word(sg_str word, sg_target *target);
/* Fill target's queue/scope/site/owner from "--queue NAME --site S ...". 0 ok, -1 bad. */
int sg_target_options(sg_str words, sg_target *target);
/* Split "USER@DOMAIN" at its last '@'. 0 ok, -1 when either side is empty. */
int sg_split_user(sg_str word, sg_str *user, sg_str *domain);

/* Names for the statistics: "login", "allow", "ok"... */
const char *sg_hook_name(int hook);
const char *sg_verdict_name(int verdict); /* SG_ALLOW/SG_DENY/SG_ERROR */
const char *sg_reason_word(int reason);
/* 0 allow, 1 deny, 2 error: the index of a verdict in the statistics. */
int sg_verdict_index(int verdict);

#endif
