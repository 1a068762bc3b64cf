/* Throughput of ingestion: `bench_ingest ours|mupdf ROUNDS FILE...` reads every file ROUNDS
 * times, either through pf_ingest() or (PDF only) through bare MuPDF structured-text extraction
 * of every page (one context, default options: the reference), and prints documents per second
 * and milliseconds per document in CPU time (this process, all threads), which a busy shared
 * machine disturbs far less than wall time; wall time is printed too. Files are read into
 * memory first; only extraction is timed. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <mupdf/fitz.h>

#include "base/buf.h"
#include "base/clock.h"
#include "ingest/ingest.h"

static double cpu_seconds(void)
{
    struct timespec t;
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
    return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

static size_t bare_mupdf(fz_context *ctx, const struct pf_buf *bytes)
{
    volatile size_t chars = 0;
    fz_stream *stream = NULL;
    fz_document *doc = NULL;
    fz_var(stream);
    fz_var(doc);
    fz_try(ctx)
    {
        stream = fz_open_memory(ctx, (const unsigned char *)bytes->ptr, bytes->len);
        doc = fz_open_document_with_stream(ctx, "application/pdf", stream);
        int pages = fz_count_pages(ctx, doc);
        for (int i = 0; i < pages; i++) {
            fz_stext_options options = {0};
            fz_page *page = fz_load_page(ctx, doc, i);
            fz_stext_page *text = fz_new_stext_page_from_page(ctx, page, &options);
            for (fz_stext_block *b = text->first_block; b; b = b->next)
                if (b->type == FZ_STEXT_BLOCK_TEXT)
                    for (fz_stext_line *l = b->u.t.first_line; l; l = l->next)
                        for (fz_stext_char *c = l->first_char; c; c = c->next)
                            chars++;
            fz_drop_stext_page(ctx, text);
            fz_drop_page(ctx, page);
        }
    }
    fz_always(ctx)
    {
        fz_drop_document(ctx, doc);
        fz_drop_stream(ctx, stream);
    }
    fz_catch(ctx)
    {
        return 0;
    }
    return chars;
}

int main(int argc, char **argv)
{
    if (argc < 4) {
        fprintf(stderr, "usage: bench_ingest ours|mupdf ROUNDS FILE...\n");
        return 2;
    }
    bool ours = strcmp(argv[1], "ours") == 0;
    int rounds = (int)strtol(argv[2], NULL, 10);
    int files = argc - 3;
    struct pf_buf *bytes = calloc((size_t)files, sizeof(*bytes));
    for (int i = 0; i < files; i++) {
        struct pf_error err = PF_ERROR_INIT;
        pf_buf_init(&bytes[i], (size_t)64 << 20);
        if (pf_buf_read_file(&bytes[i], argv[i + 3], &err) != PF_OK) {
            fprintf(stderr, "bench_ingest: %s: %s\n", argv[i + 3], pf_error_message(&err));
            return 1;
        }
    }
    struct pf_ingest_limits limits;
    pf_ingest_limits_default(&limits);
    fz_context *ctx = ours ? NULL : fz_new_context(NULL, NULL, FZ_STORE_DEFAULT);
    if (ctx) {
        fz_register_document_handlers(ctx);
        fz_set_warning_callback(ctx, NULL, NULL);
    }
    size_t failures = 0;
    int64_t start = pf_monotonic_ns();
    double cpu_start = cpu_seconds();
    for (int r = 0; r < rounds; r++) {
        for (int i = 0; i < files; i++) {
            if (ours) {
                struct pf_document *doc = NULL;
                struct pf_error err = PF_ERROR_INIT;
                if (pf_ingest(&limits, pf_buf_view(&bytes[i]), &doc, &err) != PF_OK)
                    failures++;
                pf_document_free(doc);
            } else if (bare_mupdf(ctx, &bytes[i]) == 0) {
                failures++;
            }
        }
    }
    double wall = (double)(pf_monotonic_ns() - start) / 1e9;
    double seconds = cpu_seconds() - cpu_start;
    double docs = (double)rounds * files;
    printf("%s %d docs x %d rounds: %.3f s CPU, %.1f docs/s, %.2f ms/doc (wall %.3f s), %zu "
           "failures\n",
           argv[1], files, rounds, seconds, docs / seconds, 1000.0 * seconds / docs, wall,
           failures);
    if (ctx)
        fz_drop_context(ctx);
    for (int i = 0; i < files; i++)
        pf_buf_fini(&bytes[i]);
    free(bytes);
    return failures ? 1 : 0;
}
