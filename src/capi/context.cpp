// The context (one per thread: last error, thread count), version and status names.
#include "capi/guard.hpp"

#include <pooled/version.hpp>

using namespace pooled::capi;

extern "C" {

const char *pooled_status_name(pooled_status status) {
    switch (enum_value(status)) {
    case POOLED_OK: return "ok";
    case POOLED_ERR_ARGUMENT: return "argument";
    case POOLED_ERR_IO: return "io";
    case POOLED_ERR_DATA: return "data";
    case POOLED_ERR_CRS: return "crs";
    case POOLED_ERR_UNREACHABLE: return "unreachable";
    case POOLED_ERR_CANCELLED: return "cancelled";
    case POOLED_ERR_INTERNAL: return "internal";
    case POOLED_ERR_OUT_OF_MEMORY: return "out_of_memory";
    case POOLED_ERR_INVALID_HANDLE: return "invalid_handle";
    case POOLED_ERR_BUFFER_TOO_SMALL: return "buffer_too_small";
    }
    return "unknown";
}

const char *pooled_version(void) { return pooled::version(); }

int pooled_c_abi_version(void) { return POOLED_C_ABI_VERSION; }

pooled_context *pooled_context_create(void) { return new (std::nothrow) pooled_context; }

void pooled_context_destroy(pooled_context *ctx) {
    if (is_context(ctx)) {
        ctx->tag = Tag::destroyed;
        delete ctx;
    }
}

pooled_status pooled_context_set_threads(pooled_context *ctx, unsigned threads) {
    return guarded(ctx, [&] { ctx->threads = threads; });
}

pooled_status pooled_context_error_status(const pooled_context *ctx) {
    return is_context(ctx) ? ctx->error.status : POOLED_ERR_INVALID_HANDLE;
}

const char *pooled_context_error_message(const pooled_context *ctx) {
    return is_context(ctx) ? ctx->error.message.c_str() : "";
}

const char *pooled_context_error_file(const pooled_context *ctx) {
    return is_context(ctx) ? ctx->error.where.path.c_str() : "";
}

const char *pooled_context_error_layer(const pooled_context *ctx) {
    return is_context(ctx) ? ctx->error.where.layer.c_str() : "";
}

int pooled_context_error_feature(const pooled_context *ctx, int64_t *fid) {
    if (!is_context(ctx) || !ctx->error.where.feature) {
        return 0;
    }
    if (fid != nullptr) {
        *fid = *ctx->error.where.feature;
    }
    return 1;
}

const char *pooled_context_error_field(const pooled_context *ctx) {
    return is_context(ctx) ? ctx->error.where.field.c_str() : "";
}

} // extern "C"
