# SG_SANITIZE=address,undefined or SG_SANITIZE=thread builds everything with
# those sanitizers; any finding stops the program (no recovery).
if(SG_SANITIZE)
  set(_sg_san_flags -fsanitize=${SG_SANITIZE} -fno-sanitize-recover=all -fno-omit-frame-pointer -g)
  add_compile_options(${_sg_san_flags})
  add_link_options(-fsanitize=${SG_SANITIZE})
  message(STATUS "scopegate: sanitizers ${SG_SANITIZE}")
endif()
