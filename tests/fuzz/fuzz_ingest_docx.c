/* Fuzz target: the DOCX and ODT readers (ZIP + streaming XML). First byte: options (see
 * fuzz_ingest.h); bit 2 picks ODT over DOCX; bit 3 wraps the input as the main XML part of a
 * fresh, valid archive, so mutations reach the XML walkers instead of failing ZIP checks. */
#include <string.h>
#include <zlib.h>

#include "base/buf.h"
#include "fuzz_ingest.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void put16(struct pf_buf *b, unsigned v)
{
    unsigned char x[2] = {(unsigned char)v, (unsigned char)(v >> 8)};
    pf_buf_append(b, x, 2);
}

static void put32(struct pf_buf *b, unsigned long v)
{
    unsigned char x[4] = {(unsigned char)v, (unsigned char)(v >> 8), (unsigned char)(v >> 16),
                          (unsigned char)(v >> 24)};
    pf_buf_append(b, x, 4);
}

/* A stored (uncompressed) ZIP holding the given entries. */
static void make_zip(const char *const *names, const uint8_t *const *datas, const size_t *sizes,
                     size_t count, struct pf_buf *out)
{
    size_t offsets[4];
    for (size_t i = 0; i < count; i++) {
        offsets[i] = out->len;
        unsigned long crc = crc32(0, datas[i], (uInt)sizes[i]);
        put32(out, 0x04034b50);
        put16(out, 20);
        put16(out, 0);
        put16(out, 0);
        put16(out, 0);
        put16(out, 0);
        put32(out, crc);
        put32(out, sizes[i]);
        put32(out, sizes[i]);
        put16(out, (unsigned)strlen(names[i]));
        put16(out, 0);
        pf_buf_puts(out, names[i]);
        pf_buf_append(out, datas[i], sizes[i]);
    }
    size_t central = out->len;
    for (size_t i = 0; i < count; i++) {
        put32(out, 0x02014b50);
        put16(out, 20);
        put16(out, 20);
        put16(out, 0);
        put16(out, 0);
        put16(out, 0);
        put16(out, 0);
        put32(out, crc32(0, datas[i], (uInt)sizes[i]));
        put32(out, sizes[i]);
        put32(out, sizes[i]);
        put16(out, (unsigned)strlen(names[i]));
        put16(out, 0);
        put16(out, 0);
        put16(out, 0);
        put16(out, 0);
        put32(out, 0);
        put32(out, offsets[i]);
        pf_buf_puts(out, names[i]);
    }
    size_t end = out->len;
    put32(out, 0x06054b50);
    put16(out, 0);
    put16(out, 0);
    put16(out, (unsigned)count);
    put16(out, (unsigned)count);
    put32(out, end - central);
    put32(out, central);
    put16(out, 0);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size == 0)
        return 0;
    uint8_t options = data[0];
    bool odt = options & 4;
    enum pf_doc_format format = odt ? PF_DOC_FORMAT_ODT : PF_DOC_FORMAT_DOCX;
    if (!(options & 8)) {
        pf_fuzz_ingest(options, format, data + 1, size - 1);
        return 0;
    }
    static const char mime[] = "application/vnd.oasis.opendocument.text";
    const char *names[2];
    const uint8_t *datas[2];
    size_t sizes[2];
    if (odt) {
        names[0] = "mimetype";
        datas[0] = (const uint8_t *)mime;
        sizes[0] = sizeof(mime) - 1;
        names[1] = "content.xml";
    } else {
        names[0] = "[Content_Types].xml";
        datas[0] = (const uint8_t *)"<Types/>";
        sizes[0] = 8;
        names[1] = "word/document.xml";
    }
    datas[1] = data + 1;
    sizes[1] = size - 1;
    struct pf_buf zip = PF_BUF_INIT((size_t)64 << 20);
    make_zip(names, datas, sizes, 2, &zip);
    pf_fuzz_ingest(options & ~1u, format, (const uint8_t *)zip.ptr, zip.len);
    pf_buf_fini(&zip);
    return 0;
}
