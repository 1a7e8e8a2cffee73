# libFuzzer build (clang only; scripts/fuzz.sh configures it into build-fuzz/). The library
# is compiled with coverage feedback (fuzzer-no-link) and AddressSanitizer + UBSan, so a
# memory error or undefined behaviour in pooled's code stops the fuzzer with a report; the
# targets in fuzz/ are linked with -fsanitize=fuzzer, which brings libFuzzer's main().
# Third-party libraries (GDAL, SQLite, PROJ, GEOS, expat, zlib) are Debian's and not
# instrumented: their own bugs show only when they crash outright.
option(POOLED_FUZZ "Build the libFuzzer targets in fuzz/ (clang only)" OFF)
if(NOT POOLED_FUZZ)
  return()
endif()
if(NOT CMAKE_CXX_COMPILER_ID STREQUAL "Clang")
  message(FATAL_ERROR "POOLED_FUZZ needs clang (libFuzzer), e.g. -DCMAKE_CXX_COMPILER=clang++-14; "
                      "the compiler is ${CMAKE_CXX_COMPILER_ID}")
endif()
# -fno-sanitize-recover: UBSan's report aborts the run, so libFuzzer saves the input.
set(POOLED_FUZZ_SANITIZERS -fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer)
add_compile_options(-fsanitize=fuzzer-no-link ${POOLED_FUZZ_SANITIZERS})
add_link_options(${POOLED_FUZZ_SANITIZERS})
