/* Compiler attributes, always-on assertions and small helpers shared by every module. */
#ifndef PF_BASE_COMMON_H
#define PF_BASE_COMMON_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define PF_MUST_CHECK __attribute__((warn_unused_result))
#define PF_PRINTF(fmt, args) __attribute__((format(printf, fmt, args)))
#define PF_NORETURN __attribute__((noreturn))
#define PF_UNUSED(x) ((void)(x))
#define PF_ARRAY_LEN(a) (sizeof(a) / sizeof((a)[0]))

/* Reports the failed invariant through the log sink and aborts. Never returns. */
PF_NORETURN void pf_assert_fail(const char *expr, const char *file, int line);

/* Cheap internal invariants: on in every build (STYLE §14). Never for user input. */
#define PF_ASSERT(expr)                                                                            \
    do {                                                                                           \
        if (!(expr))                                                                               \
            pf_assert_fail(#expr, __FILE__, __LINE__);                                             \
    } while (0)

/* Expensive checks: only in debug and sanitizer builds. */
#ifdef PF_DEBUG
#define PF_DEBUG_ASSERT(expr) PF_ASSERT(expr)
#else
#define PF_DEBUG_ASSERT(expr) ((void)0)
#endif

#define PF_UNREACHABLE() pf_assert_fail("unreachable", __FILE__, __LINE__)

#endif
