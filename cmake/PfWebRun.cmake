# Script mode half of pf_web_assets: copies IN to OUT and, when GZIP is ON, writes OUT.gz (the
# gzip encoding of the file at the highest level; a raw stream, no name in the header).
get_filename_component(dir ${OUT} DIRECTORY)
file(MAKE_DIRECTORY ${dir})
file(COPY_FILE ${IN} ${OUT})
if(GZIP)
    file(ARCHIVE_CREATE OUTPUT ${OUT}.gz.tmp PATHS ${OUT} FORMAT raw COMPRESSION GZip
         COMPRESSION_LEVEL 9 MTIME 0)
    file(RENAME ${OUT}.gz.tmp ${OUT}.gz)
endif()
