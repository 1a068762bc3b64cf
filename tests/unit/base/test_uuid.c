/* Tests for base/uuid.c: version bits, time order, text round trip. */
#include <string.h>

#include "base/clock.h"
#include "base/uuid.h"
#include "harness.h"

static void test_uuid_v7_has_version_variant_and_time(void)
{
    int64_t before = pf_time_now_ms();
    pf_id id = pf_id_new();
    int64_t after = pf_time_now_ms();
    PF_CHECK_INT_EQ(id.bytes[6] >> 4, 7);
    PF_CHECK_INT_EQ(id.bytes[8] >> 6, 2);
    int64_t ms = 0;
    for (int i = 0; i < 6; i++)
        ms = ms << 8 | id.bytes[i];
    PF_CHECK(ms >= before && ms <= after);
    PF_CHECK(!pf_id_is_nil(id));
    PF_CHECK(!pf_id_eq(id, pf_id_new()));
}

static void test_uuid_v7_sorts_in_creation_order_within_a_millisecond(void)
{
    pf_id prev = pf_id_new();
    for (int i = 0; i < 10000; i++) {
        pf_id next = pf_id_new();
        PF_CHECK(memcmp(prev.bytes, next.bytes, 16) < 0);
        prev = next;
    }
}

static void test_uuid_text_round_trips_and_rejects_garbage(void)
{
    pf_id id = pf_id_new();
    char text[PF_ID_STR_LEN];
    pf_id_format(id, text);
    PF_CHECK_INT_EQ(strlen(text), 36);
    pf_id back;
    PF_CHECK(pf_id_parse(pf_str_from_cstr(text), &back));
    PF_CHECK(pf_id_eq(id, back));
    PF_CHECK(pf_id_parse(PF_STR("0192F2C4-AAAA-7BBB-8CCC-DDDDEEEEFFFF"), &back));
    PF_CHECK(!pf_id_parse(PF_STR("0192f2c4aaaa7bbb8cccddddeeeeffff"), &back));
    PF_CHECK(!pf_id_parse(PF_STR("0192f2c4-aaaa-7bbb-8ccc-ddddeeeefffg"), &back));
    PF_CHECK(!pf_id_parse(PF_STR("../../etc/passwd"), &back));
    PF_CHECK(!pf_id_parse(PF_STR(""), &back));
}

int main(int argc, char **argv)
{
    static const struct pf_test_case cases[] = {
        PF_CASE(test_uuid_v7_has_version_variant_and_time),
        PF_CASE(test_uuid_v7_sorts_in_creation_order_within_a_millisecond),
        PF_CASE(test_uuid_text_round_trips_and_rejects_garbage),
    };
    return pf_test_run(argc, argv, cases, PF_ARRAY_LEN(cases));
}
