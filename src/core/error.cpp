#include <pooled/core/error.hpp>

namespace pooled {

const char *errc_name(Errc code) noexcept {
    switch (code) {
    case Errc::argument: return "argument";
    case Errc::io: return "io";
    case Errc::data: return "data";
    case Errc::crs: return "crs";
    case Errc::unreachable: return "unreachable";
    case Errc::cancelled: return "cancelled";
    case Errc::internal: return "internal";
    }
    return "unknown";
}

std::string SourceRef::describe() const {
    std::string out;
    const auto add = [&out](const std::string &part) {
        if (!out.empty()) {
            out += ", ";
        }
        out += part;
    };
    if (!path.empty()) {
        add(path);
    }
    if (!layer.empty()) {
        add("layer '" + layer + "'");
    }
    if (feature) {
        add("feature " + std::to_string(*feature));
    }
    if (!field.empty()) {
        add("field '" + field + "'");
    }
    return out;
}

namespace {
std::string full_message(const std::string &problem, const SourceRef &where) {
    if (where.empty()) {
        return problem;
    }
    return problem + " (" + where.describe() + ")";
}
} // namespace

Error::Error(Errc code, const std::string &problem, SourceRef where)
    : std::runtime_error(full_message(problem, where)), m_code(code), m_problem(problem),
      m_where(std::move(where)) {}

} // namespace pooled
