# Shared compile settings and the helpers every module and test uses.

# Warnings, definitions and sanitizers for one target (STYLE §17).
function(pf_target_defaults target)
    target_compile_definitions(${target} PRIVATE _POSIX_C_SOURCE=200809L _DEFAULT_SOURCE)
    target_compile_options(${target} PRIVATE
        -Wall -Wextra -Wpedantic -Wshadow -Wstrict-prototypes -Wmissing-prototypes
        -Wformat=2 -Wvla -Wno-unused-parameter -fno-strict-aliasing
        # snprintf into fixed buffers is our bounded copy; truncation there is intended, and
        # GCC's guess about it changes with the optimisation level.
        $<$<C_COMPILER_ID:GNU>:-Wno-format-truncation>)
    if(PF_WERROR)
        target_compile_options(${target} PRIVATE -Werror)
    endif()
    if(PF_SANITIZE)
        target_compile_options(${target} PRIVATE -fsanitize=${PF_SANITIZE}
            -fno-omit-frame-pointer -fno-sanitize-recover=all)
        target_link_options(${target} PRIVATE -fsanitize=${PF_SANITIZE})
        target_compile_definitions(${target} PRIVATE PF_DEBUG=1)
    endif()
    if(PF_FUZZ)
        target_compile_options(${target} PRIVATE -fsanitize=fuzzer-no-link,address,undefined
            -fno-sanitize-recover=undefined -fno-omit-frame-pointer)
        # Everything linked in a fuzz build needs the sanitizer runtimes; the fuzz targets add
        # -fsanitize=fuzzer themselves (tests/fuzz/CMakeLists.txt).
        target_link_options(${target} PRIVATE -fsanitize=address,undefined)
        target_compile_definitions(${target} PRIVATE PF_DEBUG=1 PF_FUZZING=1)
    endif()
endfunction()

# pf_add_module(NAME SOURCES ... DEPS ...): the static library pf_NAME for one src/ folder.
# DEPS are the lower layers and third-party targets it may use (dependencies point down).
function(pf_add_module name)
    cmake_parse_arguments(M "" "" "SOURCES;DEPS;PRIVATE_DEPS" ${ARGN})
    add_library(pf_${name} STATIC ${M_SOURCES})
    target_include_directories(pf_${name} PUBLIC ${PROJECT_SOURCE_DIR}/src)
    target_link_libraries(pf_${name} PUBLIC ${M_DEPS} PRIVATE ${M_PRIVATE_DEPS})
    pf_target_defaults(pf_${name})
endfunction()

# pf_add_test(NAME SOURCES ... DEPS ... [LABELS ...]): one test executable, registered with ctest.
function(pf_add_test name)
    cmake_parse_arguments(T "" "" "SOURCES;DEPS;LABELS" ${ARGN})
    add_executable(${name} ${T_SOURCES})
    target_link_libraries(${name} PRIVATE pf_test_support ${T_DEPS})
    pf_target_defaults(${name})
    add_test(NAME ${name} COMMAND ${name})
    if(NOT T_LABELS)
        set(T_LABELS unit)
    endif()
    set_tests_properties(${name} PROPERTIES LABELS "${T_LABELS}" TIMEOUT 300)
endfunction()
