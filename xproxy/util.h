/* Small helpers shared by every xproxy file: array sizes, container_of and
 * an intrusive doubly linked list (the wl_list idea). */
#ifndef XPROXY_UTIL_H
#define XPROXY_UTIL_H

#include <stddef.h>
#include <stdint.h>

#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))
#define container_of(ptr, type, member)                                        \
	((type *)((char *)(ptr)-offsetof(type, member)))
#define XP_MIN(a, b) ((a) < (b) ? (a) : (b))
#define XP_MAX(a, b) ((a) > (b) ? (a) : (b))
/* X pads every variable part of a request or reply to 4 bytes. */
#define XP_PAD4(n) (((n) + 3u) & ~(size_t)3u)

struct xp_list {
	struct xp_list *prev, *next;
};

static inline void
xp_list_init(struct xp_list *list)
{
	list->prev = list;
	list->next = list;
}

static inline void
xp_list_insert(struct xp_list *after, struct xp_list *elm)
{
	elm->prev = after;
	elm->next = after->next;
	after->next->prev = elm;
	after->next = elm;
}

static inline void
xp_list_remove(struct xp_list *elm)
{
	elm->prev->next = elm->next;
	elm->next->prev = elm->prev;
	elm->prev = elm;
	elm->next = elm;
}

static inline int
xp_list_empty(const struct xp_list *list)
{
	return list->next == list;
}

#define xp_list_for_each(pos, head, member)                                    \
	for (pos = container_of((head)->next, __typeof__(*pos), member);       \
			&pos->member != (head);                                \
			pos = container_of(pos->member.next, __typeof__(*pos), \
					member))

#define xp_list_for_each_safe(pos, tmp, head, member)                          \
	for (pos = container_of((head)->next, __typeof__(*pos), member),       \
	    tmp = container_of(pos->member.next, __typeof__(*pos), member);    \
			&pos->member != (head); pos = tmp,                     \
	    tmp = container_of(pos->member.next, __typeof__(*pos), member))

#define xp_list_for_each_reverse(pos, head, member)                            \
	for (pos = container_of((head)->prev, __typeof__(*pos), member);       \
			&pos->member != (head);                                \
			pos = container_of(pos->member.prev, __typeof__(*pos), \
					member))

#endif
