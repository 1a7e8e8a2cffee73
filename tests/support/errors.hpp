#pragma once
// Checking errors in tests: run a callable that must throw pooled::Error and look at what it
// threw (code, message, SourceRef). Include after "support/catch.hpp".

#include "support/catch.hpp"

#include <pooled/core/error.hpp>

#include <string>
#include <utility>

namespace pooled::test {

/// The pooled::Error thrown by `fn`; fails the test if none is.
template <typename Fn>
Error error_of(Fn &&fn) {
    try {
        std::forward<Fn>(fn)();
    } catch (const Error &e) {
        return e;
    }
    FAIL("expected a pooled::Error");
    return Error(Errc::internal, "unreachable");
}

/// The code of the pooled::Error thrown by `fn`; fails the test if none is.
template <typename Fn>
Errc code_of(Fn &&fn) {
    return error_of(std::forward<Fn>(fn)).code();
}

/// The full message (what()) of the pooled::Error thrown by `fn`; fails the test if none is.
template <typename Fn>
std::string message_of(Fn &&fn) {
    return error_of(std::forward<Fn>(fn)).what();
}

/// Whether `text` (e.g. a message) contains `part`.
inline bool contains(const std::string &text, const std::string &part) { return text.find(part) != std::string::npos; }

} // namespace pooled::test
