# cmake -DMODULE=<scopegate.so> -P check_needed.cmake
# Fails unless the module needs only libconfig++, libstdc++, libm, libgcc_s and
# libc (SPEC section 5: spdlog and fmt are compiled in and hidden, so a host's
# own spdlog or fmt can never be bound to the module).
execute_process(COMMAND readelf -d "${MODULE}"
  OUTPUT_VARIABLE out ERROR_VARIABLE err RESULT_VARIABLE rc)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "readelf -d ${MODULE} failed (${rc}): ${err}")
endif()
string(REGEX MATCHALL "\\(NEEDED\\)[^\n]*\\[[^]\n]+\\]" needed_lines "${out}")
set(needed "")
foreach(line IN LISTS needed_lines)
  string(REGEX REPLACE ".*\\[([^]]+)\\]$" "\\1" lib "${line}")
  list(APPEND needed "${lib}")
endforeach()
set(bad "")
set(have_libconfig FALSE)
foreach(lib IN LISTS needed)
  if(lib MATCHES "^libconfig\\+\\+\\.so(\\.[0-9]+)*$")
    set(have_libconfig TRUE)
  elseif(NOT lib MATCHES "^(libstdc\\+\\+|libm|libgcc_s|libc)\\.so(\\.[0-9]+)*$")
    list(APPEND bad "${lib}")
  endif()
endforeach()
if(bad)
  message(FATAL_ERROR "the module needs libraries beyond libconfig++, libstdc++, libm, "
                      "libgcc_s and libc: ${bad}\n(all NEEDED: ${needed})")
endif()
if(NOT have_libconfig)
  message(FATAL_ERROR "the module does not need libconfig++ (all NEEDED: ${needed})")
endif()
message(STATUS "NEEDED: ${needed}")
