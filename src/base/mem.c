/* Aborting allocators and the assertion sink. */
#include "base/mem.h"

#include <stdlib.h>
#include <string.h>

#include "base/common.h"
#include "base/log.h"

#define PF_LOG_MODULE "base"

static PF_NORETURN void out_of_memory(size_t size)
{
    pf_log_write(PF_LOG_ERROR, PF_LOG_MODULE, NULL, "out of memory allocating %zu bytes", size);
    abort();
}

void pf_assert_fail(const char *expr, const char *file, int line)
{
    pf_log_write(PF_LOG_ERROR, PF_LOG_MODULE, NULL, "assertion failed: %s at %s:%d", expr, file,
                 line);
    abort();
}

void *pf_xmalloc(size_t size)
{
    void *ptr = malloc(size ? size : 1);
    if (!ptr)
        out_of_memory(size);
    return ptr;
}

void *pf_xcalloc(size_t count, size_t size)
{
    void *ptr = calloc(count ? count : 1, size ? size : 1);
    if (!ptr)
        out_of_memory(count * size);
    return ptr;
}

void *pf_xrealloc(void *ptr, size_t size)
{
    void *out = realloc(ptr, size ? size : 1);
    if (!out)
        out_of_memory(size);
    return out;
}

char *pf_xstrndup(const char *str, size_t len)
{
    if (!str)
        return NULL;
    size_t n = strnlen(str, len);
    char *out = pf_xmalloc(n + 1);
    memcpy(out, str, n);
    out[n] = '\0';
    return out;
}

char *pf_xstrdup(const char *str)
{
    if (!str)
        return NULL;
    return pf_xstrndup(str, strlen(str));
}
