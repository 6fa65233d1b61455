/*
 * sg_words.c - the CLI's request words (SPEC 6), shared by the cfg functions,
 * KEMI and scopegate.explain, so all of them read a target alike.
 */
#include <string.h>

#include "sg_words.h"

static const char *const sg_channels[] = {NULL, "portal", "mobile_app",
		"web_phone", "attendant_console", "api", "sip_device"};

/* The reason codes of SPEC 6 in the order of the SG_REASON_* enum. */
static const char *const sg_reasons[SG_REASONS] = {"ok", "unknown_user",
		"disabled_user", "system_user", "no_portal_scope",
		"channel_not_allowed", "unknown_feature", "scope_lacks_feature",
		"view_disabled", "out_of_reach", "unknown_target", "rank_too_low",
		"self_assignment", "emergency", "bad_request", "internal_error"};

static int sg_eq(sg_str s, const char *lit)
{
	size_t n = strlen(lit);
	return s.len == n && (n == 0 || memcmp(s.ptr, lit, n) == 0);
}

static int sg_is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

int32_t sg_channel_from_word(sg_str word)
{
	int32_t i;
	for(i = SG_CHANNEL_PORTAL; i <= SG_CHANNEL_SIP_DEVICE; i++)
		if(sg_eq(word, sg_channels[i]))
			return i;
	return 0;
}

/* Cut s at the first c: head before it, tail after it (tail absent when
 * there is no c). */
static void sg_cut(sg_str s, char c, sg_str *head, sg_str *tail)
{
	const char *p = s.len ? memchr(s.ptr, c, s.len) : NULL;
	if(p == NULL) {
		*head = s;
		tail->ptr = NULL;
		tail->len = 0;
		return;
	}
	head->ptr = s.ptr;
	head->len = (size_t)(p - s.ptr);
	tail->ptr = p + 1;
	tail->len = s.len - head->len - 1;
}

static int32_t sg_target_kind(sg_str word)
{
	static const char *const kinds[] = {NULL, "user", "queue", "site", "domain", "object"};
	int32_t i;
	for(i = SG_TARGET_USER; i <= SG_TARGET_OBJECT; i++)
		if(sg_eq(word, kinds[i]))
			return i;
	return -1;
}

/* An "@" given with nothing after it is a malformed word, not "the actor's
 * domain": the plugin would read an absent domain as the actor's. */
static int sg_id_at_domain(sg_str rest, sg_target *t)
{
	const char *at = rest.len ? memchr(rest.ptr, '@', rest.len) : NULL;
	sg_cut(rest, '@', &t->id, &t->domain);
	if(at != NULL && t->domain.len == 0)
		return -1;
	return t->id.len ? 0 : -1;
}

int sg_target_from_word(sg_str word, sg_target *t)
{
	sg_str kind, rest;

	memset(t, 0, sizeof(*t));
	t->kind = SG_TARGET_NONE;
	if(word.len == 0)
		return 0;
	sg_cut(word, ':', &kind, &rest);
	if(rest.ptr == NULL)
		return -1;
	t->kind = sg_target_kind(kind);
	switch(t->kind) {
		case SG_TARGET_DOMAIN:
			t->id = rest;
			return rest.len ? 0 : -1;
		case SG_TARGET_OBJECT:
			if(sg_id_at_domain(rest, t) < 0)
				return -1;
			sg_cut(t->id, '/', &t->object_kind, &t->id);
			return (t->object_kind.len && t->id.len) ? 0 : -1;
		case SG_TARGET_USER:
		case SG_TARGET_QUEUE:
		case SG_TARGET_SITE:
			return sg_id_at_domain(rest, t);
		default:
			t->kind = SG_TARGET_NONE;
			return -1;
	}
}

/* The next whitespace-separated word of *rest; absent at the end. */
static sg_str sg_next_word(sg_str *rest)
{
	sg_str w = {NULL, 0};
	size_t i = 0;
	while(i < rest->len && sg_is_space(rest->ptr[i]))
		i++;
	w.ptr = rest->ptr + i;
	while(i < rest->len && !sg_is_space(rest->ptr[i])) {
		i++;
		w.len++;
	}
	rest->ptr += i;
	rest->len -= i;
	if(w.len == 0)
		w.ptr = NULL;
	return w;
}

static sg_str *sg_option_slot(sg_str name, sg_target *t)
{
	if(sg_eq(name, "--queue"))
		return &t->queue;
	if(sg_eq(name, "--scope"))
		return &t->scope;
	if(sg_eq(name, "--site"))
		return &t->site;
	if(sg_eq(name, "--owner"))
		return &t->owner;
	return NULL;
}

int sg_target_options(sg_str words, sg_target *t)
{
	sg_str name, value, *slot;
	int n;

	if(words.ptr == NULL)
		return 0;
	/* Bounded: each round consumes two words of a finite string. */
	for(n = 0; n < 64; n++) {
		name = sg_next_word(&words);
		if(name.len == 0)
			return 0;
		slot = sg_option_slot(name, t);
		value = sg_next_word(&words);
		if(slot == NULL || value.len == 0 || slot->len != 0)
			return -1;
		*slot = value;
	}
	return -1;
}

int sg_split_user(sg_str word, sg_str *user, sg_str *domain)
{
	size_t i;
	for(i = word.len; i > 0; i--) {
		if(word.ptr[i - 1] == '@') {
			user->ptr = word.ptr;
			user->len = i - 1;
			domain->ptr = word.ptr + i;
			domain->len = word.len - i;
			return (user->len && domain->len) ? 0 : -1;
		}
	}
	return -1;
}

const char *sg_hook_name(int hook)
{
	static const char *const hooks[SG_HOOKS] = {"login", "dial", "feature"};
	return (hook >= 0 && hook < SG_HOOKS) ? hooks[hook] : "unknown";
}

int sg_verdict_index(int verdict)
{
	return verdict == SG_ALLOW ? 0 : (verdict == SG_DENY ? 1 : 2);
}

const char *sg_verdict_name(int verdict)
{
	static const char *const names[SG_VERDICTS] = {"allow", "deny", "error"};
	return names[sg_verdict_index(verdict)];
}

const char *sg_reason_word(int reason)
{
	return (reason >= 0 && reason < SG_REASONS) ? sg_reasons[reason] : "internal_error";
}
