/* Tests for base/buf.c: growth, the hard limit, sticky errors, take and file reads. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/buf.h"
#include "harness.h"

static void test_buf_appends_and_stays_nul_terminated(void)
{
    struct pf_buf buf = PF_BUF_INIT(1024);
    PF_CHECK_STR_EQ(pf_buf_cstr(&buf), "");
    pf_buf_puts(&buf, "hello");
    pf_buf_putc(&buf, ' ');
    pf_buf_printf(&buf, "%s %d", "world", 42);
    PF_CHECK_STR_EQ(pf_buf_cstr(&buf), "hello world 42");
    PF_CHECK_INT_EQ(buf.len, 14);
    PF_CHECK_STATUS(pf_buf_status(&buf), PF_OK);
    pf_buf_fini(&buf);
    pf_buf_fini(&buf); /* fini twice is harmless */
}

static void test_buf_grows_past_initial_capacity(void)
{
    struct pf_buf buf = PF_BUF_INIT(1 << 20);
    for (int i = 0; i < 10000; i++)
        pf_buf_putc(&buf, (char)('a' + i % 26));
    PF_CHECK_INT_EQ(buf.len, 10000);
    PF_CHECK(buf.ptr[9999] == (char)('a' + 9999 % 26));
    PF_CHECK(buf.ptr[10000] == '\0');
    pf_buf_fini(&buf);
}

static void test_buf_refuses_past_max_and_error_is_sticky(void)
{
    struct pf_buf buf = PF_BUF_INIT(8);
    pf_buf_puts(&buf, "12345678");
    PF_CHECK_STATUS(pf_buf_status(&buf), PF_OK);
    pf_buf_putc(&buf, '9');
    PF_CHECK_STATUS(pf_buf_status(&buf), PF_E_TOO_BIG);
    PF_CHECK_STR_EQ(pf_buf_cstr(&buf), "12345678");
    pf_buf_truncate(&buf, 2);
    pf_buf_putc(&buf, 'x'); /* still refused: the error is sticky until reset */
    PF_CHECK_STR_EQ(pf_buf_cstr(&buf), "12");
    pf_buf_reset(&buf);
    pf_buf_puts(&buf, "ok");
    PF_CHECK_STR_EQ(pf_buf_cstr(&buf), "ok");
    PF_CHECK_STATUS(pf_buf_status(&buf), PF_OK);
    pf_buf_fini(&buf);
}

static void test_buf_printf_past_max_is_refused_whole(void)
{
    struct pf_buf buf = PF_BUF_INIT(10);
    pf_buf_printf(&buf, "%s", "this is longer than ten");
    PF_CHECK_STATUS(pf_buf_status(&buf), PF_E_TOO_BIG);
    PF_CHECK_INT_EQ(buf.len, 0);
    pf_buf_fini(&buf);
}

static void test_buf_take_detaches_memory(void)
{
    struct pf_buf buf = PF_BUF_INIT(64);
    size_t len = 99;
    char *empty = pf_buf_take(&buf, &len);
    PF_CHECK_STR_EQ(empty, "");
    PF_CHECK_INT_EQ(len, 0);
    free(empty);
    pf_buf_puts(&buf, "abc");
    char *owned = pf_buf_take(&buf, &len);
    PF_CHECK_STR_EQ(owned, "abc");
    PF_CHECK_INT_EQ(len, 3);
    PF_CHECK(buf.ptr == NULL && buf.len == 0);
    free(owned);
}

static void test_buf_read_file_enforces_limit(void)
{
    char path[512];
    snprintf(path, sizeof(path), "%s/data.txt", pf_test_tmpdir());
    FILE *f = fopen(path, "w");
    PF_CHECK(f != NULL);
    for (int i = 0; i < 100; i++)
        fputs("0123456789", f);
    fclose(f);

    struct pf_error err = PF_ERROR_INIT;
    struct pf_buf big = PF_BUF_INIT(4096);
    PF_CHECK_STATUS(pf_buf_read_file(&big, path, &err), PF_OK);
    PF_CHECK_INT_EQ(big.len, 1000);
    pf_buf_fini(&big);

    struct pf_buf small = PF_BUF_INIT(100);
    PF_CHECK_STATUS(pf_buf_read_file(&small, path, &err), PF_E_TOO_BIG);
    pf_buf_fini(&small);

    struct pf_buf none = PF_BUF_INIT(100);
    PF_CHECK_STATUS(pf_buf_read_file(&none, "/nonexistent/file", &err), PF_E_NOT_FOUND);
    PF_CHECK(strstr(err.message, "/nonexistent/file") != NULL);
    pf_buf_fini(&none);
}

int main(int argc, char **argv)
{
    static const struct pf_test_case cases[] = {
        PF_CASE(test_buf_appends_and_stays_nul_terminated),
        PF_CASE(test_buf_grows_past_initial_capacity),
        PF_CASE(test_buf_refuses_past_max_and_error_is_sticky),
        PF_CASE(test_buf_printf_past_max_is_refused_whole),
        PF_CASE(test_buf_take_detaches_memory),
        PF_CASE(test_buf_read_file_enforces_limit),
    };
    return pf_test_run(argc, argv, cases, PF_ARRAY_LEN(cases));
}
