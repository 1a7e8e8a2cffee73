# Checks that each module includes only the pooled modules below it (DESIGN.md: "an arrow only
# points down this list"), and that no public header includes GDAL, GEOS or PROJ headers.
# Run as: cmake -DROOT=<source dir> -P module_dependencies.cmake

cmake_policy(SET CMP0057 NEW) # if(... IN_LIST ...)

set(allowed_core "core")
set(allowed_crs "core;crs")
set(allowed_geometry "core;crs;geometry")
set(allowed_io "core;crs;geometry;io")
set(allowed_model "core;crs;geometry;io;model")
set(allowed_network "core;crs;geometry;io;model;network")
set(allowed_catchment "core;crs;geometry;io;model;network;catchment")
set(allowed_accessibility "core;crs;geometry;io;model;network;accessibility")
set(allowed_segmentation "core;crs;geometry;io;model;network;catchment;accessibility;segmentation")
set(allowed_colocation "core;crs;geometry;io;model;network;catchment;accessibility;segmentation;colocation")
set(modules core crs geometry io model network catchment accessibility segmentation colocation)

set(failures "")
foreach(module IN LISTS modules)
  file(GLOB_RECURSE files ${ROOT}/include/pooled/${module}/*.hpp ${ROOT}/src/${module}/*.hpp ${ROOT}/src/${module}/*.cpp)
  foreach(file IN LISTS files)
    file(STRINGS ${file} includes REGEX "^#include [<\"]pooled/[a-z_]+/")
    foreach(line IN LISTS includes)
      string(REGEX REPLACE "^#include [<\"]pooled/([a-z_]+)/.*" "\\1" used "${line}")
      if(NOT used IN_LIST allowed_${module})
        string(APPEND failures "${file}: module '${module}' may not include '${used}' (${line})\n")
      endif()
    endforeach()
  endforeach()
endforeach()

file(GLOB_RECURSE public_headers ${ROOT}/include/pooled/*.hpp ${ROOT}/include/pooled/*.h)
foreach(file IN LISTS public_headers)
  file(STRINGS ${file} third_party REGEX "^#include [<\"](gdal|ogr|cpl_|geos|proj)[^>\"]*[>\"]")
  if(third_party)
    string(APPEND failures "${file}: public header includes ${third_party}\n")
  endif()
endforeach()

if(failures)
  message(FATAL_ERROR "module dependency check failed:\n${failures}")
endif()
message(STATUS "module dependencies: ok")
