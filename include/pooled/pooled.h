/*
 * pooled.h: the C API of pooled (plain C99), for GIS tools, scripts and other languages.
 *
 * Conventions (after PROJ's and GEOS's reentrant C APIs):
 *
 * - Context. Every call takes a pooled_context as its first argument: one per thread
 *   (pooled_context_create / pooled_context_destroy). A context holds the last error and the
 *   thread count; it is not thread-safe itself. Objects (layers, networks, matrices, ...) are
 *   immutable once made and may be read from several contexts at once.
 * - Status. Every call that can fail returns a pooled_status: POOLED_OK, or an error whose
 *   message and source (file, layer, feature id, field) are then readable from the context
 *   (pooled_context_error_*). Each such call clears the context's error on entry. No C++
 *   exception ever crosses this interface; running out of memory is
 *   POOLED_ERR_OUT_OF_MEMORY.
 * - Handles. Objects are opaque, typed handles made by pooled and freed with their own
 *   *_destroy function (which, like free(), accepts a NULL object; without a valid context it
 *   frees nothing and returns POOLED_ERR_INVALID_HANDLE). A NULL handle, or a handle of
 *   another type, gives POOLED_ERR_INVALID_HANDLE; a NULL output pointer POOLED_ERR_ARGUMENT.
 *   On any error an output handle is set to NULL: a failed or cancelled call leaves nothing
 *   behind to free.
 * - Data. Text (ids, codes, messages) is returned as `const char *` borrowed from the object
 *   that owns it (valid until that object is destroyed; for the context, until its next
 *   call). Arrays of numbers are copied into caller-allocated buffers, with a size query:
 *   call with (NULL, 0, &count) to learn the count, then with a buffer of at least `count`
 *   elements; a smaller buffer gives POOLED_ERR_BUFFER_TOO_SMALL and sets `count` (a NULL
 *   buffer with a capacity other than 0 is POOLED_ERR_ARGUMENT).
 * - Progress. Long calls take a GDAL-style callback (pooled_progress_fn) and its user data;
 *   NULL for none. The callback returns 0 to cancel: the call then returns
 *   POOLED_ERR_CANCELLED and leaves no partial output.
 * - Units. Distances are metres, travel times seconds, in the working CRS of the layers.
 *
 * Versions: POOLED_C_ABI_VERSION is the shared library's SOVERSION (libpooled_c.so.N); it
 * changes only when a function is removed or changes signature. pooled_c_abi_version()
 * returns the linked library's.
 */
#ifndef POOLED_POOLED_H
#define POOLED_POOLED_H

#include <stddef.h>
#include <stdint.h>

#include <pooled/pooled_version.h>

/* ABI version of libpooled_c (its SOVERSION); CMake reads it from this line. */
#define POOLED_C_ABI_VERSION 1

#if defined(_WIN32) && defined(POOLED_C_BUILDING)
#define POOLED_C_API __declspec(dllexport)
#elif defined(_WIN32)
#define POOLED_C_API __declspec(dllimport)
#elif defined(__GNUC__) && __GNUC__ >= 4
#define POOLED_C_API __attribute__((visibility("default")))
#else
#define POOLED_C_API
#endif

#ifdef __cplusplus
extern "C" {
#endif

/* ---------------------------------------------------------------------------------------- */
/* Status, version, context                                                                 */
/* ---------------------------------------------------------------------------------------- */

/** What a call returned. Values 1-9 are those of pooled::Errc. Append only. */
typedef enum pooled_status {
    POOLED_OK = 0,
    POOLED_ERR_ARGUMENT = 1,          /**< a caller's mistake: bad value, unknown field, index out of range */
    POOLED_ERR_IO = 2,                /**< cannot open or read a file, layer or connection */
    POOLED_ERR_DATA = 3,              /**< readable but unusable: bad geometry, non-numeric field, duplicate id */
    POOLED_ERR_CRS = 4,               /**< missing or unknown CRS, failed transformation */
    POOLED_ERR_UNREACHABLE = 5,       /**< a site or zone the network cannot reach */
    POOLED_ERR_CANCELLED = 6,         /**< the progress callback returned 0 */
    POOLED_ERR_INTERNAL = 9,          /**< a bug in pooled */
    POOLED_ERR_OUT_OF_MEMORY = 100,   /**< an allocation failed (or a size was beyond any allocation) */
    POOLED_ERR_INVALID_HANDLE = 101,  /**< a NULL handle, or a handle of another type */
    POOLED_ERR_BUFFER_TOO_SMALL = 102 /**< the caller's buffer holds fewer elements than needed */
} pooled_status;

/** Short lower-case name of a status ("ok", "io", "cancelled", ...); never NULL. */
POOLED_C_API const char *pooled_status_name(pooled_status status);

/** The version of the linked library, e.g. "0.1.0" (compare POOLED_VERSION_STRING). */
POOLED_C_API const char *pooled_version(void);
/** The ABI version of the linked libpooled_c (compare POOLED_C_ABI_VERSION). */
POOLED_C_API int pooled_c_abi_version(void);

/** Progress in [0, 1] and a stage name; return 0 to cancel, non-zero to go on. */
typedef int (*pooled_progress_fn)(double fraction, const char *message, void *user_data);

typedef struct pooled_context pooled_context;

/** A new context, or NULL if out of memory. */
POOLED_C_API pooled_context *pooled_context_create(void);
/** Frees a context (NULL is ignored). Objects made with it stay valid. */
POOLED_C_API void pooled_context_destroy(pooled_context *ctx);
/** Worker threads of the calls made with this context; 0 (the default) = all cores. Results
 *  never depend on it. */
POOLED_C_API pooled_status pooled_context_set_threads(pooled_context *ctx, unsigned threads);

/** The status of the context's last call (POOLED_ERR_INVALID_HANDLE for a NULL context). */
POOLED_C_API pooled_status pooled_context_error_status(const pooled_context *ctx);
/** The last error's full message, e.g. "not a number: 'n/a' (zones.csv, layer 'zones',
 *  feature 3, field 'pop')"; "" after a successful call. */
POOLED_C_API const char *pooled_context_error_message(const pooled_context *ctx);
/** The last error's file or connection string; "" when not known. */
POOLED_C_API const char *pooled_context_error_file(const pooled_context *ctx);
/** The last error's layer name; "" when not known. */
POOLED_C_API const char *pooled_context_error_layer(const pooled_context *ctx);
/** The last error's feature id: returns 1 and sets *fid when known, else returns 0. */
POOLED_C_API int pooled_context_error_feature(const pooled_context *ctx, int64_t *fid);
/** The last error's field (column) name; "" when not known. */
POOLED_C_API const char *pooled_context_error_field(const pooled_context *ctx);

/* ---------------------------------------------------------------------------------------- */
/* Layers: zones and assets read into one working CRS                                       */
/* ---------------------------------------------------------------------------------------- */

typedef struct pooled_layers pooled_layers;

/** What to do with a bad feature while reading. */
typedef enum pooled_on_invalid {
    POOLED_ON_INVALID_FAIL = 0,  /**< stop at the first one, naming it */
    POOLED_ON_INVALID_SKIP = 1,  /**< leave it out */
    POOLED_ON_INVALID_REPAIR = 2 /**< mend invalid geometry (GEOS MakeValid), skip the rest */
} pooled_on_invalid;

/**
 * Reads the zones (census areas with a population) and the assets (public buildings), both
 * "PATH[:LAYER]" or a GDAL connection string; either may be NULL, not both. `schema_path` is a
 * schema file (TOML, share/pooled/schemas/) mapping their columns onto pooled's fields, or
 * NULL to guess from well-known column names. `working_crs` is e.g. "EPSG:27700", or NULL to
 * choose one from the data (British National Grid for British data, else a UTM zone).
 * `assume_crs` is the CRS of a layer that stores none (a CSV, a Shapefile without .prj); NULL
 * makes such a layer an error. Points in a CSV come from x/y, easting/northing or lon/lat
 * columns, or a WKT column.
 */
POOLED_C_API pooled_status pooled_layers_open(pooled_context *ctx, const char *zones, const char *assets,
                                              const char *schema_path, const char *working_crs,
                                              const char *assume_crs, pooled_on_invalid on_invalid,
                                              pooled_progress_fn progress,
                                              void *progress_data, pooled_layers **out);
POOLED_C_API pooled_status pooled_layers_destroy(pooled_context *ctx, pooled_layers *layers);
/** The working CRS as an authority code, e.g. "EPSG:27700". */
POOLED_C_API pooled_status pooled_layers_working_crs(pooled_context *ctx, const pooled_layers *layers,
                                                     const char **code);
POOLED_C_API pooled_status pooled_layers_zone_count(pooled_context *ctx, const pooled_layers *layers,
                                                    size_t *count);
POOLED_C_API pooled_status pooled_layers_asset_count(pooled_context *ctx, const pooled_layers *layers,
                                                     size_t *count);
POOLED_C_API pooled_status pooled_layers_zone_id(pooled_context *ctx, const pooled_layers *layers, size_t zone,
                                                 const char **id);
POOLED_C_API pooled_status pooled_layers_asset_id(pooled_context *ctx, const pooled_layers *layers, size_t asset,
                                                  const char **id);
/** How many features were left out as bad under POOLED_ON_INVALID_SKIP or _REPAIR (0 under
 *  _FAIL, where the first one is an error). */
POOLED_C_API pooled_status pooled_layers_skipped(pooled_context *ctx, const pooled_layers *layers, size_t *zones,
                                                 size_t *assets);
/** Each zone's population (buffer convention above). */
POOLED_C_API pooled_status pooled_layers_zone_population(pooled_context *ctx, const pooled_layers *layers,
                                                         double *values, size_t capacity, size_t *count);
/** Each asset's value of a numeric field: "floor_area", "running_cost", "capacity",
 *  "utilisation" or "value"; NaN where a feature has none. POOLED_ERR_ARGUMENT if the schema
 *  maps no column to the field. */
POOLED_C_API pooled_status pooled_layers_asset_values(pooled_context *ctx, const pooled_layers *layers,
                                                      const char *field, double *values, size_t capacity,
                                                      size_t *count);

/* ---------------------------------------------------------------------------------------- */
/* Road network                                                                             */
/* ---------------------------------------------------------------------------------------- */

typedef struct pooled_network pooled_network;

/** Travel mode: which roads, and how fast (UK national limits where OSM has no maxspeed; walking
 *  4.8 km/h, cycling 16 km/h). */
typedef enum pooled_profile {
    POOLED_PROFILE_DRIVE = 0,
    POOLED_PROFILE_WALK = 1,
    POOLED_PROFILE_CYCLE = 2
} pooled_profile;

/** Builds the road network of `source` (an OpenStreetMap .osm.pbf/.osm file, a road line
 *  layer or a pgRouting edge table) in the working CRS of `layers`, keeping its largest
 *  strongly connected component. */
POOLED_C_API pooled_status pooled_network_load(pooled_context *ctx, const pooled_layers *layers, const char *source,
                                               pooled_profile profile, pooled_network **out);
POOLED_C_API pooled_status pooled_network_destroy(pooled_context *ctx, pooled_network *network);
POOLED_C_API pooled_status pooled_network_size(pooled_context *ctx, const pooled_network *network,
                                               size_t *nodes, size_t *edges);

/* ---------------------------------------------------------------------------------------- */
/* Cost matrices: zones (origins) x assets (destinations)                                   */
/* ---------------------------------------------------------------------------------------- */

typedef struct pooled_matrix pooled_matrix;

/** What a matrix's costs measure (and its routes minimise). */
typedef enum pooled_cost { POOLED_COST_SECONDS = 0, POOLED_COST_METRES = 1 } pooled_cost;

/** Travel costs by road from every zone (its centroid) to every asset, each point snapped to
 *  its nearest road edge. `cutoff` (in the cost's unit, inclusive) keeps only the pairs within
 *  it; 0 = all pairs. Points further than `max_snap_m` from any road (0 = 1 km) get no
 *  entries. */
POOLED_C_API pooled_status pooled_matrix_route(pooled_context *ctx, const pooled_network *network,
                                               const pooled_layers *layers, pooled_cost cost, double cutoff,
                                               double max_snap_m, pooled_progress_fn progress,
                                               void *progress_data, pooled_matrix **out);
/** Straight-line distances (metres) from every zone centroid to every asset; `cutoff` as above. */
POOLED_C_API pooled_status pooled_matrix_straight_line(pooled_context *ctx, const pooled_layers *layers,
                                                       double cutoff, pooled_matrix **out);
POOLED_C_API pooled_status pooled_matrix_destroy(pooled_context *ctx, pooled_matrix *matrix);
POOLED_C_API pooled_status pooled_matrix_size(pooled_context *ctx, const pooled_matrix *matrix, size_t *origins,
                                              size_t *destinations, size_t *stored);
POOLED_C_API pooled_status pooled_matrix_unit(pooled_context *ctx, const pooled_matrix *matrix, pooled_cost *unit);
/** The cost of one pair: +infinity (HUGE_VAL) when unreachable or beyond the cutoff. */
POOLED_C_API pooled_status pooled_matrix_cost(pooled_context *ctx, const pooled_matrix *matrix, size_t origin,
                                              size_t destination, double *cost);
/** The stored pairs of one origin, by destination: their destination indexes and costs
 *  (either buffer may be NULL when only the other is wanted; `capacity` applies to both). */
POOLED_C_API pooled_status pooled_matrix_row(pooled_context *ctx, const pooled_matrix *matrix, size_t origin,
                                             uint32_t *destinations, double *costs, size_t capacity,
                                             size_t *count);
POOLED_C_API pooled_status pooled_matrix_origin_id(pooled_context *ctx, const pooled_matrix *matrix, size_t origin,
                                                   const char **id);
POOLED_C_API pooled_status pooled_matrix_destination_id(pooled_context *ctx, const pooled_matrix *matrix,
                                                        size_t destination, const char **id);

/* ---------------------------------------------------------------------------------------- */
/* Catchments: the area each asset serves and the people inside                             */
/* ---------------------------------------------------------------------------------------- */

typedef struct pooled_catchments pooled_catchments;

/** Circles of each radius (metres) around every asset, with the zones' population inside (by
 *  the share of each zone polygon's area inside; all or nothing by centroid for point zones).
 *  Catchments are ordered by radius, then asset. */
POOLED_C_API pooled_status pooled_catchments_buffer(pooled_context *ctx, const pooled_layers *layers,
                                                    const double *radii_m, size_t radius_count,
                                                    pooled_progress_fn progress, void *progress_data,
                                                    pooled_catchments **out);
/** Isochrones of every asset on the road network for each travel time (seconds, ascending:
 *  nested polygons), with the population inside as for buffers. Ordered by asset, then cutoff.
 *  An asset further than 1 km from any road is POOLED_ERR_UNREACHABLE. */
POOLED_C_API pooled_status pooled_catchments_network(pooled_context *ctx, const pooled_layers *layers,
                                                     const pooled_network *network, const double *cutoffs_s,
                                                     size_t cutoff_count, pooled_progress_fn progress,
                                                     void *progress_data, pooled_catchments **out);
POOLED_C_API pooled_status pooled_catchments_destroy(pooled_context *ctx, pooled_catchments *catchments);
POOLED_C_API pooled_status pooled_catchments_count(pooled_context *ctx, const pooled_catchments *catchments,
                                                   size_t *count);
/** One catchment: the index of its asset in the layers, its cutoff (radius in metres or travel
 *  time in seconds), the people inside and its area in m2. Any output pointer may be NULL. */
POOLED_C_API pooled_status pooled_catchments_get(pooled_context *ctx, const pooled_catchments *catchments,
                                                 size_t index, size_t *asset, double *cutoff, double *population,
                                                 double *area_m2);
/** The polygon as WKT in the working CRS (millimetre precision). */
POOLED_C_API pooled_status pooled_catchments_wkt(pooled_context *ctx, const pooled_catchments *catchments,
                                                 size_t index, const char **wkt);

/* ---------------------------------------------------------------------------------------- */
/* Accessibility measures per zone, on a matrix                                             */
/* ---------------------------------------------------------------------------------------- */

typedef struct pooled_measure pooled_measure;

typedef enum pooled_measure_kind {
    POOLED_MEASURE_2SFCA = 0,     /**< two-step floating catchment: supply per head (E2SFCA with a stepped decay) */
    POOLED_MEASURE_3SFCA = 1,     /**< three-step floating catchment (Wan et al. 2012) */
    POOLED_MEASURE_GRAVITY = 2,   /**< Hansen: sum of supply x decay weight */
    POOLED_MEASURE_CUMULATIVE = 3 /**< supply within the cutoff */
} pooled_measure_kind;

/**
 * A measure per origin (zone) of `matrix`. `demand` has one value per origin (e.g. the zone
 * population; may be NULL for gravity and cumulative), `supply` one per destination (e.g. a
 * capacity, or 1 per site). `decay` is the weight of a pair by its cost, in the matrix's
 * unit, as text: "step:1200", "stepped:600=1,1200=0.68,1800=0.22", "linear:1800",
 * "exponential:0.001", "power:1", "gaussian:600", "logistic:900,0.01"; NULL = a step at the
 * cutoff (2SFCA, 3SFCA). `cutoff` (matrix unit, inclusive) drops dearer pairs; 0 = none
 * (cumulative needs one).
 */
POOLED_C_API pooled_status pooled_measure_compute(pooled_context *ctx, const pooled_matrix *matrix,
                                                  pooled_measure_kind kind, const double *demand,
                                                  size_t demand_count, const double *supply, size_t supply_count,
                                                  const char *decay, double cutoff, pooled_measure **out);
POOLED_C_API pooled_status pooled_measure_destroy(pooled_context *ctx, pooled_measure *measure);
/** The value per origin. */
POOLED_C_API pooled_status pooled_measure_values(pooled_context *ctx, const pooled_measure *measure, double *values,
                                                 size_t capacity, size_t *count);
/** Floating catchments only: the supply-to-demand ratio per destination (R_j). */
POOLED_C_API pooled_status pooled_measure_site_ratios(pooled_context *ctx, const pooled_measure *measure,
                                                      double *values, size_t capacity, size_t *count);
/** Floating catchments only: the supply of sites no demand reaches (so that
 *  sum(demand x value) + unallocated = sum(supply)). */
POOLED_C_API pooled_status pooled_measure_unallocated_supply(pooled_context *ctx, const pooled_measure *measure,
                                                             double *supply);

/* ---------------------------------------------------------------------------------------- */
/* Segmentation: geodemographic segments of the zones (k-means, top down in levels)         */
/* ---------------------------------------------------------------------------------------- */

typedef struct pooled_segmentation pooled_segmentation;

/**
 * Classifies the zones of `layers` OAC-style: the variables of the spec file (CSV
 * name,numerator,denominator, e.g. share/pooled/oac2021_variables.csv) as percentages,
 * inverse hyperbolic sine, range standardisation; then k-means with k-means++ starts, `ks[0]`
 * segments at level 1 and up to `ks[l]` within each segment of level l. `restarts` per
 * k-means (0 = 100); `seed` makes the result reproducible, whatever the thread count.
 */
POOLED_C_API pooled_status pooled_segmentation_run(pooled_context *ctx, const pooled_layers *layers,
                                                   const char *spec_path, const size_t *ks, size_t level_count,
                                                   size_t restarts, uint64_t seed, pooled_progress_fn progress,
                                                   void *progress_data, pooled_segmentation **out);
POOLED_C_API pooled_status pooled_segmentation_destroy(pooled_context *ctx, pooled_segmentation *segmentation);
POOLED_C_API pooled_status pooled_segmentation_level_count(pooled_context *ctx,
                                                           const pooled_segmentation *segmentation, size_t *levels);
/** The segments of a level (1-based): their count, and each one's code ("3", "3b") and
 *  total within-cluster sum of squares of the level. */
POOLED_C_API pooled_status pooled_segmentation_segment_count(pooled_context *ctx,
                                                             const pooled_segmentation *segmentation, size_t level,
                                                             size_t *segments);
POOLED_C_API pooled_status pooled_segmentation_segment_code(pooled_context *ctx,
                                                            const pooled_segmentation *segmentation, size_t level,
                                                            size_t segment, const char **code);
POOLED_C_API pooled_status pooled_segmentation_within_ss(pooled_context *ctx,
                                                         const pooled_segmentation *segmentation, size_t level,
                                                         double *within_ss);
/** Per zone (in the layers' order), the index of its segment at `level`. */
POOLED_C_API pooled_status pooled_segmentation_labels(pooled_context *ctx, const pooled_segmentation *segmentation,
                                                      size_t level, uint32_t *labels, size_t capacity,
                                                      size_t *count);

/* ---------------------------------------------------------------------------------------- */
/* Location-allocation on a matrix: origins are demand, destinations candidate sites        */
/* ---------------------------------------------------------------------------------------- */

typedef struct pooled_solution pooled_solution;

/** No site serves this origin (pooled_solution_assignment). */
#define POOLED_NO_SITE UINT32_MAX

typedef enum pooled_solve_status {
    POOLED_SOLVE_OPTIMAL = 0,    /**< proved optimal: the bound meets the objective */
    POOLED_SOLVE_FEASIBLE = 1,   /**< a solution, with its gap to the proved bound */
    POOLED_SOLVE_INFEASIBLE = 2, /**< proved to have no solution */
    POOLED_SOLVE_NO_SOLUTION = 3 /**< none found */
} pooled_solve_status;

/** p-median: open `p` sites minimising the total demand-weighted cost of serving every origin
 *  from its cheapest open site; `required` sites (destination indexes, may be NULL) stay open.
 *  Heuristic with a proved Lagrangian lower bound; deterministic for a seed. */
POOLED_C_API pooled_status pooled_solve_pmedian(pooled_context *ctx, const pooled_matrix *matrix,
                                                const double *demand, size_t demand_count, size_t p,
                                                const uint32_t *required, size_t required_count, uint64_t seed,
                                                pooled_solution **out);
/** Maximal covering (MCLP): open `p` sites maximising the demand within `service_cost`
 *  (matrix unit, inclusive) of an open site. */
POOLED_C_API pooled_status pooled_solve_mclp(pooled_context *ctx, const pooled_matrix *matrix, const double *demand,
                                             size_t demand_count, size_t p, double service_cost,
                                             const uint32_t *required, size_t required_count, uint64_t seed,
                                             pooled_solution **out);
POOLED_C_API pooled_status pooled_solution_destroy(pooled_context *ctx, pooled_solution *solution);
/** How far the solver got, its objective (total weighted cost; covered demand for MCLP), the
 *  proved bound and the relative gap between them. Any output pointer may be NULL. */
POOLED_C_API pooled_status pooled_solution_result(pooled_context *ctx, const pooled_solution *solution,
                                                  pooled_solve_status *status, double *objective, double *bound,
                                                  double *gap);
/** The open sites (destination indexes), ascending. */
POOLED_C_API pooled_status pooled_solution_selected(pooled_context *ctx, const pooled_solution *solution,
                                                    uint32_t *sites, size_t capacity, size_t *count);
/** Per origin, the open site serving it, or POOLED_NO_SITE. */
POOLED_C_API pooled_status pooled_solution_assignment(pooled_context *ctx, const pooled_solution *solution,
                                                      uint32_t *sites, size_t capacity, size_t *count);

/* ---------------------------------------------------------------------------------------- */
/* Scenario files: a whole analysis from one TOML file, as `pooled run scenario.toml`       */
/* ---------------------------------------------------------------------------------------- */

/** Checks a scenario file without running it: POOLED_OK if it is valid, else
 *  POOLED_ERR_ARGUMENT with a message listing every problem, one per line, each as
 *  "FILE:LINE: KEY: problem" (POOLED_ERR_IO if the file cannot be read). */
POOLED_C_API pooled_status pooled_scenario_check(pooled_context *ctx, const char *scenario_path);
/** Runs a scenario file as `pooled run` does and writes the same files, byte for byte (the
 *  GeoPackage, summary.json and provenance.json), into `output_dir` (created if missing; NULL
 *  or "" = the scenario's outputs.directory, else "<scenario name>_outputs" beside the file).
 *  The file is checked first (as pooled_scenario_check). Each output appears complete or not
 *  at all: a failed or cancelled run leaves no output file and no directory it made. The
 *  context's thread count does not apply here (the runner's results never depend on it). */
POOLED_C_API pooled_status pooled_scenario_run(pooled_context *ctx, const char *scenario_path, const char *output_dir,
                                               pooled_progress_fn progress, void *progress_data);

#ifdef __cplusplus
}
#endif

#endif /* POOLED_POOLED_H */
