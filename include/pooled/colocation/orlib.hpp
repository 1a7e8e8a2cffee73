#pragma once
/// @file
/// @brief OR-Library's uncapacitated p-median instances (Beasley 1985, files pmed1..pmed40).
///
/// An instance is an undirected graph: a first line `n m p` (vertices, edges, medians), then m
/// lines `i j c` (1-based vertices, integer cost). OR-Library builds the allocation costs by
/// setting c(i,j) = c(j,i) = c for each edge line in turn, so where an edge is given twice the
/// LAST line counts (not the cheaper one), and then takes all-pairs shortest paths.

#include <pooled/network/cost_matrix.hpp>
#include <pooled/pooled_cxx_export.h>

#include <cstddef>
#include <string>

namespace pooled::colocation {

/// A p-median instance: the complete shortest-path matrix (every vertex is a demand point of
/// weight 1 and a candidate site; origin and destination ids are "1".."n") and p.
struct OrlibPMedian {
    network::CostMatrix costs;
    std::size_t p = 0;
};

/// Reads an OR-Library p-median file and completes its matrix by shortest paths on the graph
/// (pooled's network searches, one per vertex, in parallel). A vertex no edge reaches has no
/// stored pair but its own (cost 0).
/// @param threads 0 = one per hardware thread (DEFAULT); the result does not depend on it.
/// @throws Error (Errc::io) if the file cannot be read; (Errc::data) naming the file and line
///         for a malformed line (anything but three whole numbers), a vertex out of 1..n, a
///         negative cost, fewer edge lines than m, p outside 1..n, or n above 1,000,000.
POOLED_CXX_API OrlibPMedian read_orlib_pmedian(const std::string &path, unsigned threads = 0);

} // namespace pooled::colocation
