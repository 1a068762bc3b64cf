/* Tests for ingest/ingest_layout.c (and the column and order steps it drives): synthetic pages of
 * positioned glyphs, so each reading-order rule is checked without a PDF. */
#include <stdio.h>
#include <string.h>

#include "harness.h"
#include "ingest/ingest_layout.h"

#define SIZE 10.0f

/* Appends text as one run of glyphs at (x, baseline), each glyph half a size wide. */
static void put(struct pf_layout_page *page, float x, float baseline, const char *text,
                uint32_t flags)
{
    pf_layout_run_begin(page, true);
    const char *p = text;
    const char *end = text + strlen(text);
    while (p < end) {
        int32_t cp = pf_utf8_decode(&p, end);
        PF_ASSERT(cp >= 0);
        struct pf_layout_char ch;
        memset(&ch, 0, sizeof(ch));
        ch.cp = (uint32_t)cp;
        ch.x0 = x;
        ch.x1 = x + SIZE / 2;
        ch.y0 = baseline - SIZE * 0.8f;
        ch.y1 = baseline + SIZE * 0.2f;
        ch.baseline = baseline;
        ch.size = SIZE;
        ch.flags = flags;
        ch.link = -1;
        pf_layout_add_char(page, &ch);
        x += SIZE / 2;
    }
}

/* Lays out the pages and returns the document's text (caller frees the document). */
static struct pf_document *lay_out(struct pf_layout_page *pages, size_t count)
{
    static struct pf_ingest_limits limits;
    pf_ingest_limits_default(&limits);
    struct pf_doc_builder b;
    pf_builder_init(&b, PF_DOC_FORMAT_PDF, &limits, 0, NULL);
    for (size_t i = 0; i < count; i++)
        pf_builder_page(&b, pages[i].width, pages[i].height);
    struct pf_document *doc = NULL;
    PF_CHECK_STATUS(pf_layout_emit(&b, pages, count), PF_OK);
    PF_CHECK_STATUS(pf_builder_finish(&b, &doc), PF_OK);
    pf_builder_fini(&b);
    for (size_t i = 0; i < count; i++)
        pf_layout_page_fini(&pages[i]);
    return doc;
}

static long find(const struct pf_document *doc, const char *needle)
{
    return pf_str_find(pf_document_text(doc), pf_str_from_cstr(needle));
}

static void test_layout_reads_main_column_before_a_right_sidebar(void)
{
    struct pf_layout_page page = {612, 792, NULL, 0, 0, NULL, 0, 0, 0};
    put(&page, 200, 40, "Casey Columns", PF_SPAN_BOLD);
    const char *main_lines[] = {"Experience",
                                "Engineer at Acme",
                                "Built the billing service",
                                "Cut costs by a third",
                                "Education",
                                "BSc, Somewhere",
                                "Projects",
                                "A compiler",
                                "A database",
                                "A shell"};
    const char *side_lines[] = {"Contact", "casey@example.com", "+1 555 0100", "Skills", "C", "Go",
                                "SQL",     "Languages",         "English",     "French"};
    /* The sidebar keeps its own line pitch: rows of a table would share baselines. */
    for (int i = 0; i < 10; i++) {
        put(&page, 40, 100 + 14 * i, main_lines[i], 0);
        put(&page, 420, 105 + 17 * i, side_lines[i], 0);
    }
    struct pf_document *doc = lay_out(&page, 1);
    PF_CHECK(find(doc, "Casey Columns") == 0);
    PF_CHECK(find(doc, "A shell") < find(doc, "Contact"));
    PF_CHECK(find(doc, "Engineer at Acme") < find(doc, "Built the billing service"));
    PF_CHECK(find(doc, "\t") < 0);
    PF_CHECK_INT_EQ(pf_document_page(doc, 0)->columns, 2);
    size_t last = pf_document_block_count(doc) - 1;
    PF_CHECK(pf_document_block(doc, last)->flags & PF_BLOCK_SIDEBAR);
    pf_document_free(doc);
}

static void test_layout_keeps_a_label_grid_with_its_rows(void)
{
    struct pf_layout_page page = {612, 792, NULL, 0, 0, NULL, 0, 0, 0};
    /* Labels on the left, each level with the first line of its row; rows are taller. */
    const char *labels[] = {"WORK", "2019 - 2021", "EDUCATION", "SKILLS"};
    float tops[] = {100, 160, 240, 300};
    for (int i = 0; i < 4; i++)
        put(&page, 40, tops[i], labels[i], PF_SPAN_BOLD);
    for (int row = 0; row < 4; row++)
        for (int line = 0; line < 4; line++) {
            char text[64];
            snprintf(text, sizeof(text), "Row %d line %d of the content", row, line);
            put(&page, 200, tops[row] + 12 * line, text, 0);
        }
    struct pf_document *doc = lay_out(&page, 1);
    PF_CHECK(find(doc, "WORK") < find(doc, "Row 0 line 0"));
    PF_CHECK(find(doc, "Row 0 line 3") < find(doc, "2019 - 2021"));
    PF_CHECK(find(doc, "2019 - 2021") < find(doc, "Row 1 line 0"));
    PF_CHECK(find(doc, "EDUCATION") < find(doc, "Row 2 line 0"));
    PF_CHECK(find(doc, "Row 2 line 3") < find(doc, "SKILLS"));
    pf_document_free(doc);
}

static void test_layout_joins_right_aligned_dates_to_their_line(void)
{
    struct pf_layout_page page = {612, 792, NULL, 0, 0, NULL, 0, 0, 0};
    for (int i = 0; i < 6; i++) {
        char title[32];
        snprintf(title, sizeof(title), "Title %d", i);
        put(&page, 40, 100 + 60 * i, title, PF_SPAN_BOLD);
        put(&page, 500, 100 + 60 * i, "2020 - 2021", 0);
        put(&page, 40, 112 + 60 * i,
            "A bullet that runs across the whole width of the page, "
            "longer than the gap",
            0);
    }
    struct pf_document *doc = lay_out(&page, 1);
    PF_CHECK(find(doc, "Title 0\t2020 - 2021") >= 0);
    PF_CHECK(find(doc, "Title 5\t2020 - 2021") >= 0);
    PF_CHECK_INT_EQ(pf_document_page(doc, 0)->columns, 1);
    pf_document_free(doc);
}

static void test_layout_repairs_hyphenation_and_drops_bullets(void)
{
    struct pf_layout_page page = {612, 792, NULL, 0, 0, NULL, 0, 0, 0};
    put(&page, 40, 100, "\xE2\x80\xA2 Led the data platform team and the migra-", 0);
    put(&page, 50, 112, "tion of the billing system to a new", 0);
    put(&page, 50, 124, "platform", 0);
    struct pf_document *doc = lay_out(&page, 1);
    PF_CHECK_STR_EQ(pf_document_text(doc).ptr, "Led the data platform team and the migration\n"
                                               "of the billing system to a new\nplatform");
    PF_CHECK_INT_EQ(pf_document_block(doc, 0)->kind, PF_BLOCK_LIST_ITEM);
    pf_document_free(doc);
}

static void test_layout_drops_running_headers_and_page_numbers(void)
{
    struct pf_layout_page pages[2] = {{612, 792, NULL, 0, 0, NULL, 0, 0, 0},
                                      {612, 792, NULL, 0, 0, NULL, 0, 0, 0}};
    for (int p = 0; p < 2; p++) {
        put(&pages[p], 40, 30, "Casey Columns - Curriculum Vitae", 0);
        put(&pages[p], 300, 770, p == 0 ? "1" : "2", 0);
        put(&pages[p], 40, 100, p == 0 ? "First page body" : "Second page body", 0);
    }
    struct pf_document *doc = lay_out(pages, 2);
    PF_CHECK_STR_EQ(pf_document_text(doc).ptr, "First page body\n\nSecond page body");
    pf_document_free(doc);
}

int main(int argc, char **argv)
{
    static const struct pf_test_case cases[] = {
        PF_CASE(test_layout_reads_main_column_before_a_right_sidebar),
        PF_CASE(test_layout_keeps_a_label_grid_with_its_rows),
        PF_CASE(test_layout_joins_right_aligned_dates_to_their_line),
        PF_CASE(test_layout_repairs_hyphenation_and_drops_bullets),
        PF_CASE(test_layout_drops_running_headers_and_page_numbers),
    };
    return pf_test_run(argc, argv, cases, PF_ARRAY_LEN(cases));
}
