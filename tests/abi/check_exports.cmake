# cmake -DMODULE=<scopegate.so> -P check_exports.cmake
# Fails unless the only dynamic symbol the module defines is sg_module_api
# (SPEC section 5: exactly one exported symbol, checked with nm -D --defined-only).
execute_process(COMMAND nm -D --defined-only "${MODULE}"
  OUTPUT_VARIABLE out ERROR_VARIABLE err RESULT_VARIABLE rc)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "nm -D --defined-only ${MODULE} failed (${rc}): ${err}")
endif()
string(REPLACE "\n" ";" lines "${out}")
set(names "")
foreach(line IN LISTS lines)
  if(line MATCHES "^[0-9a-fA-F]* *[A-Za-z] +(.+)$")
    list(APPEND names "${CMAKE_MATCH_1}")
  elseif(NOT line STREQUAL "")
    message(FATAL_ERROR "unexpected nm line: '${line}'")
  endif()
endforeach()
if(NOT names STREQUAL "sg_module_api")
  message(FATAL_ERROR "the module must define exactly one dynamic symbol, sg_module_api; "
                      "nm -D --defined-only says:\n${out}")
endif()
message(STATUS "exports: ${names}")
