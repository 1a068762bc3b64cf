/* The test harness: TAP lines, a closing summary, temp dirs. */
#include "harness.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "base/mem.h"

#ifndef PF_TEST_SOURCE_DIR
#error "PF_TEST_SOURCE_DIR must be defined by the build"
#endif

static int current_failures;
static const char *current_skip;
static char *owned_paths[256];
static size_t owned_count;
static char *tmp_dirs[64];
static size_t tmp_count;

bool pf_test_str_eq(const char *a, const char *b)
{
    if (!a || !b)
        return a == b;
    return strcmp(a, b) == 0;
}

void pf_test_fail(const char *file, int line, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    printf("#   %s:%d: ", file, line);
    vprintf(fmt, ap);
    printf("\n");
    va_end(ap);
    fflush(stdout);
    current_failures++;
}

void pf_test_skip(const char *reason)
{
    current_skip = reason;
}

const char *pf_test_path(const char *rel)
{
    size_t len = strlen(PF_TEST_SOURCE_DIR) + strlen(rel) + 2;
    char *path = pf_xmalloc(len);
    snprintf(path, len, "%s/%s", PF_TEST_SOURCE_DIR, rel);
    if (owned_count < PF_ARRAY_LEN(owned_paths))
        owned_paths[owned_count++] = path;
    return path;
}

const char *pf_test_tmpdir(void)
{
    const char *base = getenv("TMPDIR");
    char template[512];
    snprintf(template, sizeof(template), "%s/pf-test-XXXXXX", base && *base ? base : "/tmp");
    char *dir = mkdtemp(template);
    if (!dir) {
        perror("mkdtemp");
        abort();
    }
    char *copy = pf_xstrdup(dir);
    if (tmp_count < PF_ARRAY_LEN(tmp_dirs))
        tmp_dirs[tmp_count++] = copy;
    return copy;
}

static void cleanup(void)
{
    if (!getenv("PF_TEST_KEEP")) {
        for (size_t i = 0; i < tmp_count; i++) {
            char cmd[1200];
            snprintf(cmd, sizeof(cmd), "rm -rf '%s'", tmp_dirs[i]);
            if (system(cmd) != 0)
                fprintf(stderr, "could not remove %s\n", tmp_dirs[i]);
        }
    }
    for (size_t i = 0; i < tmp_count; i++)
        free(tmp_dirs[i]);
    for (size_t i = 0; i < owned_count; i++)
        free(owned_paths[i]);
}

int pf_test_run(int argc, char **argv, const struct pf_test_case *cases, size_t count)
{
    const char *filter = argc > 1 ? argv[1] : NULL;
    int passed = 0;
    int failed = 0;
    int skipped = 0;
    int number = 0;
    atexit(cleanup);
    printf("TAP version 13\n");
    for (size_t i = 0; i < count; i++) {
        if (filter && !strstr(cases[i].name, filter))
            continue;
        number++;
        current_failures = 0;
        current_skip = NULL;
        cases[i].fn();
        if (current_skip && current_failures == 0) {
            printf("ok %d - %s # SKIP %s\n", number, cases[i].name, current_skip);
            skipped++;
        } else if (current_failures == 0) {
            printf("ok %d - %s\n", number, cases[i].name);
            passed++;
        } else {
            printf("not ok %d - %s\n", number, cases[i].name);
            failed++;
        }
        fflush(stdout);
    }
    printf("1..%d\n", number);
    if (skipped)
        printf("# %d skipped\n", skipped);
    printf("%d passed, %d failed\n", passed, failed);
    return failed == 0 ? 0 : 1;
}
