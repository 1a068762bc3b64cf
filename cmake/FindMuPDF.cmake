# Finds MuPDF (Debian's libmupdf-dev: static libmupdf.a + libmupdf-third.a) and the libraries it
# was built against, which its mupdf.pc does not list. Defines MuPDF_FOUND and the imported
# target MuPDF::MuPDF.
find_path(MuPDF_INCLUDE_DIR mupdf/fitz.h)
find_library(MuPDF_LIBRARY mupdf)
find_library(MuPDF_THIRD_LIBRARY mupdf-third)

set(_pf_mupdf_deps harfbuzz freetype jbig2dec jpeg openjp2 gumbo mujs z m)
set(_pf_mupdf_dep_paths "")
set(_pf_mupdf_missing "")
foreach(dep ${_pf_mupdf_deps})
    find_library(MuPDF_DEP_${dep} ${dep})
    if(MuPDF_DEP_${dep})
        list(APPEND _pf_mupdf_dep_paths ${MuPDF_DEP_${dep}})
    else()
        list(APPEND _pf_mupdf_missing ${dep})
    endif()
endforeach()

include(FindPackageHandleStandardArgs)
find_package_handle_standard_args(MuPDF
    REQUIRED_VARS MuPDF_LIBRARY MuPDF_THIRD_LIBRARY MuPDF_INCLUDE_DIR
    REASON_FAILURE_MESSAGE "missing: ${_pf_mupdf_missing} (apt-get install libmupdf-dev libjbig2dec0-dev libopenjp2-7-dev libgumbo-dev libmujs-dev)")

if(MuPDF_FOUND AND NOT _pf_mupdf_missing AND NOT TARGET MuPDF::MuPDF)
    add_library(MuPDF::MuPDF INTERFACE IMPORTED GLOBAL)
    set_target_properties(MuPDF::MuPDF PROPERTIES
        INTERFACE_INCLUDE_DIRECTORIES "${MuPDF_INCLUDE_DIR}"
        INTERFACE_LINK_LIBRARIES "${MuPDF_LIBRARY};${MuPDF_THIRD_LIBRARY};${_pf_mupdf_dep_paths};Threads::Threads")
elseif(_pf_mupdf_missing)
    set(MuPDF_FOUND FALSE)
endif()
mark_as_advanced(MuPDF_INCLUDE_DIR MuPDF_LIBRARY MuPDF_THIRD_LIBRARY)
