/* Tests for render/render_md.c: Markdown into the document model (blocks, runs, lists,
 * directives). */
#include <string.h>

#include "harness.h"
#include "render/render_int.h"

static void parse(struct pf_arena *arena, const char *md, struct pf_doc *doc)
{
    struct pf_error err = PF_ERROR_INIT;
    PF_CHECK_STATUS(pf_doc_parse(arena, pf_str_from_cstr(md), doc, &err), PF_OK);
}

static void test_blocks_and_runs(void)
{
    struct pf_arena *arena = pf_arena_new();
    struct pf_doc doc;
    parse(arena, "# Name\n\nSome **bold** and *it* [link](<https://x.org>)\\\nnext\n\n---\n", &doc);
    PF_CHECK_INT_EQ(doc.count, 3);
    PF_CHECK_INT_EQ(doc.blocks[0].type, PF_DOC_HEADING);
    PF_CHECK_INT_EQ(doc.blocks[0].level, 1);
    const struct pf_doc_block *p = &doc.blocks[1];
    PF_CHECK_STR_EQ(pf_doc_block_text(arena, p), "Some bold and it link\nnext");
    PF_CHECK(p->spans[1].flags == PF_DOC_BOLD);
    PF_CHECK(p->spans[3].flags == PF_DOC_ITALIC);
    PF_CHECK(p->spans[5].href && strcmp(p->spans[5].href, "https://x.org") == 0);
    PF_CHECK_INT_EQ(doc.blocks[2].type, PF_DOC_RULE);
    pf_arena_free(arena);
}

static void test_lists_keep_markers_levels_and_numbers(void)
{
    struct pf_arena *arena = pf_arena_new();
    struct pf_doc doc;
    parse(arena, "- a\n- b\n  - c\n\n3. x\n4. y\n\n  more\n", &doc);
    PF_CHECK_INT_EQ(doc.blocks[0].type, PF_DOC_ITEM);
    PF_CHECK(doc.blocks[0].marker && doc.blocks[0].ordinal == 0 && doc.blocks[0].level == 1);
    PF_CHECK(doc.blocks[2].level == 2);
    PF_CHECK_INT_EQ(doc.blocks[3].ordinal, 3);
    PF_CHECK_INT_EQ(doc.blocks[4].ordinal, 4);
    PF_CHECK(doc.blocks[3].list_id != doc.blocks[0].list_id);
    PF_CHECK(!doc.blocks[5].marker);
    pf_arena_free(arena);
}

static void test_directives_split_flows_and_break_pages(void)
{
    struct pf_arena *arena = pf_arena_new();
    struct pf_doc doc;
    parse(arena,
          "<!-- pf:sidebar -->\n\nside\n\n<!-- pf:main -->\n\nmain\n\n"
          "<!-- pf:pagebreak -->\n\n<script>x</script>\n\nend\n",
          &doc);
    PF_CHECK(doc.has_sidebar);
    PF_CHECK(doc.blocks[0].sidebar);
    PF_CHECK(!doc.blocks[1].sidebar);
    PF_CHECK_INT_EQ(doc.blocks[2].type, PF_DOC_PAGEBREAK);
    PF_CHECK_INT_EQ(doc.count, 4); /* raw HTML is dropped */
    pf_arena_free(arena);
}

static void test_many_escapes_merge_into_one_run(void)
{
    struct pf_arena *arena = pf_arena_new();
    struct pf_buf md = PF_BUF_INIT(1 << 20);
    for (int i = 0; i < 20000; i++)
        pf_buf_puts(&md, "a\\*");
    struct pf_doc doc;
    parse(arena, pf_buf_cstr(&md), &doc);
    PF_CHECK_INT_EQ(doc.blocks[0].span_count, 1);
    PF_CHECK_INT_EQ(doc.blocks[0].spans[0].len, 40000);
    pf_buf_fini(&md);
    pf_arena_free(arena);
}

int main(int argc, char **argv)
{
    static const struct pf_test_case cases[] = {
        PF_CASE(test_blocks_and_runs),
        PF_CASE(test_lists_keep_markers_levels_and_numbers),
        PF_CASE(test_directives_split_flows_and_break_pages),
        PF_CASE(test_many_escapes_merge_into_one_run),
    };
    return pf_test_run(argc, argv, cases, PF_ARRAY_LEN(cases));
}
