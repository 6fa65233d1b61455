# sg_set_warnings(target): the project's warning set, errors with SG_WERROR.
function(sg_set_warnings target)
  target_compile_options(${target} PRIVATE -Wall -Wextra -Wshadow -Wconversion -Wno-sign-conversion)
  if(SG_SANITIZE AND CMAKE_CXX_COMPILER_ID STREQUAL "GNU")
    # GCC's flow analysis with sanitizer instrumentation reports
    # maybe-uninitialized inside the standard library (<regex>, <functional>);
    # the uninstrumented builds keep the warning.
    target_compile_options(${target} PRIVATE -Wno-maybe-uninitialized)
  endif()
  if(CMAKE_CXX_COMPILER_ID STREQUAL "GNU" AND CMAKE_CXX_COMPILER_VERSION VERSION_LESS 13)
    # GCC 12 at -O3 reports -Wrestrict inside libstdc++ for "literal" +
    # std::string temporaries (GCC bug 105329, fixed in 13): a false positive
    # on ordinary string building, so the Release tree is checked without it.
    target_compile_options(${target} PRIVATE $<$<COMPILE_LANGUAGE:CXX>:-Wno-restrict>)
  endif()
  if(SG_WERROR)
    target_compile_options(${target} PRIVATE -Werror)
  endif()
endfunction()
