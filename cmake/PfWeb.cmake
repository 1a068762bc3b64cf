# pf_web_assets(TARGET NAME SOURCE_DIR dir): compiles the web UI in dir into TARGET as the
# embedded table NAME (see src/base/embed.h), each text file (html, js, css, svg, json) also as a
# gzip twin "<path>.gz" made at build time, so the server sends compressed bytes without
# compressing per request. Dotfiles and READMEs are left out. Rebuilt when a file changes; a new
# or removed file is picked up at the next build (CONFIGURE_DEPENDS).
function(pf_web_assets target name)
    cmake_parse_arguments(W "" "SOURCE_DIR" "" ${ARGN})
    file(GLOB_RECURSE files CONFIGURE_DEPENDS LIST_DIRECTORIES false ${W_SOURCE_DIR}/*)
    list(SORT files)
    set(out_dir ${CMAKE_CURRENT_BINARY_DIR}/${name})
    set(outputs "")
    foreach(file IN LISTS files)
        file(RELATIVE_PATH rel ${W_SOURCE_DIR} ${file})
        if(rel MATCHES "(^|/)\\." OR rel MATCHES "~$" OR rel MATCHES "(^|/)README\\.md$")
            continue()
        endif()
        set(copy ${out_dir}/${rel})
        if(rel MATCHES "\\.(html|js|mjs|css|svg|json|webmanifest|txt)$")
            set(gzip ON)
            set(produced ${copy} ${copy}.gz)
        else()
            set(gzip OFF)
            set(produced ${copy})
        endif()
        add_custom_command(
            OUTPUT ${produced}
            COMMAND ${CMAKE_COMMAND} -DIN=${file} -DOUT=${copy} -DGZIP=${gzip}
                    -P ${PROJECT_SOURCE_DIR}/cmake/PfWebRun.cmake
            DEPENDS ${file} ${PROJECT_SOURCE_DIR}/cmake/PfWebRun.cmake
            VERBATIM)
        list(APPEND outputs ${produced})
    endforeach()
    pf_embed_files(${target} ${name} FILES ${outputs} BASE_DIR ${out_dir})
endfunction()
