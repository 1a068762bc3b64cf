/* The in-tree test harness: checks that record failures and continue, TAP output, no framework. */
#ifndef PF_TESTS_HARNESS_H
#define PF_TESTS_HARNESS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "base/status.h"

struct pf_test_case {
    const char *name;
    void (*fn)(void);
};

#define PF_CASE(fn) {#fn, fn}

/* Runs every case (or, with argv[1], only those whose name contains it), printing TAP and a
 * closing "N passed, N failed" line. Returns the process exit status: 0 when all passed. */
int pf_test_run(int argc, char **argv, const struct pf_test_case *cases, size_t count);

/* Records a failure of the current case with a formatted diagnostic. */
void pf_test_fail(const char *file, int line, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
/* Marks the current case as skipped, with a reason (printed as a TAP SKIP). */
void pf_test_skip(const char *reason);

#define PF_CHECK(expr)                                                                             \
    do {                                                                                           \
        if (!(expr))                                                                               \
            pf_test_fail(__FILE__, __LINE__, "check failed: %s", #expr);                           \
    } while (0)

#define PF_CHECK_INT_EQ(actual, expected)                                                          \
    do {                                                                                           \
        long long pf_a_ = (long long)(actual);                                                     \
        long long pf_e_ = (long long)(expected);                                                   \
        if (pf_a_ != pf_e_)                                                                        \
            pf_test_fail(__FILE__, __LINE__, "%s == %lld, expected %lld", #actual, pf_a_, pf_e_);  \
    } while (0)

#define PF_CHECK_STR_EQ(actual, expected)                                                          \
    do {                                                                                           \
        const char *pf_a_ = (actual);                                                              \
        const char *pf_e_ = (expected);                                                            \
        if (!pf_test_str_eq(pf_a_, pf_e_))                                                         \
            pf_test_fail(__FILE__, __LINE__, "%s == \"%s\", expected \"%s\"", #actual,            \
                         pf_a_ ? pf_a_ : "(null)", pf_e_ ? pf_e_ : "(null)");                      \
    } while (0)

#define PF_CHECK_STATUS(actual, expected)                                                          \
    do {                                                                                           \
        pf_status pf_a_ = (actual);                                                                \
        pf_status pf_e_ = (expected);                                                              \
        if (pf_a_ != pf_e_)                                                                        \
            pf_test_fail(__FILE__, __LINE__, "%s gave %s, expected %s", #actual,                  \
                         pf_status_code(pf_a_), pf_status_code(pf_e_));                            \
    } while (0)

bool pf_test_str_eq(const char *a, const char *b);

/* The source tree's tests/ directory joined with rel (static buffer per call site not needed:
 * the result is heap memory owned by the harness and freed at exit). */
const char *pf_test_path(const char *rel);
/* A fresh empty directory under $TMPDIR, removed at exit unless PF_TEST_KEEP is set. */
const char *pf_test_tmpdir(void);

#endif
