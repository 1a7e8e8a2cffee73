#include "capi/guard.hpp"

namespace pooled::capi {

pooled_status status_of(Errc code) noexcept {
    switch (code) {
    case Errc::argument: return POOLED_ERR_ARGUMENT;
    case Errc::io: return POOLED_ERR_IO;
    case Errc::data: return POOLED_ERR_DATA;
    case Errc::crs: return POOLED_ERR_CRS;
    case Errc::unreachable: return POOLED_ERR_UNREACHABLE;
    case Errc::cancelled: return POOLED_ERR_CANCELLED;
    case Errc::internal: return POOLED_ERR_INTERNAL;
    }
    return POOLED_ERR_INTERNAL;
}

pooled_status record(pooled_context &ctx, pooled_status status, const char *message, const SourceRef &where) noexcept {
    ctx.error.status = status;
    try {
        ctx.error.message = message;
        ctx.error.where = where;
    } catch (...) {
        // Out of memory while copying the message: the status alone must do.
        ctx.error.message.clear();
        ctx.error.where = SourceRef{};
    }
    return status;
}

bool is_context(const pooled_context *ctx) noexcept { return ctx != nullptr && tag_at(ctx) == Tag::context; }

Progress progress_of(pooled_progress_fn fn, void *user_data) {
    if (fn == nullptr) {
        return Progress{};
    }
    return Progress([fn, user_data](double fraction, std::string_view stage) {
        const std::string message(stage); // the C callback needs a terminated string
        return fn(fraction, message.c_str(), user_data) != 0;
    });
}

const char *text(const char *value, const char *name) {
    if (value == nullptr) {
        throw StatusError{POOLED_ERR_ARGUMENT, std::string("'") + name + "' is NULL"};
    }
    return value;
}

std::size_t checked_index(std::size_t i, std::size_t n, const char *what) {
    if (i >= n) {
        throw StatusError{POOLED_ERR_ARGUMENT, std::string(what) + " index " + std::to_string(i) +
                                                  " is out of range (there are " + std::to_string(n) + ")"};
    }
    return i;
}

} // namespace pooled::capi
