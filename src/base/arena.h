/* Region allocator for request- and command-scoped memory (STYLE §7.2). */
#ifndef PF_BASE_ARENA_H
#define PF_BASE_ARENA_H

#include <stdarg.h>
#include <stddef.h>

#include "base/common.h"
#include "base/str.h"

/* Opaque. Everything allocated from an arena is released at once by pf_arena_free().
 * Not thread-safe: one arena belongs to one request, job or command. */
struct pf_arena;

typedef void (*pf_arena_cleanup_fn)(void *ptr);

/* A new arena; the caller frees it with pf_arena_free(). Never NULL (aborts on OOM). */
struct pf_arena *pf_arena_new(void);
/* Runs the registered cleanups (newest first) and releases all memory. NULL-safe. */
void pf_arena_free(struct pf_arena *arena);

/* Zeroed memory, aligned for any type, valid until the arena is freed. */
void *pf_arena_alloc(struct pf_arena *arena, size_t size);
void *pf_arena_memdup(struct pf_arena *arena, const void *data, size_t len);
/* NUL-terminated copies. NULL in gives NULL out. */
char *pf_arena_strdup(struct pf_arena *arena, const char *cstr);
char *pf_arena_strndup(struct pf_arena *arena, const char *ptr, size_t len);
char *pf_arena_strdup_str(struct pf_arena *arena, struct pf_str str);
char *pf_arena_printf(struct pf_arena *arena, const char *fmt, ...) PF_PRINTF(2, 3);

/* Calls fn(ptr) when the arena is freed: how refcounted objects (json_t) and other heap memory
 * join a request's lifetime. fn must not touch the arena. */
void pf_arena_defer(struct pf_arena *arena, pf_arena_cleanup_fn fn, void *ptr);

/* Bytes handed out so far (for metrics and tests). */
size_t pf_arena_used(const struct pf_arena *arena);

#endif
