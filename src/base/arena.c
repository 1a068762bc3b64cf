/* Region allocator: a list of chunks plus a list of deferred cleanups. */
#include "base/arena.h"

#include <stdalign.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/mem.h"

#define CHUNK_SIZE 8192

struct chunk {
    struct chunk *next;
    size_t used; /* bytes of data[] handed out */
    size_t size; /* bytes of data[] */
    alignas(max_align_t) unsigned char data[];
};

struct cleanup {
    struct cleanup *next;
    pf_arena_cleanup_fn fn;
    void *ptr;
};

struct pf_arena {
    struct chunk *chunks;     /* newest first; owned */
    struct cleanup *cleanups; /* newest first; nodes live in the chunks */
    size_t used;              /* bytes handed out */
};

struct pf_arena *pf_arena_new(void)
{
    return pf_xcalloc(1, sizeof(struct pf_arena));
}

void pf_arena_free(struct pf_arena *arena)
{
    if (!arena)
        return;
    for (struct cleanup *c = arena->cleanups; c; c = c->next)
        c->fn(c->ptr);
    struct chunk *chunk = arena->chunks;
    while (chunk) {
        struct chunk *next = chunk->next;
        free(chunk);
        chunk = next;
    }
    free(arena);
}

void *pf_arena_alloc(struct pf_arena *arena, size_t size)
{
    const size_t align = alignof(max_align_t);
    size = (size + align - 1) & ~(align - 1);
    if (size == 0)
        size = align;
    struct chunk *chunk = arena->chunks;
    if (!chunk || chunk->size - chunk->used < size) {
        /* Large requests get their own chunk, placed behind the current one so the
         * current chunk's free space is not wasted. */
        size_t data_size = size > CHUNK_SIZE / 4 ? size : CHUNK_SIZE;
        struct chunk *fresh = pf_xmalloc(sizeof(struct chunk) + data_size);
        fresh->used = 0;
        fresh->size = data_size;
        if (chunk && data_size != CHUNK_SIZE) {
            fresh->next = chunk->next;
            chunk->next = fresh;
        } else {
            fresh->next = chunk;
            arena->chunks = fresh;
        }
        chunk = fresh;
    }
    void *ptr = chunk->data + chunk->used;
    chunk->used += size;
    arena->used += size;
    memset(ptr, 0, size);
    return ptr;
}

void *pf_arena_memdup(struct pf_arena *arena, const void *data, size_t len)
{
    void *out = pf_arena_alloc(arena, len);
    if (len)
        memcpy(out, data, len);
    return out;
}

char *pf_arena_strndup(struct pf_arena *arena, const char *ptr, size_t len)
{
    if (!ptr)
        return NULL;
    char *out = pf_arena_alloc(arena, len + 1);
    memcpy(out, ptr, len);
    out[len] = '\0';
    return out;
}

char *pf_arena_strdup(struct pf_arena *arena, const char *cstr)
{
    if (!cstr)
        return NULL;
    return pf_arena_strndup(arena, cstr, strlen(cstr));
}

char *pf_arena_strdup_str(struct pf_arena *arena, struct pf_str str)
{
    return pf_arena_strndup(arena, str.ptr ? str.ptr : "", str.len);
}

char *pf_arena_printf(struct pf_arena *arena, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    va_list copy;
    va_copy(copy, ap);
    int n = vsnprintf(NULL, 0, fmt, copy);
    va_end(copy);
    PF_ASSERT(n >= 0);
    char *out = pf_arena_alloc(arena, (size_t)n + 1);
    vsnprintf(out, (size_t)n + 1, fmt, ap);
    va_end(ap);
    return out;
}

void pf_arena_defer(struct pf_arena *arena, pf_arena_cleanup_fn fn, void *ptr)
{
    struct cleanup *c = pf_arena_alloc(arena, sizeof(*c));
    c->fn = fn;
    c->ptr = ptr;
    c->next = arena->cleanups;
    arena->cleanups = c;
}

size_t pf_arena_used(const struct pf_arena *arena)
{
    return arena->used;
}
