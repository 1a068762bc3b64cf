/* Tests for base/arena.c: alignment, large blocks, copies and deferred cleanups. */
#include <stdalign.h>
#include <string.h>

#include "base/arena.h"
#include "harness.h"

static int cleanup_order[4];
static int cleanup_count;

static void record_cleanup(void *ptr)
{
    cleanup_order[cleanup_count++] = *(int *)ptr;
}

static void test_arena_allocations_are_aligned_and_zeroed(void)
{
    struct pf_arena *arena = pf_arena_new();
    for (int i = 1; i < 200; i++) {
        unsigned char *p = pf_arena_alloc(arena, (size_t)i);
        PF_CHECK(((uintptr_t)p % alignof(max_align_t)) == 0);
        for (int j = 0; j < i; j++)
            PF_CHECK(p[j] == 0);
        memset(p, 0xAB, (size_t)i);
    }
    void *large = pf_arena_alloc(arena, 1 << 20);
    PF_CHECK(large != NULL);
    memset(large, 1, 1 << 20);
    PF_CHECK(pf_arena_used(arena) >= (1 << 20));
    pf_arena_free(arena);
    pf_arena_free(NULL);
}

static void test_arena_copies_strings(void)
{
    struct pf_arena *arena = pf_arena_new();
    PF_CHECK_STR_EQ(pf_arena_strdup(arena, "abc"), "abc");
    PF_CHECK_STR_EQ(pf_arena_strndup(arena, "abcdef", 3), "abc");
    PF_CHECK_STR_EQ(pf_arena_strdup_str(arena, PF_STR("xyz")), "xyz");
    PF_CHECK_STR_EQ(pf_arena_printf(arena, "%d-%s", 7, "x"), "7-x");
    PF_CHECK(pf_arena_strdup(arena, NULL) == NULL);
    pf_arena_free(arena);
}

static void test_arena_runs_cleanups_newest_first(void)
{
    static int one = 1, two = 2, three = 3;
    cleanup_count = 0;
    struct pf_arena *arena = pf_arena_new();
    pf_arena_defer(arena, record_cleanup, &one);
    pf_arena_defer(arena, record_cleanup, &two);
    pf_arena_defer(arena, record_cleanup, &three);
    PF_CHECK_INT_EQ(cleanup_count, 0);
    pf_arena_free(arena);
    PF_CHECK_INT_EQ(cleanup_count, 3);
    PF_CHECK_INT_EQ(cleanup_order[0], 3);
    PF_CHECK_INT_EQ(cleanup_order[2], 1);
}

int main(int argc, char **argv)
{
    static const struct pf_test_case cases[] = {
        PF_CASE(test_arena_allocations_are_aligned_and_zeroed),
        PF_CASE(test_arena_copies_strings),
        PF_CASE(test_arena_runs_cleanups_newest_first),
    };
    return pf_test_run(argc, argv, cases, PF_ARRAY_LEN(cases));
}
