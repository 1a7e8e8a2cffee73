# One place for compiler warnings, applied PRIVATE to pooled's own targets and never
# exported to consumers (GEOS keeps its developer flags in an INTERFACE target the same way).
add_library(pooled_warnings INTERFACE)
target_compile_options(pooled_warnings INTERFACE
  $<$<CXX_COMPILER_ID:GNU,Clang>:-Wall -Wextra -Wpedantic -Wshadow -Wnon-virtual-dtor>
  $<$<AND:$<CXX_COMPILER_ID:GNU,Clang>,$<BOOL:${POOLED_WERROR}>>:-Werror>)
# Boost 1.74's own Geometry R-tree includes <boost/detail/no_exceptions_support.hpp>, which
# Boost itself marks deprecated; the note it prints is about Boost, not about pooled.
target_compile_definitions(pooled_warnings INTERFACE BOOST_ALLOW_DEPRECATED_HEADERS)

# The same for pooled's C sources (the C API's tests and examples), held to strict C99.
add_library(pooled_c_warnings INTERFACE)
target_compile_options(pooled_c_warnings INTERFACE
  $<$<C_COMPILER_ID:GNU,Clang>:-Wall -Wextra -Wpedantic>
  $<$<AND:$<C_COMPILER_ID:GNU,Clang>,$<BOOL:${POOLED_WERROR}>>:-Werror>)
