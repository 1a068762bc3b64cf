# pf_embed_files(TARGET NAME FILES ... [BASE_DIR dir]): compiles the files into a C table
#   const struct pf_embedded_file NAME[]; const size_t NAME_count;
# (see src/base/embed.h) so shipped data (migrations, templates, taxonomy, web assets) lives in
# the binary and a laptop install needs no data path. Rebuilt when any file changes.
function(pf_embed_files target name)
    cmake_parse_arguments(E "" "BASE_DIR" "FILES" ${ARGN})
    if(NOT E_BASE_DIR)
        set(E_BASE_DIR ${CMAKE_CURRENT_SOURCE_DIR})
    endif()
    set(out ${CMAKE_CURRENT_BINARY_DIR}/${name}_embed.c)
    add_custom_command(
        OUTPUT ${out}
        COMMAND ${CMAKE_COMMAND} -DOUT=${out} -DNAME=${name} -DBASE_DIR=${E_BASE_DIR}
                "-DFILES=${E_FILES}" -P ${PROJECT_SOURCE_DIR}/cmake/PfEmbedRun.cmake
        DEPENDS ${E_FILES} ${PROJECT_SOURCE_DIR}/cmake/PfEmbedRun.cmake
        COMMENT "Embedding ${name}"
        VERBATIM)
    target_sources(${target} PRIVATE ${out})
endfunction()
