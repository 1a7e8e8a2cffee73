#include "io/gdal_handle.hpp"

#include <cpl_conv.h>
#include <ogr_api.h>

#include <mutex>

namespace pooled::io::detail {

void ensure_gdal_registered() {
    static std::once_flag once;
    std::call_once(once, [] { GDALAllRegister(); });
}

ScopedErrorCollector::ScopedErrorCollector() { CPLPushErrorHandlerEx(&ScopedErrorCollector::handler, this); }

ScopedErrorCollector::~ScopedErrorCollector() { CPLPopErrorHandler(); }

void CPL_STDCALL ScopedErrorCollector::handler(CPLErr severity, CPLErrorNum, const char *message) {
    auto *self = static_cast<ScopedErrorCollector *>(CPLGetErrorHandlerUserData());
    if (self == nullptr || message == nullptr) {
        return;
    }
    self->m_messages.emplace_back(message);
    if (severity == CE_Failure || severity == CE_Fatal) {
        self->m_failures.emplace_back(message);
    }
}

std::string ScopedErrorCollector::last() const {
    if (!m_failures.empty()) {
        return m_failures.back();
    }
    if (!m_messages.empty()) {
        return m_messages.back();
    }
    return {};
}

void ScopedErrorCollector::clear() noexcept {
    m_failures.clear();
    m_messages.clear();
}

ScopedThreadConfig::ScopedThreadConfig(const char *key, const char *value) : m_key(key) {
    if (const char *previous = CPLGetThreadLocalConfigOption(key, nullptr)) {
        m_previous = previous;
        m_had_previous = true;
    }
    CPLSetThreadLocalConfigOption(key, value);
}

ScopedThreadConfig::~ScopedThreadConfig() {
    CPLSetThreadLocalConfigOption(m_key.c_str(), m_had_previous ? m_previous.c_str() : nullptr);
}

} // namespace pooled::io::detail
