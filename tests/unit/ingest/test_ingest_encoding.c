/* Tests for ingest/ingest_encoding.c: every text encoding comes out as valid UTF-8. */
#include <string.h>

#include "harness.h"
#include "ingest/ingest_int.h"

#define DECODE(lit, out, name, repaired) decode((lit), sizeof(lit) - 1, (out), (name), (repaired))

static void decode(const char *bytes, size_t len, struct pf_buf *out, const char **name,
                   bool *repaired)
{
    pf_buf_reset(out);
    pf_decode_text(pf_str_make(bytes, len), out, name, repaired);
}

static void test_encoding_decodes_boms_and_utf16(void)
{
    struct pf_buf out = PF_BUF_INIT(1 << 16);
    const char *name;
    bool repaired;
    DECODE("\xEF\xBB\xBFhi", &out, &name, &repaired);
    PF_CHECK_STR_EQ(pf_buf_cstr(&out), "hi");
    PF_CHECK_STR_EQ(name, "utf-8");
    DECODE("\xFF\xFEh\0\xE9\0=\xD8\0\xDE", &out, &name, &repaired);
    PF_CHECK_STR_EQ(pf_buf_cstr(&out), "h\xC3\xA9\xF0\x9F\x98\x80"); /* surrogate pair */
    PF_CHECK_STR_EQ(name, "utf-16le");
    DECODE("\xFE\xFF\0h\0i", &out, &name, &repaired);
    PF_CHECK_STR_EQ(pf_buf_cstr(&out), "hi");
    PF_CHECK_STR_EQ(name, "utf-16be");
    DECODE("\xFF\xFE\x00\xD8x\0", &out, &name, &repaired); /* lone surrogate */
    PF_CHECK(repaired);
    PF_CHECK_STR_EQ(pf_buf_cstr(&out), "\xEF\xBF\xBDx");
    pf_buf_fini(&out);
}

static void test_encoding_tells_windows_1252_from_damaged_utf8(void)
{
    struct pf_buf out = PF_BUF_INIT(1 << 16);
    const char *name;
    bool repaired;
    DECODE("Caf\xE9 \x93quoted\x94 \x80", &out, &name, &repaired);
    PF_CHECK_STR_EQ(name, "windows-1252");
    PF_CHECK_STR_EQ(pf_buf_cstr(&out), "Caf\xC3\xA9 \xE2\x80\x9Cquoted\xE2\x80\x9D \xE2\x82\xAC");
    DECODE("Caf\xC3\xA9 ok \xC3 bad", &out, &name, &repaired);
    PF_CHECK_STR_EQ(name, "utf-8");
    PF_CHECK(repaired);
    PF_CHECK(pf_utf8_valid(out.ptr, out.len));
    pf_buf_fini(&out);
}

static void test_encoding_code_pages_map_upper_halves(void)
{
    PF_CHECK_INT_EQ(pf_codepage_to_unicode(1251, 0xC0), 0x0410); /* А */
    PF_CHECK_INT_EQ(pf_codepage_to_unicode(1250, 0x9A), 0x0161); /* š */
    PF_CHECK_INT_EQ(pf_codepage_to_unicode(1252, 0x95), 0x2022); /* • */
    PF_CHECK_INT_EQ(pf_codepage_to_unicode(9999, 0xE9), 0x00E9); /* unknown: 1252 */
    PF_CHECK_INT_EQ(pf_codepage_to_unicode(1252, 'A'), 'A');
}

int main(int argc, char **argv)
{
    static const struct pf_test_case cases[] = {
        PF_CASE(test_encoding_decodes_boms_and_utf16),
        PF_CASE(test_encoding_tells_windows_1252_from_damaged_utf8),
        PF_CASE(test_encoding_code_pages_map_upper_halves),
    };
    return pf_test_run(argc, argv, cases, PF_ARRAY_LEN(cases));
}
