# sg_set_warnings(target): the project's warning set, errors with SG_WERROR.
function(sg_set_warnings target)
  target_compile_options(${target} PRIVATE -Wall -Wextra -Wshadow -Wconversion -Wno-sign-conversion)
  if(SG_WERROR)
    target_compile_options(${target} PRIVATE -Werror)
  endif()
endfunction()
