/* Column detection on a PDF page: find vertical strips of whitespace (gutters) that run through
 * a large part of the text with text on both sides, split the page into bands above, inside
 * and below them, and assign every segment a band and a column. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "base/mem.h"
#include "ingest/ingest_layout.h"

#define MIN_GUTTER    7.0f /* points: narrower gaps are word or tab gaps, not gutters */
#define MAX_BINS      1000
#define MAX_SEGS      5000  /* past this, a page is read as one column (and quickly) */
#define MAX_DEPTH     6
#define MIN_SIDE_SEGS 3 /* lines of text needed on each side of a gutter */

struct gutter {
    float x0, x1; /* the empty strip */
    float y0, y1; /* the vertical range it is empty over */
};

struct ctx {
    const struct pf_layout_region *hint; /* the previous page's columns, or NULL */
    struct pf_layout_seg *segs;
    struct pf_layout_region *regions;
    size_t region_count;
};

struct keyed {
    float key;
    size_t index;
};

static int cmp_keyed(const void *a, const void *b)
{
    const struct keyed *ka = a;
    const struct keyed *kb = b;
    if (ka->key != kb->key)
        return (ka->key > kb->key) - (ka->key < kb->key);
    return (ka->index > kb->index) - (ka->index < kb->index);
}

/* The longest run of y in [top, bottom] where no segment of the set overlaps [x0, x1). */
static void longest_free(const struct ctx *c, const size_t *set, size_t n, float x0, float x1,
                         float top, float bottom, float *out_a, float *out_b)
{
    float cursor = top;
    float best_a = 0;
    float best_b = 0;
    for (size_t i = 0; i < n; i++) {
        const struct pf_layout_seg *s = &c->segs[set[i]];
        if (s->x1 <= x0 || s->x0 >= x1)
            continue;
        if (s->y0 > cursor && s->y0 - cursor > best_b - best_a) {
            best_a = cursor;
            best_b = s->y0;
        }
        if (s->y1 > cursor)
            cursor = s->y1;
    }
    if (bottom > cursor && bottom - cursor > best_b - best_a) {
        best_a = cursor;
        best_b = bottom;
    }
    *out_a = best_a;
    *out_b = best_b;
}

/* Counts segments entirely left / right of the strip within its y range. */
static void count_sides(const struct ctx *c, const size_t *set, size_t n, const struct gutter *g,
                        size_t *out_left, size_t *out_right)
{
    size_t left = 0;
    size_t right = 0;
    for (size_t i = 0; i < n; i++) {
        const struct pf_layout_seg *s = &c->segs[set[i]];
        float mid = (s->y0 + s->y1) / 2;
        if (mid < g->y0 || mid > g->y1)
            continue;
        if (s->x1 <= g->x0 + 0.5f)
            left++;
        else if (s->x0 >= g->x1 - 0.5f)
            right++;
    }
    *out_left = left;
    *out_right = right;
}

/* Whether the text right of the strip is only the tail of rows that start left of it (dates or
 * places right-aligned on a title's line): most of its lines share a baseline with a line on
 * the left, and there are no more of them. Such a strip is not a gutter; the rows are read
 * whole. (A label grid is the mirror image and stays a column: its labels are on the left.) */
static bool row_tails(const struct ctx *c, const size_t *set, size_t n, const struct gutter *g)
{
    size_t right = 0;
    size_t left = 0;
    size_t aligned = 0;
    for (size_t i = 0; i < n; i++) {
        const struct pf_layout_seg *s = &c->segs[set[i]];
        float mid = (s->y0 + s->y1) / 2;
        if (mid < g->y0 || mid > g->y1)
            continue;
        if (s->x1 <= g->x0 + 0.5f) {
            left++;
            continue;
        }
        if (s->x0 < g->x1 - 0.5f)
            continue;
        right++;
        for (size_t j = 0; j < n; j++) {
            const struct pf_layout_seg *t = &c->segs[set[j]];
            if (t->x1 <= g->x0 + 0.5f &&
                fabsf(t->baseline - s->baseline) <= 0.3f * fmaxf(t->size, s->size)) {
                aligned++;
                break;
            }
        }
    }
    return right > 0 && right <= left && aligned * 10 >= right * 6;
}

/* Finds up to 3 gutters sharing one vertical range; returns how many. */
static size_t find_gutters(const struct ctx *c, const size_t *set, size_t n, struct gutter *out)
{
    if (n < 2 * MIN_SIDE_SEGS || n > MAX_SEGS)
        return 0;
    float left = c->segs[set[0]].x0;
    float right = c->segs[set[0]].x1;
    float top = c->segs[set[0]].y0;
    float bottom = c->segs[set[0]].y1;
    float heights = 0;
    for (size_t i = 0; i < n; i++) {
        const struct pf_layout_seg *s = &c->segs[set[i]];
        left = s->x0 < left ? s->x0 : left;
        right = s->x1 > right ? s->x1 : right;
        top = s->y0 < top ? s->y0 : top;
        bottom = s->y1 > bottom ? s->y1 : bottom;
        heights += s->y1 - s->y0;
    }
    float extent = bottom - top;
    float min_height = extent / 3;
    float line = heights / (float)n;
    if (min_height < 5 * line)
        min_height = 5 * line;
    if (right - left < 4 * MIN_GUTTER || extent < min_height)
        return 0;
    float bin = (right - left) / MAX_BINS;
    if (bin < 2)
        bin = 2;

    /* Neighbouring bins free over (nearly) the same vertical run form one candidate strip;
     * whitespace inside a column next to a gutter has a different run and stays apart. */
    struct gutter candidates[32];
    size_t found = 0;
    bool open = false;
    struct gutter cur = {0, 0, 0, 0};
    float tolerance = 2 * line;
    /* Bins counted with an integer: at huge coordinates x + bin can equal x in float. */
    int bins = (int)((right - left) / bin) + 1;
    for (int k = 0; k < bins && k <= MAX_BINS + 1 && found < PF_ARRAY_LEN(candidates); k++) {
        float x = left + (float)k * bin;
        float a;
        float b;
        longest_free(c, set, n, x, x + bin, top, bottom, &a, &b);
        bool tall = b - a >= min_height;
        if (open && tall && fabsf(a - cur.y0) <= tolerance && fabsf(b - cur.y1) <= tolerance) {
            cur.x1 = x + bin;
            cur.y0 = fmaxf(cur.y0, a);
            cur.y1 = fminf(cur.y1, b);
            continue;
        }
        if (open && cur.x1 - cur.x0 >= MIN_GUTTER)
            candidates[found++] = cur;
        open = tall;
        if (tall) {
            cur.x0 = x;
            cur.x1 = x + bin;
            cur.y0 = a;
            cur.y1 = b;
        }
    }
    if (open && cur.x1 - cur.x0 >= MIN_GUTTER && found < PF_ARRAY_LEN(candidates))
        candidates[found++] = cur;

    /* Keep strips with text on both sides (not page margins), best first. */
    size_t valid = 0;
    for (size_t i = 0; i < found; i++) {
        size_t l;
        size_t r;
        count_sides(c, set, n, &candidates[i], &l, &r);
        if (l >= MIN_SIDE_SEGS && r >= MIN_SIDE_SEGS && !row_tails(c, set, n, &candidates[i]))
            candidates[valid++] = candidates[i];
    }
    if (valid == 0)
        return 0;
    size_t best = 0;
    for (size_t i = 1; i < valid; i++) {
        float wi = candidates[i].x1 - candidates[i].x0;
        float wb = candidates[best].x1 - candidates[best].x0;
        /* Height matters most: a gutter runs through the text, a hole in a column does not. */
        float si = (candidates[i].y1 - candidates[i].y0) * (wi < 20 ? wi : 20);
        float sb = (candidates[best].y1 - candidates[best].y0) * (wb < 20 ? wb : 20);
        if (si > sb)
            best = i;
    }
    /* Further gutters join the best one when they run over (most of) the same range and
     * leave text of its own to every column; a hole inside a column next to the gutter
     * has no text between it and the gutter. */
    size_t count = 1;
    out[0] = candidates[best];
    for (size_t i = 0; i < valid && count < 3; i++) {
        const struct gutter *g = &candidates[i];
        if (i == best)
            continue;
        float a = fmaxf(g->y0, out[0].y0);
        float b = fminf(g->y1, out[0].y1);
        if (b - a < 0.7f * (out[0].y1 - out[0].y0))
            continue;
        bool separate = true;
        for (size_t k = 0; k < count && separate; k++) {
            const struct gutter *left_g = g->x0 < out[k].x0 ? g : &out[k];
            const struct gutter *right_g = g->x0 < out[k].x0 ? &out[k] : g;
            size_t between = 0;
            for (size_t j = 0; j < n; j++) {
                const struct pf_layout_seg *s = &c->segs[set[j]];
                float mid = (s->y0 + s->y1) / 2;
                if (mid >= a && mid <= b && s->x0 >= left_g->x1 - 0.5f &&
                    s->x1 <= right_g->x0 + 0.5f)
                    between++;
            }
            separate = between >= MIN_SIDE_SEGS;
        }
        if (separate)
            out[count++] = *g;
    }
    float a = out[0].y0;
    float b = out[0].y1;
    for (size_t i = 1; i < count; i++) {
        a = fmaxf(a, out[i].y0);
        b = fminf(b, out[i].y1);
    }
    for (size_t i = 0; i < count; i++) {
        out[i].y0 = a;
        out[i].y1 = b;
    }
    /* Sorted left to right (at most 3: insertion sort). */
    for (size_t i = 1; i < count; i++)
        for (size_t j = i; j > 0 && out[j].x0 < out[j - 1].x0; j--) {
            struct gutter t = out[j];
            out[j] = out[j - 1];
            out[j - 1] = t;
        }
    return count;
}

/* The previous page's gutter, when it is still empty here with text on both sides: a page that
 * ends a two-column CV may hold too little text to show its columns by itself. */
static size_t hinted_gutter(const struct ctx *c, const size_t *set, size_t n, struct gutter *out)
{
    if (!c->hint || c->hint->columns != 2 || n < 2)
        return 0;
    float top = c->segs[set[0]].y0;
    float bottom = c->segs[set[0]].y1;
    for (size_t i = 0; i < n; i++) {
        top = fminf(top, c->segs[set[i]].y0);
        bottom = fmaxf(bottom, c->segs[set[i]].y1);
    }
    struct gutter g = {c->hint->gutter[0][0], c->hint->gutter[0][1], 0, 0};
    longest_free(c, set, n, g.x0, g.x1, top, bottom, &g.y0, &g.y1);
    if (g.y1 - g.y0 < 0.5f * (bottom - top))
        return 0;
    size_t left;
    size_t right;
    count_sides(c, set, n, &g, &left, &right);
    if (left == 0 || right == 0 || row_tails(c, set, n, &g))
        return 0;
    *out = g;
    return 1;
}

static void add_single(struct ctx *c, const size_t *set, size_t n)
{
    if (n == 0 || c->region_count == PF_LAYOUT_MAX_REGIONS)
        return;
    struct pf_layout_region *r = &c->regions[c->region_count];
    r->columns = 1;
    r->from_hint = false;
    r->sidebar = -1;
    r->y0 = c->segs[set[0]].y0;
    r->y1 = c->segs[set[0]].y1;
    for (size_t i = 0; i < n; i++) {
        struct pf_layout_seg *s = &c->segs[set[i]];
        s->region = (int)c->region_count;
        s->column = 0;
        r->y0 = s->y0 < r->y0 ? s->y0 : r->y0;
        r->y1 = s->y1 > r->y1 ? s->y1 : r->y1;
    }
    c->region_count++;
}

static void split(struct ctx *c, size_t *set, size_t n, int depth)
{
    if (n == 0)
        return;
    struct gutter g[3];
    size_t gutters = depth < MAX_DEPTH && c->region_count + 3 <= PF_LAYOUT_MAX_REGIONS
                         ? find_gutters(c, set, n, g)
                         : 0;
    bool hinted = false;
    if (gutters == 0 && depth == 0) {
        gutters = hinted_gutter(c, set, n, g);
        hinted = gutters > 0;
    }
    if (gutters == 0) {
        add_single(c, set, n);
        return;
    }
    /* The band starts where every column has started: a title above a sidebar belongs above
     * it, not in the sidebar. */
    float start[PF_LAYOUT_MAX_COLUMNS];
    for (size_t k = 0; k <= gutters; k++)
        start[k] = g[0].y1;
    for (size_t i = 0; i < n; i++) {
        const struct pf_layout_seg *s = &c->segs[set[i]];
        float mid = (s->y0 + s->y1) / 2;
        if (mid < g[0].y0 || mid > g[0].y1)
            continue;
        size_t k = 0;
        while (k < gutters && (s->x0 + s->x1) / 2 > g[k].x0)
            k++;
        if (s->y0 < start[k])
            start[k] = s->y0;
    }
    float band_top = g[0].y0;
    for (size_t k = 0; k <= gutters; k++)
        band_top = start[k] > band_top ? start[k] : band_top;
    band_top -= 2.0f;
    /* ...but a paragraph that starts above that line and runs into the band belongs to it
     * (a label grid's first row can start higher than its label). */
    for (int round = 0; round < 64; round++) {
        bool moved = false;
        for (size_t i = 0; i < n; i++) {
            const struct pf_layout_seg *s = &c->segs[set[i]];
            if ((s->y0 + s->y1) / 2 >= band_top || s->y1 < band_top - 0.6f * s->size ||
                s->y0 < g[0].y0 - 0.5f)
                continue;
            bool crosses = false;
            for (size_t k = 0; k < gutters; k++)
                crosses = crosses || (s->x1 > g[k].x0 + 0.5f && s->x0 < g[k].x1 - 0.5f);
            if (crosses)
                continue;
            band_top = s->y0 - 2.0f;
            moved = true;
        }
        if (!moved)
            break;
    }
    float band_bottom = g[0].y1;

    size_t *above = pf_xmalloc((n + 1) * sizeof(*above));
    size_t *below = pf_xmalloc((n + 1) * sizeof(*below));
    size_t n_above = 0;
    size_t n_below = 0;
    size_t inside = 0;
    for (size_t i = 0; i < n; i++) {
        const struct pf_layout_seg *s = &c->segs[set[i]];
        float mid = (s->y0 + s->y1) / 2;
        if (mid < band_top)
            above[n_above++] = set[i];
        else if (mid > band_bottom)
            below[n_below++] = set[i];
        else
            set[inside++] = set[i];
    }
    split(c, above, n_above, depth + 1);
    if (c->region_count < PF_LAYOUT_MAX_REGIONS && inside > 0) {
        struct pf_layout_region *r = &c->regions[c->region_count];
        r->columns = (int)gutters + 1;
        r->from_hint = hinted;
        r->sidebar = hinted ? c->hint->sidebar : -1;
        r->y0 = band_top;
        r->y1 = band_bottom;
        for (size_t k = 0; k < gutters; k++) {
            r->gutter[k][0] = g[k].x0;
            r->gutter[k][1] = g[k].x1;
        }
        for (size_t i = 0; i < inside; i++) {
            struct pf_layout_seg *s = &c->segs[set[i]];
            int k = 0;
            while (k < (int)gutters && (s->x0 + s->x1) / 2 > g[k].x0)
                k++;
            s->region = (int)c->region_count;
            s->column = k;
        }
        c->region_count++;
    } else {
        add_single(c, set, inside);
    }
    split(c, below, n_below, depth + 1);
    free(above);
    free(below);
}

size_t pf_layout_regions(struct pf_layout_seg *segs, size_t count,
                         const struct pf_layout_region *hint, struct pf_layout_region *out_regions)
{
    struct ctx c = {hint, segs, out_regions, 0};
    size_t *set = pf_xmalloc((count + 1) * sizeof(*set));
    size_t n = 0;
    for (size_t i = 0; i < count; i++) {
        segs[i].region = -1;
        segs[i].column = 0;
        if (!segs[i].dropped)
            set[n++] = i;
    }
    struct keyed *keys = pf_xmalloc((n + 1) * sizeof(*keys));
    for (size_t i = 0; i < n; i++) {
        keys[i].key = segs[set[i]].y0;
        keys[i].index = set[i];
    }
    qsort(keys, n, sizeof(*keys), cmp_keyed);
    for (size_t i = 0; i < n; i++)
        set[i] = keys[i].index;
    free(keys);
    split(&c, set, n, 0);
    /* A band cut off by the region cap: its segments join the last band's first column. */
    for (size_t i = 0; i < count; i++)
        if (!segs[i].dropped && segs[i].region < 0 && c.region_count > 0)
            segs[i].region = (int)c.region_count - 1;
    free(set);
    return c.region_count;
}
