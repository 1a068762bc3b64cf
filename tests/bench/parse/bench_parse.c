/* Parser throughput: the given files read into memory, then each is ingested (bare extraction,
 * the reference) and ingested + parsed (end to end) on one thread, in alternating trials, the
 * best of three kept. Time is this process's CPU time, so a loaded machine (other builds on the
 * same cores) slows the trials without skewing the rates. Prints "ingest_per_s parse_per_s";
 * measures, never judges. */
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "base/buf.h"
#include "ingest/ingest.h"
#include "parse/parse.h"

#define MAX_FILES 256

static int64_t cpu_ns(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    return (int64_t)ts.tv_sec * 1000000000LL + ts.tv_nsec;
}

static double run(struct pf_buf *files, size_t count, bool parse, double seconds)
{
    int64_t start = cpu_ns();
    int64_t budget = (int64_t)(seconds * 1e9);
    size_t docs = 0;
    struct pf_parse_options opts = {0};
    opts.has_as_of = true;
    opts.as_of_days = 20000;
    while (cpu_ns() - start < budget || docs < count) {
        struct pf_buf *f = &files[docs % count];
        struct pf_document *doc = NULL;
        struct pf_error err = PF_ERROR_INIT;
        if (pf_ingest(NULL, pf_buf_view(f), &doc, &err) == PF_OK && parse) {
            json_t *resume = NULL;
            if (pf_parse_document(doc, &opts, &resume, NULL, &err) == PF_OK) {
                char *text = json_dumps(resume, JSON_COMPACT);
                free(text);
            }
            json_decref(resume);
        }
        pf_document_free(doc);
        docs++;
    }
    return (double)docs / ((double)(cpu_ns() - start) / 1e9);
}

int main(int argc, char **argv)
{
    static struct pf_buf files[MAX_FILES];
    size_t count = 0;
    double seconds = 3.0;
    for (int i = 1; i < argc && count < MAX_FILES; i++) {
        struct pf_error err = PF_ERROR_INIT;
        pf_buf_init(&files[count], (size_t)64 << 20);
        if (pf_buf_read_file(&files[count], argv[i], &err) != PF_OK) {
            fprintf(stderr, "bench_parse: %s: %s\n", argv[i], pf_error_message(&err));
            return 1;
        }
        count++;
    }
    if (count == 0) {
        fprintf(stderr, "usage: bench_parse FILE...\n");
        return 2;
    }
    /* Warm up (fonts, allocator, caches), then alternate so drift hits both alike. */
    (void)run(files, count, true, 0.3);
    double ingest = 0;
    double parse = 0;
    for (int trial = 0; trial < 3; trial++) {
        double a = run(files, count, false, seconds / 3);
        double b = run(files, count, true, seconds / 3);
        ingest = a > ingest ? a : ingest;
        parse = b > parse ? b : parse;
    }
    printf("%.1f %.1f\n", ingest, parse);
    for (size_t i = 0; i < count; i++)
        pf_buf_fini(&files[i]);
    return 0;
}
