#pragma once
// The border between C and C++: every exception is caught and turned into a status and the
// context's last error; handles, output pointers, indexes and buffers are checked the same
// way in every function.
#include "capi/handles.hpp"

#include <pooled/core/progress.hpp>

#include <algorithm>
#include <cstddef>
#include <memory>
#include <new>
#include <span>
#include <stdexcept>
#include <string>
#include <type_traits>

namespace pooled::capi {

/// Thrown inside a guarded call for a failure that has a C status of its own.
struct StatusError {
    pooled_status status;
    std::string message;
};

pooled_status status_of(Errc code) noexcept;

/// Records an error on the context (never throws: a failed copy leaves a shorter message).
pooled_status record(pooled_context &ctx, pooled_status status, const char *message, const SourceRef &where) noexcept;

/// True if `ctx` points at a live context.
bool is_context(const pooled_context *ctx) noexcept;

/// The C callback as a Progress (silent when `fn` is NULL); returning 0 cancels.
Progress progress_of(pooled_progress_fn fn, void *user_data);

/// The tag and the C name of each handle type.
template <class H> struct HandleTraits;
#define POOLED_CAPI_HANDLE(type, tag_value) \
    template <> struct HandleTraits<type> { \
        static constexpr Tag tag = Tag::tag_value; \
        static constexpr const char *name = #type; \
    }
POOLED_CAPI_HANDLE(pooled_layers, layers);
POOLED_CAPI_HANDLE(pooled_network, network);
POOLED_CAPI_HANDLE(pooled_matrix, matrix);
POOLED_CAPI_HANDLE(pooled_catchments, catchments);
POOLED_CAPI_HANDLE(pooled_measure, measure);
POOLED_CAPI_HANDLE(pooled_segmentation, segmentation);
POOLED_CAPI_HANDLE(pooled_solution, solution);
#undef POOLED_CAPI_HANDLE

/// The integer a C caller passed for an enum. Read as bytes: a C caller may pass any int, and
/// loading a C++ enum outside its enumerators' range is undefined behaviour.
template <class Enum> int enum_value(const Enum &value) noexcept {
    static_assert(sizeof(Enum) == sizeof(int), "pooled.h's enums are int-sized");
    int raw;
    std::memcpy(&raw, &value, sizeof raw);
    return raw;
}

/// The tag a handle starts with, read as bytes (the pointer may be to another handle type).
inline Tag tag_at(const void *handle) noexcept {
    Tag tag;
    std::memcpy(&tag, handle, sizeof tag);
    return tag;
}

/// The object behind a handle. @throws StatusError (POOLED_ERR_INVALID_HANDLE) for NULL or
/// a handle of another type.
template <class H> const H &use(const H *handle) {
    if (handle == nullptr) {
        throw StatusError{POOLED_ERR_INVALID_HANDLE, std::string("NULL ") + HandleTraits<H>::name + " handle"};
    }
    if (tag_at(handle) != HandleTraits<H>::tag) {
        throw StatusError{POOLED_ERR_INVALID_HANDLE,
                          std::string("not a ") + HandleTraits<H>::name + " handle (another type, or destroyed)"};
    }
    return *handle;
}

/// The place an output value goes. @throws StatusError (POOLED_ERR_ARGUMENT) for NULL.
template <class T> T &output(T *pointer, const char *name) {
    if (pointer == nullptr) {
        throw StatusError{POOLED_ERR_ARGUMENT, std::string("the output pointer '") + name + "' is NULL"};
    }
    return *pointer;
}

/// An input string. @throws StatusError (POOLED_ERR_ARGUMENT) for NULL.
const char *text(const char *value, const char *name);

/// `i` if below `n`. @throws StatusError (POOLED_ERR_ARGUMENT) naming what and how many there are.
std::size_t checked_index(std::size_t i, std::size_t n, const char *what);

/// Copies `data` into the caller's buffer under the size-query convention of pooled.h.
template <class T> void fill(std::span<const T> data, T *buffer, std::size_t capacity, std::size_t *count) {
    output(count, "count") = data.size();
    if (buffer == nullptr) {
        if (capacity != 0) {
            throw StatusError{POOLED_ERR_ARGUMENT, "the buffer is NULL but its capacity is not 0"};
        }
        return;
    }
    if (capacity < data.size()) {
        throw StatusError{POOLED_ERR_BUFFER_TOO_SMALL, "the buffer holds " + std::to_string(capacity) +
                                                           " values; " + std::to_string(data.size()) + " are needed"};
    }
    std::copy(data.begin(), data.end(), buffer);
}

/// Runs `body` for a call on `ctx`: clears the context's error, and maps whatever is thrown to
/// a status recorded on the context.
template <class Body> pooled_status guarded(pooled_context *ctx, Body &&body) noexcept {
    if (!is_context(ctx)) {
        return POOLED_ERR_INVALID_HANDLE;
    }
    ctx->error.status = POOLED_OK;
    ctx->error.message.clear();
    ctx->error.where = SourceRef{};
    try {
        body();
        return POOLED_OK;
    } catch (const StatusError &e) {
        return record(*ctx, e.status, e.message.c_str(), {});
    } catch (const Error &e) {
        return record(*ctx, status_of(e.code()), e.what(), e.where());
    } catch (const std::bad_alloc &) {
        return record(*ctx, POOLED_ERR_OUT_OF_MEMORY, "out of memory", {});
    } catch (const std::length_error &) {
        // A container asked for more than it can ever hold (a huge count from the caller).
        return record(*ctx, POOLED_ERR_OUT_OF_MEMORY, "out of memory: a size beyond what can be allocated", {});
    } catch (const std::exception &e) {
        return record(*ctx, POOLED_ERR_INTERNAL, e.what(), {});
    } catch (...) {
        return record(*ctx, POOLED_ERR_INTERNAL, "unknown exception", {});
    }
}

/// A guarded call making a new object: *out is NULL unless the call succeeds, so a failed or
/// cancelled call leaves nothing to free. `make` returns a std::unique_ptr<H>.
template <class H, class Make> pooled_status make_object(pooled_context *ctx, H **out, Make &&make) noexcept {
    if (out != nullptr) {
        *out = nullptr;
    }
    return guarded(ctx, [&] {
        output(out, "out");
        std::unique_ptr<H> object = make();
        *out = object.release();
    });
}

/// A guarded destroy: NULL is a no-op (as free()), another handle type an error.
template <class H> pooled_status destroy_object(pooled_context *ctx, H *handle) noexcept {
    return guarded(ctx, [&] {
        if (handle == nullptr) {
            return;
        }
        use<H>(handle);
        handle->tag = Tag::destroyed;
        delete handle;
    });
}

} // namespace pooled::capi
