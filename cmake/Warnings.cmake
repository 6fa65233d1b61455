# sg_set_warnings(target): the project's warning set, errors with SG_WERROR.
function(sg_set_warnings target)
  target_compile_options(${target} PRIVATE -Wall -Wextra -Wshadow -Wconversion -Wno-sign-conversion)
  if(SG_SANITIZE AND CMAKE_CXX_COMPILER_ID STREQUAL "GNU")
    # GCC's flow analysis with sanitizer instrumentation reports
    # maybe-uninitialized inside the standard library (<regex>, <functional>);
    # the uninstrumented builds keep the warning.
    target_compile_options(${target} PRIVATE -Wno-maybe-uninitialized)
  endif()
  if(SG_WERROR)
    target_compile_options(${target} PRIVATE -Werror)
  endif()
endfunction()
