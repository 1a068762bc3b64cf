/* Times in-process exports of one persona through one template: the median and 90th percentile
 * milliseconds per PDF, DOCX and HTML over RUNS renders after a warm-up (tests/bench/render). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "base/buf.h"
#include "base/clock.h"
#include "render/render.h"

/* CPU time of this process: unlike wall time it does not grow when other work shares the
 * machine's cores. */
static double cpu_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

static int compare(const void *a, const void *b)
{
    double x = *(const double *)a;
    double y = *(const double *)b;
    return (x > y) - (x < y);
}

int main(int argc, char **argv)
{
    if (argc != 4) {
        fprintf(stderr, "usage: bench_render PERSONA.json TEMPLATE RUNS\n");
        return 2;
    }
    int runs = (int)strtol(argv[3], NULL, 10);
    if (runs < 1 || runs > 100000)
        runs = 20;
    json_t *persona = json_load_file(argv[1], 0, NULL);
    struct pf_template *tmpl = NULL;
    struct pf_error err = PF_ERROR_INIT;
    if (!persona ||
        pf_render_builtin_compile(pf_str_from_cstr(argv[2]), NULL, &tmpl, &err) != PF_OK) {
        fprintf(stderr, "bench_render: cannot load %s / %s: %s\n", argv[1], argv[2],
                pf_error_message(&err));
        return 1;
    }
    json_t *data = pf_render_data_new(tmpl, persona, NULL);
    static const enum pf_render_format formats[] = {PF_FORMAT_PDF, PF_FORMAT_DOCX, PF_FORMAT_HTML};
    double *times = calloc((size_t)runs, sizeof(*times));
    double *cpu = calloc((size_t)runs, sizeof(*cpu));
    int status = 0;
    for (size_t f = 0; f < sizeof(formats) / sizeof(formats[0]); f++) {
        size_t bytes = 0;
        for (int i = -3; i < runs; i++) { /* three warm-up renders (fontconfig, font caches) */
            struct pf_buf out = PF_BUF_INIT((size_t)64 << 20);
            struct pf_render_request req = {.tmpl = tmpl, .data = data, .format = formats[f]};
            int64_t start = pf_monotonic_ns();
            double cpu_start = cpu_ms();
            pf_status st = pf_render(&req, &out, &err);
            double cpu_end = cpu_ms();
            int64_t end = pf_monotonic_ns();
            if (st != PF_OK) {
                fprintf(stderr, "bench_render: %s\n", pf_error_message(&err));
                status = 1;
            }
            if (i >= 0) {
                times[i] = (double)(end - start) / 1e6;
                cpu[i] = cpu_end - cpu_start;
            }
            bytes = out.len;
            pf_buf_fini(&out);
        }
        qsort(times, (size_t)runs, sizeof(*times), compare);
        qsort(cpu, (size_t)runs, sizeof(*cpu), compare);
        size_t p90 = (size_t)((double)runs * 0.9);
        if (p90 >= (size_t)runs)
            p90 = (size_t)runs - 1;
        printf("%s median_ms=%.2f p90_ms=%.2f cpu_median_ms=%.2f runs=%d bytes=%zu\n",
               pf_render_format_name(formats[f]), times[runs / 2], times[p90], cpu[runs / 2], runs,
               bytes);
    }
    free(times);
    free(cpu);
    json_decref(data);
    json_decref(persona);
    pf_template_free(tmpl);
    return status;
}
