/* Runs the personaforge binary for CLI tests: exit status, stdout and stderr of one command. */
#ifndef PF_TESTS_CLI_TEST_UTIL_H
#define PF_TESTS_CLI_TEST_UTIL_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>

#include "base/buf.h"
#include "harness.h"

struct cli_result {
    int status;
    struct pf_buf out; /* stdout */
    struct pf_buf err; /* stderr */
};

/* Runs "personaforge ARGS" in dir with stdout and stderr captured to files there. */
static inline void cli_run(const char *dir, const char *args, struct cli_result *r)
{
    char cmd[8192];
    snprintf(cmd, sizeof(cmd), "cd '%s' && '%s' %s >cli.out 2>cli.err", dir, PF_TEST_BINARY, args);
    int rc = system(cmd);
    r->status = WIFEXITED(rc) ? WEXITSTATUS(rc) : -1;
    struct pf_error e = PF_ERROR_INIT;
    char path[4096];
    pf_buf_init(&r->out, (size_t)64 << 20);
    pf_buf_init(&r->err, (size_t)1 << 20);
    snprintf(path, sizeof(path), "%s/cli.out", dir);
    if (pf_buf_read_file(&r->out, path, &e) != PF_OK)
        pf_test_fail(__FILE__, __LINE__, "no stdout captured: %s", pf_error_message(&e));
    snprintf(path, sizeof(path), "%s/cli.err", dir);
    if (pf_buf_read_file(&r->err, path, &e) != PF_OK)
        pf_test_fail(__FILE__, __LINE__, "no stderr captured: %s", pf_error_message(&e));
}

static inline void cli_free(struct cli_result *r)
{
    pf_buf_fini(&r->out);
    pf_buf_fini(&r->err);
}

/* Writes text to dir/name. */
static inline void cli_write(const char *dir, const char *name, const char *text)
{
    char path[4096];
    snprintf(path, sizeof(path), "%s/%s", dir, name);
    FILE *f = fopen(path, "w");
    if (!f || fputs(text, f) < 0)
        pf_test_fail(__FILE__, __LINE__, "cannot write %s", path);
    if (f)
        fclose(f);
}

/* The number of lines in buf. */
static inline int cli_lines(const struct pf_buf *buf)
{
    int n = 0;
    for (size_t i = 0; i < buf->len; i++)
        n += buf->ptr[i] == '\n';
    return n;
}

#endif
