/* pooled.h is plain C99: this file is compiled with -std=c99 -pedantic -Werror -Wall -Wextra
 * (the test "capi: pooled.h compiles as strict C99"). Included twice to check its guard. */
#include <pooled/pooled.h>
#include <pooled/pooled.h>

/* Compile-time checks in C99 (no _Static_assert): a negative array size fails the build. */
typedef char abi_version_is_positive[POOLED_C_ABI_VERSION > 0 ? 1 : -1];
typedef char statuses_match_errc[POOLED_ERR_CANCELLED == 6 && POOLED_ERR_INTERNAL == 9 ? 1 : -1];
typedef char version_macros[POOLED_VERSION_NUMBER >= POOLED_COMPUTE_VERSION(0, 1, 0) ? 1 : -1];

/* Every handle type is opaque yet nameable, and the callback type matches GDAL's shape. */
static int progress(double fraction, const char *message, void *user_data) {
    (void)fraction;
    (void)message;
    (void)user_data;
    return 1;
}

int pooled_header_c99_check(void);
int pooled_header_c99_check(void) {
    pooled_context *ctx = 0;
    pooled_layers *layers = 0;
    pooled_network *network = 0;
    pooled_matrix *matrix = 0;
    pooled_catchments *catchments = 0;
    pooled_measure *measure = 0;
    pooled_segmentation *segmentation = 0;
    pooled_solution *solution = 0;
    pooled_progress_fn fn = progress;
    uint32_t none = POOLED_NO_SITE;
    (void)ctx;
    (void)layers;
    (void)network;
    (void)matrix;
    (void)catchments;
    (void)measure;
    (void)segmentation;
    (void)solution;
    (void)none;
    return fn(0.5, POOLED_VERSION_STRING, 0);
}
