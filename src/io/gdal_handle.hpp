#pragma once
// Internal: RAII owners for GDAL handles and a scoped collector of GDAL's error messages.
// Never included by public headers.

#include <cpl_error.h>
#include <gdal.h>

#include <memory>
#include <string>
#include <vector>

namespace pooled::io::detail {

/// Registers GDAL's drivers once per process (GDALAllRegister is not re-entrant).
void ensure_gdal_registered();

struct DatasetCloser {
    void operator()(GDALDatasetH dataset) const noexcept { GDALClose(dataset); }
};
/// Owns an open GDAL dataset; closes it on destruction.
using DatasetPtr = std::unique_ptr<std::remove_pointer_t<GDALDatasetH>, DatasetCloser>;

/// While alive, GDAL's messages on this thread are collected here instead of printed
/// (the library never prints; GDAL's default handler writes to stderr).
class ScopedErrorCollector {
public:
    ScopedErrorCollector();
    ~ScopedErrorCollector();
    ScopedErrorCollector(const ScopedErrorCollector &) = delete;
    ScopedErrorCollector &operator=(const ScopedErrorCollector &) = delete;

    /// Messages of CE_Failure/CE_Fatal severity, oldest first.
    const std::vector<std::string> &failures() const noexcept { return m_failures; }
    /// All messages (warnings too), oldest first.
    const std::vector<std::string> &messages() const noexcept { return m_messages; }
    /// The last failure, or the last message, or "" if GDAL said nothing.
    std::string last() const;
    void clear() noexcept;

private:
    static void CPL_STDCALL handler(CPLErr severity, CPLErrorNum number, const char *message);
    std::vector<std::string> m_failures;
    std::vector<std::string> m_messages;
};

/// Sets a GDAL configuration option on this thread for the object's lifetime.
class ScopedThreadConfig {
public:
    ScopedThreadConfig(const char *key, const char *value);
    ~ScopedThreadConfig();
    ScopedThreadConfig(const ScopedThreadConfig &) = delete;
    ScopedThreadConfig &operator=(const ScopedThreadConfig &) = delete;

private:
    std::string m_key;
    std::string m_previous;
    bool m_had_previous = false;
};

} // namespace pooled::io::detail
