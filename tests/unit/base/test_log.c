/* Tests for base/log.c: line format, context, escaping and level filtering. */
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "base/log.h"
#include "harness.h"

#define PF_LOG_MODULE "test"

static int evaluated;

static const char *counted(void)
{
    evaluated++;
    return "x";
}

static void read_pipe(int fd, char *out, size_t cap)
{
    ssize_t n = read(fd, out, cap - 1);
    out[n > 0 ? n : 0] = '\0';
}

static void test_log_writes_key_values_with_context_and_escapes(void)
{
    int fds[2];
    PF_CHECK(pipe(fds) == 0);
    pf_log_set_fd(fds[1]);
    pf_log_set_level(PF_LOG_INFO);
    struct pf_log_ctx ctx = {.req_id = "r1", .route = "GET /x", .user = "u1"};
    pf_log_info(&ctx, "hello \"%s\"\nforged=1", "q");
    char line[2048];
    read_pipe(fds[0], line, sizeof(line));
    PF_CHECK(strstr(line, "level=info module=test req_id=\"r1\" route=\"GET /x\" user=\"u1\"") !=
             NULL);
    PF_CHECK(strstr(line, "msg=\"hello \\\"q\\\"\\x0aforged=1\"\n") != NULL);
    PF_CHECK(strchr(line, '\n') == line + strlen(line) - 1);
    pf_log_set_fd(2);
    close(fds[0]);
    close(fds[1]);
}

static void test_log_skips_argument_evaluation_when_level_is_off(void)
{
    pf_log_set_level(PF_LOG_WARN);
    evaluated = 0;
    pf_log_debug(NULL, "%s", counted());
    pf_log_info(NULL, "%s", counted());
    PF_CHECK_INT_EQ(evaluated, 0);
    enum pf_log_level level;
    PF_CHECK(pf_log_level_parse("debug", &level) && level == PF_LOG_DEBUG);
    PF_CHECK(!pf_log_level_parse("loud", &level));
    pf_log_set_level(PF_LOG_INFO);
}

int main(int argc, char **argv)
{
    static const struct pf_test_case cases[] = {
        PF_CASE(test_log_writes_key_values_with_context_and_escapes),
        PF_CASE(test_log_skips_argument_evaluation_when_level_is_off),
    };
    return pf_test_run(argc, argv, cases, PF_ARRAY_LEN(cases));
}
