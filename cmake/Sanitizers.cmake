# SG_SANITIZE=address,undefined or SG_SANITIZE=thread builds everything with
# those sanitizers; any finding stops the program (no recovery).
#
# SG_FUZZ=ON (clang only) builds the libFuzzer targets in tests/fuzz/: every
# object gets the fuzzer's coverage instrumentation, and the build runs under
# AddressSanitizer + UndefinedBehaviorSanitizer unless SG_SANITIZE says
# otherwise.
if(SG_FUZZ)
  if(NOT CMAKE_CXX_COMPILER_ID MATCHES "Clang" OR NOT CMAKE_C_COMPILER_ID MATCHES "Clang")
    message(FATAL_ERROR "SG_FUZZ=ON needs clang (libFuzzer): configure with CC=clang CXX=clang++")
  endif()
  if(NOT SG_SANITIZE)
    set(SG_SANITIZE "address,undefined")
  endif()
  add_compile_options(-fsanitize=fuzzer-no-link)
  message(STATUS "scopegate: libFuzzer targets on")
endif()

if(SG_SANITIZE)
  if(SG_SANITIZE MATCHES "thread" AND SG_SANITIZE MATCHES "address")
    message(FATAL_ERROR "SG_SANITIZE: thread cannot be combined with address")
  endif()
  set(_sg_san_flags -fsanitize=${SG_SANITIZE} -fno-sanitize-recover=all -fno-omit-frame-pointer -g)
  add_compile_options(${_sg_san_flags})
  add_link_options(-fsanitize=${SG_SANITIZE})
  message(STATUS "scopegate: sanitizers ${SG_SANITIZE}")
endif()
