/* Tests for http/http_multipart.c: boundaries, parts, truncation and hostile bodies. */
#include <stdio.h>
#include <string.h>

#include "harness.h"
#include "http/http_multipart.h"

static void test_multipart_boundary_is_read_from_content_type(void)
{
    struct pf_str b;
    PF_CHECK(pf_multipart_boundary(PF_STR("multipart/form-data; boundary=abc"), &b));
    PF_CHECK(pf_str_eq_cstr(b, "abc"));
    PF_CHECK(pf_multipart_boundary(PF_STR("Multipart/Form-Data; charset=x; boundary=\"q r\""), &b));
    PF_CHECK(pf_str_eq_cstr(b, "q r"));
    PF_CHECK(!pf_multipart_boundary(PF_STR("application/json"), &b));
    PF_CHECK(!pf_multipart_boundary(PF_STR("multipart/form-data"), &b));
    PF_CHECK(!pf_multipart_boundary(PF_STR("multipart/form-data; boundary="), &b));
}

static void test_multipart_finds_the_named_part(void)
{
    static const char body[] = "--XY\r\n"
                               "Content-Disposition: form-data; name=\"note\"\r\n\r\n"
                               "hello\r\n"
                               "--XY\r\n"
                               "Content-Disposition: form-data; name=\"file\"; filename=\"cv.pdf\"\r\n"
                               "Content-Type: application/pdf\r\n\r\n"
                               "%PDF\r\n--not-the-boundary\x00\xff\r\n"
                               "--XY--\r\n";
    struct pf_multipart_part part;
    struct pf_error err = PF_ERROR_INIT;
    PF_CHECK_STATUS(pf_multipart_find(PF_STR("XY"), pf_str_make(body, sizeof(body) - 1), "file",
                                      &part, &err),
                    PF_OK);
    PF_CHECK(pf_str_eq_cstr(part.filename, "cv.pdf"));
    PF_CHECK(pf_str_eq_cstr(part.content_type, "application/pdf"));
    PF_CHECK_INT_EQ(part.body.len, 26);
    PF_CHECK(memcmp(part.body.ptr, "%PDF\r\n--not-the-boundary\x00\xff", 26) == 0);
    PF_CHECK_STATUS(pf_multipart_find(PF_STR("XY"), pf_str_make(body, sizeof(body) - 1), "nope",
                                      &part, &err),
                    PF_E_NOT_FOUND);
}

static void test_multipart_refuses_truncated_and_malformed_bodies(void)
{
    struct pf_multipart_part part;
    struct pf_error err = PF_ERROR_INIT;
    PF_CHECK_STATUS(pf_multipart_find(PF_STR("XY"), PF_STR("no boundary here"), "file", &part, &err),
                    PF_E_INVALID);
    PF_CHECK_STATUS(pf_multipart_find(PF_STR("XY"),
                                      PF_STR("--XY\r\nContent-Disposition: form-data; "
                                             "name=\"file\"\r\n\r\nhalf a file"),
                                      "file", &part, &err),
                    PF_E_INVALID);
    PF_CHECK_STATUS(pf_multipart_find(PF_STR("XY"), PF_STR("--XYgarbage"), "file", &part, &err),
                    PF_E_INVALID);
    PF_CHECK_STATUS(pf_multipart_find(PF_STR("XY"), PF_STR("--XY\r\nno end of headers"), "file",
                                      &part, &err),
                    PF_E_INVALID);
}

static void test_multipart_bounds_the_number_of_parts(void)
{
    char body[8192];
    size_t len = 0;
    for (int i = 0; i < PF_MULTIPART_MAX_PARTS + 2; i++)
        len += (size_t)snprintf(body + len, sizeof(body) - len,
                                "--B\r\nContent-Disposition: form-data; name=\"p%d\"\r\n\r\nx\r\n", i);
    len += (size_t)snprintf(body + len, sizeof(body) - len, "--B--\r\n");
    struct pf_multipart_part part;
    struct pf_error err = PF_ERROR_INIT;
    PF_CHECK_STATUS(pf_multipart_find(PF_STR("B"), pf_str_make(body, len), "file", &part, &err),
                    PF_E_INVALID);
}

int main(int argc, char **argv)
{
    static const struct pf_test_case cases[] = {
        PF_CASE(test_multipart_boundary_is_read_from_content_type),
        PF_CASE(test_multipart_finds_the_named_part),
        PF_CASE(test_multipart_refuses_truncated_and_malformed_bodies),
        PF_CASE(test_multipart_bounds_the_number_of_parts),
    };
    return pf_test_run(argc, argv, cases, PF_ARRAY_LEN(cases));
}
