/* The PDF reader: MuPDF structured text (glyphs with fonts, sizes and boxes) under a memory
 * budget and a deadline, handed to the layout analysis. Only this file includes MuPDF. */
#include <math.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <mupdf/fitz.h>
#include <mupdf/pdf.h>

#include "base/clock.h"
#include "base/mem.h"
#include "ingest/ingest_layout.h"

#define FONT_CACHE    512
#define MAX_LINKS     256 /* per page */
#define SCANNED_CHARS 16  /* fewer visible glyphs per page than this on image pages: scanned */

/* MuPDF's allocations, counted against limit_document_memory. */
struct budget {
    size_t used;
    size_t limit;
    bool refused;
};

union header {
    size_t size;
    max_align_t align;
};

static void *budget_malloc(void *user, size_t size)
{
    struct budget *budget = user;
    if (size > budget->limit - budget->used || size > SIZE_MAX - sizeof(union header)) {
        budget->refused = true;
        return NULL;
    }
    union header *h = malloc(sizeof(*h) + size);
    if (!h)
        return NULL;
    h->size = size;
    budget->used += size;
    return h + 1;
}

static void budget_free(void *user, void *ptr)
{
    if (!ptr)
        return;
    struct budget *budget = user;
    union header *h = (union header *)ptr - 1;
    budget->used -= h->size;
    free(h);
}

static void *budget_realloc(void *user, void *old, size_t size)
{
    if (!old)
        return budget_malloc(user, size);
    if (size == 0) {
        budget_free(user, old);
        return NULL;
    }
    struct budget *budget = user;
    union header *h = (union header *)old - 1;
    size_t before = h->size;
    if (size > before &&
        (size - before > budget->limit - budget->used || size > SIZE_MAX - sizeof(union header))) {
        budget->refused = true;
        return NULL;
    }
    union header *moved = realloc(h, sizeof(*h) + size);
    if (!moved)
        return NULL;
    moved->size = size;
    budget->used = budget->used - before + size;
    return moved + 1;
}

static void quiet(void *user, const char *message)
{
    (void)user;
    (void)message;
}

/* Sets the cookie's abort flag at the deadline: MuPDF polls it while interpreting a page, so
 * a page built to take forever is cut short. */
struct watchdog {
    pthread_t thread;
    pthread_mutex_t lock;
    pthread_cond_t cond;
    bool stop;
    bool running;
    int64_t deadline_ns;
    fz_cookie *cookie;
};

static void *watchdog_main(void *arg)
{
    struct watchdog *dog = arg;
    pthread_mutex_lock(&dog->lock);
    while (!dog->stop) {
        if (pf_monotonic_ns() >= dog->deadline_ns) {
            dog->cookie->abort = 1;
            break;
        }
        struct timespec until;
        clock_gettime(CLOCK_MONOTONIC, &until);
        int64_t left = dog->deadline_ns - pf_monotonic_ns();
        if (left > 50000000)
            left = 50000000;
        until.tv_nsec += (long)(left > 0 ? left : 0);
        while (until.tv_nsec >= 1000000000L) {
            until.tv_nsec -= 1000000000L;
            until.tv_sec++;
        }
        pthread_cond_timedwait(&dog->cond, &dog->lock, &until);
    }
    pthread_mutex_unlock(&dog->lock);
    return NULL;
}

static void watchdog_start(struct watchdog *dog, int64_t deadline_ns, fz_cookie *cookie)
{
    memset(dog, 0, sizeof(*dog));
    if (deadline_ns <= 0)
        return;
    dog->deadline_ns = deadline_ns;
    dog->cookie = cookie;
    pthread_condattr_t attr;
    pthread_condattr_init(&attr);
    pthread_condattr_setclock(&attr, CLOCK_MONOTONIC);
    pthread_cond_init(&dog->cond, &attr);
    pthread_condattr_destroy(&attr);
    pthread_mutex_init(&dog->lock, NULL);
    dog->running = pthread_create(&dog->thread, NULL, watchdog_main, dog) == 0;
    if (!dog->running) {
        pthread_cond_destroy(&dog->cond);
        pthread_mutex_destroy(&dog->lock);
    }
}

static void watchdog_stop(struct watchdog *dog)
{
    if (!dog->running)
        return;
    pthread_mutex_lock(&dog->lock);
    dog->stop = true;
    pthread_cond_signal(&dog->cond);
    pthread_mutex_unlock(&dog->lock);
    pthread_join(dog->thread, NULL);
    pthread_cond_destroy(&dog->cond);
    pthread_mutex_destroy(&dog->lock);
    dog->running = false;
}

struct font_entry {
    fz_font *font; /* borrowed from MuPDF's store; only compared */
    uint32_t index;
    uint32_t flags;
};

struct page_link {
    fz_rect rect;
    int32_t index;
};

struct reader {
    struct pf_doc_builder *b;
    fz_context *ctx;
    struct font_entry fonts[FONT_CACHE];
    size_t font_count;
    struct page_link links[MAX_LINKS];
    size_t link_count;
    size_t visible; /* glyphs with a visible form, all pages */
    size_t glyphs;  /* glyphs kept, all pages: bounded by limit_extracted_text */
    bool too_many;
    size_t image_pages; /* pages mostly covered by images */
};

static bool name_has(const char *name, const char *part)
{
    return strstr(name, part) != NULL;
}

static void font_of(struct reader *r, fz_font *font, uint32_t *out_index, uint32_t *out_flags)
{
    for (size_t i = r->font_count; i > 0; i--) {
        if (r->fonts[i - 1].font == font) {
            *out_index = r->fonts[i - 1].index;
            *out_flags = r->fonts[i - 1].flags;
            return;
        }
    }
    const char *name = font ? fz_font_name(r->ctx, font) : "";
    uint32_t flags = 0;
    if (font && (fz_font_is_bold(r->ctx, font) || name_has(name, "Bold") ||
                 name_has(name, "Black") || name_has(name, "Heavy") || name_has(name, "Semibold") ||
                 name_has(name, "SemiBold") || name_has(name, "Demi")))
        flags |= PF_SPAN_BOLD;
    if (font &&
        (fz_font_is_italic(r->ctx, font) || name_has(name, "Italic") || name_has(name, "Oblique")))
        flags |= PF_SPAN_ITALIC;
    if (font && (fz_font_is_monospaced(r->ctx, font) || name_has(name, "Mono") ||
                 name_has(name, "Courier") || name_has(name, "Consol")))
        flags |= PF_SPAN_MONOSPACE;
    if (name_has(name, "SmallCaps") || name_has(name, "SC-") || name_has(name, "-SC"))
        flags |= PF_SPAN_SMALL_CAPS;
    uint32_t index = r->font_count < FONT_CACHE ? pf_builder_font(r->b, name, strlen(name)) : 0;
    if (r->font_count < FONT_CACHE) {
        r->fonts[r->font_count].font = font;
        r->fonts[r->font_count].index = index;
        r->fonts[r->font_count].flags = flags;
        r->font_count++;
    }
    *out_index = index;
    *out_flags = flags;
}

static int32_t link_at(const struct reader *r, float x, float y)
{
    for (size_t i = 0; i < r->link_count; i++) {
        const fz_rect *rect = &r->links[i].rect;
        if (x >= rect->x0 && x <= rect->x1 && y >= rect->y0 && y <= rect->y1)
            return r->links[i].index;
    }
    return -1;
}

static void collect_links(struct reader *r, fz_link *links, fz_rect bounds)
{
    r->link_count = 0;
    for (fz_link *link = links; link && r->link_count < MAX_LINKS; link = link->next) {
        const char *uri = link->uri;
        if (!uri || uri[0] == '#' || !strchr(uri, ':'))
            continue; /* internal destinations */
        struct page_link *out = &r->links[r->link_count++];
        out->rect = link->rect;
        out->rect.x0 -= bounds.x0;
        out->rect.x1 -= bounds.x0;
        out->rect.y0 -= bounds.y0;
        out->rect.y1 -= bounds.y0;
        out->index = pf_builder_link(r->b, uri, strlen(uri));
    }
}

/* Copies MuPDF's structured text into a layout page. */
static void convert_page(struct reader *r, fz_stext_page *text, fz_rect bounds,
                         struct pf_layout_page *out)
{
    float image_area = 0;
    for (fz_stext_block *block = text->first_block; block; block = block->next) {
        if (block->type == FZ_STEXT_BLOCK_IMAGE) {
            fz_rect box = fz_intersect_rect(block->bbox, bounds);
            if (!fz_is_empty_rect(box))
                image_area += (box.x1 - box.x0) * (box.y1 - box.y0);
            continue;
        }
        if (block->type != FZ_STEXT_BLOCK_TEXT)
            continue;
        for (fz_stext_line *line = block->u.t.first_line; line; line = line->next) {
            bool horizontal = fabsf(line->dir.y) < 0.1f && line->dir.x > 0;
            pf_layout_run_begin(out, horizontal);
            for (fz_stext_char *ch = line->first_char; ch; ch = ch->next) {
                fz_rect box = fz_rect_from_quad(ch->quad);
                struct pf_layout_char lc;
                lc.cp = ch->c < 0 ? 0xFFFD : (uint32_t)ch->c;
                lc.x0 = box.x0 - bounds.x0;
                lc.y0 = box.y0 - bounds.y0;
                lc.x1 = box.x1 - bounds.x0;
                lc.y1 = box.y1 - bounds.y0;
                lc.baseline = ch->origin.y - bounds.y0;
                lc.size = ch->size;
                lc.color = (uint32_t)ch->color & 0xFFFFFF;
                font_of(r, ch->font, &lc.font, &lc.flags);
                lc.link = r->link_count ? link_at(r, (lc.x0 + lc.x1) / 2, (lc.y0 + lc.y1) / 2) : -1;
                if (!isfinite(lc.x0) || !isfinite(lc.y0) || !isfinite(lc.x1) || !isfinite(lc.y1) ||
                    !isfinite(lc.baseline) || !isfinite(lc.size))
                    continue;
                if (!pf_layout_is_space(lc.cp))
                    r->visible++;
                /* Every glyph becomes at least a byte of text: a page that draws more glyphs
                 * than the text may hold is refused before its layout costs memory. */
                if (++r->glyphs > r->b->limits->max_text_bytes) {
                    r->too_many = true;
                    return;
                }
                pf_layout_add_char(out, &lc);
            }
        }
    }
    out->image_area = image_area;
    float area = (bounds.x1 - bounds.x0) * (bounds.y1 - bounds.y0);
    if (area > 0 && image_area > 0.5f * area)
        r->image_pages++;
}

/* MuPDF reports failures by longjmp: each call that may throw gets a helper whose only
 * state across the jump is volatile. */
static int lookup_meta(fz_context *ctx, fz_document *doc, const char *key, char *out, int size)
{
    volatile int len = -1;
    fz_try(ctx) len = fz_lookup_metadata(ctx, doc, key, out, size);
    fz_catch(ctx) len = -1;
    return len;
}

static const char *catalog_language(fz_context *ctx, pdf_document *pdf)
{
    const char *volatile lang = NULL;
    fz_try(ctx) lang =
        pdf_to_text_string(ctx, pdf_dict_getp(ctx, pdf_trailer(ctx, pdf), "Root/Lang"));
    fz_catch(ctx) lang = NULL;
    return lang;
}

static bool locked(fz_context *ctx, fz_document *doc)
{
    volatile bool needs = true;
    fz_try(ctx) needs = fz_needs_password(ctx, doc) && !fz_authenticate_password(ctx, doc, "");
    fz_catch(ctx) needs = true;
    return needs;
}

static int page_count_of(fz_context *ctx, fz_document *doc)
{
    volatile int count = 0;
    fz_try(ctx) count = fz_count_pages(ctx, doc);
    fz_catch(ctx) count = 0;
    return count;
}

static fz_document *open_pdf(fz_context *ctx, struct pf_str bytes)
{
    fz_stream *volatile stream = NULL;
    fz_document *volatile doc = NULL;
    fz_try(ctx)
    {
        stream = fz_open_memory(ctx, (const unsigned char *)bytes.ptr, bytes.len);
        doc = (fz_document *)pdf_open_document_with_stream(ctx, stream);
    }
    fz_always(ctx)
    {
        fz_drop_stream(ctx, stream);
    }
    fz_catch(ctx)
    {
        doc = NULL;
    }
    return doc;
}

static void read_meta(struct reader *r, fz_document *doc, pdf_document *pdf)
{
    static const struct {
        const char *key;
        const char *which;
        bool date;
    } keys[] = {
        {FZ_META_INFO_TITLE, "title", false},
        {FZ_META_INFO_AUTHOR, "author", false},
        {FZ_META_INFO_SUBJECT, "subject", false},
        {FZ_META_INFO_KEYWORDS, "keywords", false},
        {FZ_META_INFO_CREATOR, "creator", false},
        {FZ_META_INFO_PRODUCER, "producer", false},
        {FZ_META_INFO_CREATIONDATE, "created", true},
        {FZ_META_INFO_MODIFICATIONDATE, "modified", true},
    };
    fz_context *ctx = r->ctx;
    char value[1024];
    for (size_t i = 0; i < PF_ARRAY_LEN(keys); i++) {
        int len = lookup_meta(ctx, doc, keys[i].key, value, (int)sizeof(value));
        if (len <= 0)
            continue;
        struct pf_str text = pf_str_make(value, strnlen(value, sizeof(value)));
        if (keys[i].date)
            pf_builder_meta_date(r->b, keys[i].which, text);
        else
            pf_builder_meta(r->b, keys[i].which, text);
    }
    const char *lang = catalog_language(ctx, pdf);
    if (lang && lang[0])
        pf_builder_meta(r->b, "language", pf_str_from_cstr(lang));
}

/* Extracts page number index into out. Returns PF_OK, or a status for a failure that ends
 * the document (deadline, memory budget); a damaged page only gets a warning. */
static pf_status read_page(struct reader *r, fz_document *doc, int index, fz_cookie *cookie,
                           struct budget *budget, struct pf_layout_page *out, bool *out_ok)
{
    fz_context *ctx = r->ctx;
    struct pf_doc_builder *b = r->b;
    fz_page *page = NULL;
    fz_stext_page *text = NULL;
    fz_device *device = NULL;
    fz_link *links = NULL;
    volatile bool ok = false;
    fz_var(page);
    fz_var(text);
    fz_var(device);
    fz_var(links);
    *out_ok = false;
    fz_try(ctx)
    {
        page = fz_load_page(ctx, doc, index);
        fz_rect bounds = fz_bound_page(ctx, page);
        text = fz_new_stext_page(ctx, bounds);
        fz_stext_options options;
        memset(&options, 0, sizeof(options));
        options.flags = FZ_STEXT_PRESERVE_IMAGES | FZ_STEXT_MEDIABOX_CLIP;
        device = fz_new_stext_device(ctx, text, &options);
        fz_run_page(ctx, page, device, fz_identity, cookie);
        fz_close_device(ctx, device);
        links = fz_load_links(ctx, page);
        collect_links(r, links, bounds);
        out->width = bounds.x1 - bounds.x0;
        out->height = bounds.y1 - bounds.y0;
        convert_page(r, text, bounds, out);
        ok = true;
    }
    fz_always(ctx)
    {
        fz_drop_link(ctx, links);
        fz_drop_device(ctx, device);
        fz_drop_stext_page(ctx, text);
        fz_drop_page(ctx, page);
    }
    fz_catch(ctx)
    {
        ok = false;
    }
    if (cookie->abort || pf_builder_check_time(b) != PF_OK)
        return pf_builder_fail(b, PF_E_TIMEOUT, "limit_document_ms",
                               "reading the PDF took longer than limit_document_ms (%lld ms)",
                               (long long)b->limits->max_ms);
    if (r->too_many)
        return pf_builder_fail(b, PF_E_TOO_BIG, "limit_extracted_text",
                               "the PDF draws more text than limit_extracted_text (%zu bytes)",
                               b->limits->max_text_bytes);
    if (budget->refused)
        return pf_builder_fail(b, PF_E_TOO_BIG, "limit_document_memory",
                               "the PDF needs more memory than limit_document_memory (%zu bytes)",
                               budget->limit);
    *out_ok = ok;
    return PF_OK;
}

pf_status pf_ingest_read_pdf(struct pf_doc_builder *b, struct pf_str bytes)
{
    struct budget budget = {0, b->limits->max_memory, false};
    fz_alloc_context alloc = {&budget, budget_malloc, budget_realloc, budget_free};
    struct reader *r = pf_xcalloc(1, sizeof(*r));
    struct pf_layout_page *pages = NULL;
    size_t page_count = 0;
    size_t want = 0;
    fz_document *doc = NULL;
    fz_cookie cookie;
    memset(&cookie, 0, sizeof(cookie));
    struct watchdog dog;
    watchdog_start(&dog, b->deadline_ns, &cookie);
    pf_status st = PF_OK;
    r->b = b;
    r->ctx = fz_new_context(&alloc, NULL, 16 << 20);
    fz_context *ctx = r->ctx;
    if (!ctx) {
        st = pf_builder_fail(b, PF_E_TOO_BIG, "limit_document_memory",
                             "limit_document_memory is too small to read a PDF");
        goto done;
    }
    fz_set_warning_callback(ctx, quiet, NULL);
    fz_set_error_callback(ctx, quiet, NULL);

    doc = open_pdf(ctx, bytes);
    if (!doc) {
        if (budget.refused)
            st = pf_builder_fail(b, PF_E_TOO_BIG, "limit_document_memory",
                                 "the PDF needs more memory than limit_document_memory");
        else
            st = pf_builder_fail(b, PF_E_CORRUPT, NULL, "the PDF is damaged or truncated");
        goto done;
    }
    if (locked(ctx, doc)) {
        st = pf_builder_fail(b, PF_E_ENCRYPTED, NULL, "the PDF is password-protected");
        goto done;
    }
    int count = page_count_of(ctx, doc);
    if (count <= 0) {
        st = pf_builder_fail(b, PF_E_CORRUPT, NULL, "the PDF has no readable pages");
        goto done;
    }
    read_meta(r, doc, (pdf_document *)doc);
    b->doc->pages_in_source = (size_t)count;
    want = (size_t)count < b->limits->max_pages ? (size_t)count : b->limits->max_pages;
    if (want < (size_t)count)
        pf_builder_warn(b, "limit_pages", "only the first %zu of %d pages were read (limit_pages)",
                        want, count);
    pages = pf_xcalloc(want, sizeof(*pages));
    size_t read_ok = 0;
    for (size_t i = 0; i < want; i++) {
        bool ok;
        st = read_page(r, doc, (int)i, &cookie, &budget, &pages[i], &ok);
        if (st != PF_OK)
            goto done;
        page_count = i + 1;
        read_ok += ok;
        if (!ok)
            pf_builder_warn(b, "page_damaged", "page %zu could not be read", i + 1);
    }
    if (pdf_was_repaired(ctx, (pdf_document *)doc))
        pf_builder_warn(b, "pdf_repaired", "the PDF was damaged and has been repaired");
    if (read_ok == 0) {
        st = pf_builder_fail(b, PF_E_CORRUPT, NULL, "no page of the PDF could be read");
        goto done;
    }
    /* No text layer: never guess a document from nothing. A few glyphs on image pages (a
     * scanner's stamp, a page number) do not make a text layer either. */
    if (r->visible == 0 ||
        (r->image_pages * 2 >= page_count && r->visible < SCANNED_CHARS * page_count)) {
        st = pf_builder_fail(b, PF_E_NO_TEXT, "no_text_layer",
                             "no_text_layer: the PDF has no text layer (scanned or image-only)");
        goto done;
    }
    for (size_t i = 0; i < page_count; i++)
        pf_builder_page(b, pages[i].width, pages[i].height);
    st = pf_layout_emit(b, pages, page_count);
done:
    watchdog_stop(&dog);
    for (size_t i = 0; i < want && pages; i++)
        pf_layout_page_fini(&pages[i]);
    free(pages);
    if (ctx) {
        fz_drop_document(ctx, doc);
        fz_drop_context(ctx);
    }
    free(r);
    return st != PF_OK ? st : b->status;
}
