# AddressSanitizer + UndefinedBehaviorSanitizer for every target of this build (library, CLI,
# tests, examples), for `scripts/test.sh --sanitize`. Any report fails the test that raised it:
# recovery is off, so a UB report aborts like an ASan one.
option(POOLED_SANITIZE "Build with AddressSanitizer and UndefinedBehaviorSanitizer" OFF)
if(POOLED_SANITIZE)
  if(NOT CMAKE_CXX_COMPILER_ID MATCHES "GNU|Clang")
    message(FATAL_ERROR "POOLED_SANITIZE needs GCC or Clang")
  endif()
  add_compile_options(-fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer)
  # -O1 -g1 (after, so they win over the build type's -O2 -g): the optimisation ASan's authors
  # recommend, line tables for the reports, and a shorter cold build, which CI pays for on top
  # of the normal one.
  add_compile_options(-O1 -g1)
  add_link_options(-fsanitize=address,undefined)
  # GCC's -Wmaybe-uninitialized gives false positives under ASan's instrumentation (in
  # libstdc++'s <regex> through Catch2: std::function moved inside regex_automaton.h); the
  # normal build keeps the warning.
  add_compile_options($<$<CXX_COMPILER_ID:GNU>:-Wno-maybe-uninitialized>)
endif()
