/* Tests for render/render_case.c: the simple case mapping. */
#include "harness.h"
#include "render/render_case.h"

static void test_code_points(void)
{
    PF_CHECK_INT_EQ(pf_case_upper('a'), 'A');
    PF_CHECK_INT_EQ(pf_case_upper(0xe9), 0xc9);   /* é */
    PF_CHECK_INT_EQ(pf_case_upper(0xdf), 0xdf);   /* ß has no single upper case */
    PF_CHECK_INT_EQ(pf_case_upper(0x3c2), 0x3a3); /* final sigma */
    PF_CHECK_INT_EQ(pf_case_lower(0x130), 'i');
    PF_CHECK_INT_EQ(pf_case_lower(0x42f), 0x44f); /* Я */
    PF_CHECK_INT_EQ(pf_case_upper(0x4e2d), 0x4e2d);
}

static void test_utf8_text(void)
{
    struct pf_buf buf = PF_BUF_INIT(64);
    pf_case_upper_utf8(&buf, PF_STR("Éducation ıi \xff"));
    PF_CHECK_STR_EQ(pf_buf_cstr(&buf), "ÉDUCATION II \xff");
    pf_buf_fini(&buf);
}

int main(int argc, char **argv)
{
    static const struct pf_test_case cases[] = {
        PF_CASE(test_code_points),
        PF_CASE(test_utf8_text),
    };
    return pf_test_run(argc, argv, cases, PF_ARRAY_LEN(cases));
}
