/* Tests for render/render_escape.c: each escaper, and that Markdown escaping survives a trip
 * through cmark as the literal text. */
#include <cmark.h>
#include <stdlib.h>
#include <string.h>

#include "harness.h"
#include "render/render_escape.h"

static const char *escaped(void (*fn)(struct pf_buf *, struct pf_str), const char *text)
{
    static char result[1024];
    struct pf_buf buf = PF_BUF_INIT(1024);
    fn(&buf, pf_str_from_cstr(text));
    snprintf(result, sizeof(result), "%s", pf_buf_cstr(&buf));
    pf_buf_fini(&buf);
    return result;
}

static void test_html_escapes_markupsafe_set(void)
{
    PF_CHECK_STR_EQ(escaped(pf_escape_html, "<a href=\"x\">&'</a>"),
                    "&lt;a href=&#34;x&#34;&gt;&amp;&#39;&lt;/a&gt;");
}

static void test_xml_drops_forbidden_characters(void)
{
    PF_CHECK_STR_EQ(escaped(pf_escape_xml, "a\x01<b>\t\"&\xef\xbf\xbe"), "a&lt;b&gt;\t&quot;&amp;");
}

/* The plain text cmark makes of Markdown: the literal characters, no markup. */
static char *markdown_to_text(const char *markdown)
{
    cmark_node *doc = cmark_parse_document(markdown, strlen(markdown), CMARK_OPT_DEFAULT);
    struct pf_buf text = PF_BUF_INIT(1 << 16);
    cmark_iter *iter = cmark_iter_new(doc);
    cmark_event_type ev;
    bool markup = false;
    while ((ev = cmark_iter_next(iter)) != CMARK_EVENT_DONE) {
        cmark_node *node = cmark_iter_get_node(iter);
        cmark_node_type type = cmark_node_get_type(node);
        if (ev != CMARK_EVENT_ENTER)
            continue;
        if (type == CMARK_NODE_TEXT)
            pf_buf_puts(&text, cmark_node_get_literal(node));
        else if (type == CMARK_NODE_SOFTBREAK)
            pf_buf_putc(&text, '\n');
        else if (type != CMARK_NODE_DOCUMENT && type != CMARK_NODE_PARAGRAPH)
            markup = true;
    }
    cmark_iter_free(iter);
    cmark_node_free(doc);
    if (markup)
        pf_buf_puts(&text, " [MARKUP]");
    return pf_buf_take(&text, NULL);
}

static void test_markdown_escaping_round_trips_through_cmark(void)
{
    static const char *const samples[] = {
        "*not emphasis* and _not_ either",
        "# not a heading",
        "- not a list",
        "1. not a list",
        "2019) neither",
        "> not a quote",
        "`not code`",
        "[not](a link) <http://not.autolink>",
        "a \\ backslash and \\* star",
        "&copy; stays &amp; literal",
        "snake_case_name and __init__",
        "line one\n# second line",
        "===",
        "---",
        "+ plus",
        "~~~",
        "    indented",
        "C# and C++ and 50% and a+b=c",
        "ünïcödé * ok",
    };
    for (size_t i = 0; i < PF_ARRAY_LEN(samples); i++) {
        struct pf_buf md = PF_BUF_INIT(4096);
        pf_escape_markdown(&md, pf_str_from_cstr(samples[i]));
        char *text = markdown_to_text(pf_buf_cstr(&md));
        const char *want = samples[i];
        if (strcmp(want, "    indented") == 0)
            want = "indented";
        if (strcmp(text, want) != 0)
            pf_test_fail(__FILE__, __LINE__, "%s -> %s -> %s", samples[i], pf_buf_cstr(&md), text);
        free(text);
        pf_buf_fini(&md);
    }
}

static void test_markdown_leaves_ordinary_text_alone(void)
{
    PF_CHECK_STR_EQ(escaped(pf_escape_markdown, "Led a team of 5 (Go, Python), 2019-2021."),
                    "Led a team of 5 (Go, Python), 2019-2021.");
}

static void test_url_allows_web_and_mail_only(void)
{
    struct pf_buf buf = PF_BUF_INIT(256);
    PF_CHECK(pf_escape_url(&buf, PF_STR("https://example.org/a b")));
    PF_CHECK_STR_EQ(pf_buf_cstr(&buf), "https://example.org/a%20b");
    pf_buf_reset(&buf);
    PF_CHECK(pf_escape_url(&buf, PF_STR("mailto:a@b.c")));
    PF_CHECK(pf_escape_url(&buf, PF_STR("relative/path")));
    PF_CHECK(!pf_escape_url(&buf, PF_STR("javascript:alert(1)")));
    PF_CHECK(!pf_escape_url(&buf, PF_STR(" JavaScript:alert(1)")));
    PF_CHECK(!pf_escape_url(&buf, PF_STR("data:text/html,x")));
    PF_CHECK(!pf_escape_url(&buf, PF_STR("file:///etc/passwd")));
    PF_CHECK(!pf_escape_url(&buf, PF_STR("")));
    pf_buf_fini(&buf);
}

static void test_cairo_strings_escape_quotes_and_backslashes(void)
{
    PF_CHECK_STR_EQ(escaped(pf_escape_cairo_string, "it's a\\b"), "it\\'s a\\\\b");
}

int main(int argc, char **argv)
{
    static const struct pf_test_case cases[] = {
        PF_CASE(test_html_escapes_markupsafe_set),
        PF_CASE(test_xml_drops_forbidden_characters),
        PF_CASE(test_markdown_escaping_round_trips_through_cmark),
        PF_CASE(test_markdown_leaves_ordinary_text_alone),
        PF_CASE(test_url_allows_web_and_mail_only),
        PF_CASE(test_cairo_strings_escape_quotes_and_backslashes),
    };
    return pf_test_run(argc, argv, cases, PF_ARRAY_LEN(cases));
}
