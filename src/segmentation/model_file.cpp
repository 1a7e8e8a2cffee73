#include <pooled/segmentation/model_file.hpp>

#include <pooled/segmentation/kmeans.hpp>
#include <pooled/version.hpp>

#include "core/atomic_file.hpp"
#include "core/text.hpp"

#include <nlohmann/json.hpp>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <system_error>

namespace pooled::segmentation {

namespace {

using json = nlohmann::ordered_json;
constexpr const char *format_name = "pooled-segmentation";

Error bad_model(const std::string &source, const std::string &key, const std::string &problem) {
    return Error(Errc::data, "segmentation model: " + problem, SourceRef{source, {}, std::nullopt, key});
}

// Reads model JSON, naming the key of anything missing or of the wrong type.
class Reader {
public:
    explicit Reader(std::string source) : m_source(std::move(source)) {}

    const json &at(const json &object, const std::string &key, const std::string &path) const {
        if (!object.is_object() || !object.contains(key)) {
            throw bad_model(m_source, path + key, "missing key");
        }
        return object.at(key);
    }
    template <typename T>
    T get(const json &object, const std::string &key, const std::string &path = {}) const {
        const json &value = at(object, key, path);
        try {
            return value.get<T>();
        } catch (const nlohmann::json::exception &) {
            throw bad_model(m_source, path + key, "wrong type of value: " + value.dump());
        }
    }
    const json &array(const json &object, const std::string &key, const std::string &path = {}) const {
        const json &value = at(object, key, path);
        if (!value.is_array()) {
            throw bad_model(m_source, path + key, "expected an array");
        }
        return value;
    }
    const std::string &source() const { return m_source; }

private:
    std::string m_source;
};

} // namespace

std::string model_to_json(const SegmentModel &model) {
    json variables = json::array();
    for (std::size_t j = 0; j < model.variables.variables.size(); ++j) {
        const auto &v = model.variables.variables[j];
        const ColumnScaling scaling = j < model.preparation.scaling.size() ? model.preparation.scaling[j] : ColumnScaling{};
        variables.push_back({{"name", v.name},
                             {"numerator", detail::join(v.numerator, "+")},
                             {"denominator", v.denominator},
                             {"offset", scaling.offset},
                             {"scale", scaling.scale}});
    }
    json levels = json::array();
    for (const auto &level : model.levels) {
        json segments = json::array();
        for (const auto &s : level.segments) {
            segments.push_back({{"code", s.code},
                                {"parent", s.parent},
                                {"zones", s.zones},
                                {"population", s.population},
                                {"centre", s.centre}});
        }
        levels.push_back({{"within_ss", level.within_ss}, {"segments", segments}});
    }
    const json out{{"format", format_name},
                   {"version", SegmentModel::format_version},
                   {"pooled_version", model.pooled_version},
                   {"seed", model.seed},
                   {"restarts", model.restarts},
                   {"transform", transform_name(model.preparation.transform)},
                   {"standardise", standardise_name(model.preparation.standardise)},
                   {"variables", variables},
                   {"levels", levels}};
    return out.dump(1) + "\n";
}

SegmentModel model_from_json(std::string_view text, const std::string &source) {
    json root;
    try {
        root = json::parse(text);
    } catch (const nlohmann::json::parse_error &e) {
        throw bad_model(source, {}, std::string("not JSON: ") + e.what());
    }
    const Reader r(source);
    if (r.get<std::string>(root, "format") != format_name) {
        throw bad_model(source, "format", "not a pooled segmentation model");
    }
    const int version = r.get<int>(root, "version");
    if (version < 1 || version > SegmentModel::format_version) {
        throw bad_model(source, "version",
                        "version " + std::to_string(version) + " is not supported (this pooled reads version " +
                            std::to_string(SegmentModel::format_version) + ")");
    }
    SegmentModel model;
    model.pooled_version = r.get<std::string>(root, "pooled_version");
    model.seed = r.get<std::uint64_t>(root, "seed");
    model.restarts = r.get<std::size_t>(root, "restarts");
    try {
        model.preparation.transform = parse_transform(r.get<std::string>(root, "transform"));
        model.preparation.standardise = parse_standardise(r.get<std::string>(root, "standardise"));
    } catch (const Error &e) {
        throw bad_model(source, "transform", e.problem());
    }
    // The variables, rebuilt as a spec text so they are checked exactly as a spec file is.
    std::string spec = "name,numerator,denominator\n";
    const json &variables = r.array(root, "variables");
    for (std::size_t j = 0; j < variables.size(); ++j) {
        const std::string path = "variables[" + std::to_string(j) + "].";
        spec += r.get<std::string>(variables[j], "name", path) + "," +
                r.get<std::string>(variables[j], "numerator", path) + "," +
                r.get<std::string>(variables[j], "denominator", path) + "\n";
        model.preparation.scaling.push_back(
            ColumnScaling{r.get<double>(variables[j], "offset", path), r.get<double>(variables[j], "scale", path)});
    }
    try {
        model.variables = parse_variable_spec(spec, source);
        for (auto &v : model.variables.variables) {
            v.line = 0; // lines of the text rebuilt above, not of any file
        }
    } catch (const Error &e) {
        throw bad_model(source, "variables", e.problem());
    }
    const std::size_t cols = model.variables.variables.size();
    const json &levels = r.array(root, "levels");
    std::set<std::string> codes_above;
    for (std::size_t l = 0; l < levels.size(); ++l) {
        const std::string path = "levels[" + std::to_string(l) + "].";
        SegmentLevel level;
        level.within_ss = r.get<double>(levels[l], "within_ss", path);
        const json &segments = r.array(levels[l], "segments", path);
        std::set<std::string> codes;
        for (std::size_t s = 0; s < segments.size(); ++s) {
            const std::string spath = path + "segments[" + std::to_string(s) + "].";
            SegmentCentre segment{r.get<std::string>(segments[s], "code", spath),
                                  r.get<std::string>(segments[s], "parent", spath),
                                  r.get<std::size_t>(segments[s], "zones", spath),
                                  r.get<double>(segments[s], "population", spath),
                                  r.get<std::vector<double>>(segments[s], "centre", spath)};
            if (segment.centre.size() != cols) {
                throw bad_model(source, spath + "centre",
                                std::to_string(segment.centre.size()) + " values for " + std::to_string(cols) +
                                    " variables");
            }
            for (double v : segment.centre) {
                if (!std::isfinite(v)) {
                    throw bad_model(source, spath + "centre", "a value is not finite");
                }
            }
            if (!codes.insert(segment.code).second) {
                throw bad_model(source, spath + "code", "segment '" + segment.code + "' appears twice");
            }
            if (l == 0 ? !segment.parent.empty() : !codes_above.contains(segment.parent)) {
                throw bad_model(source, spath + "parent",
                                "parent '" + segment.parent + "' is not a segment of the level above");
            }
            level.segments.push_back(std::move(segment));
        }
        if (level.segments.empty()) {
            throw bad_model(source, path + "segments", "a level without segments");
        }
        codes_above = std::move(codes);
        model.levels.push_back(std::move(level));
    }
    if (model.levels.empty()) {
        throw bad_model(source, "levels", "no levels");
    }
    return model;
}

void save_model(const SegmentModel &model, const std::string &path) {
    detail::write_file_atomically(path, model_to_json(model), "the segmentation model");
}

SegmentModel load_model(const std::string &path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        throw Error(Errc::io, "cannot read the segmentation model", SourceRef{path, {}, std::nullopt, {}});
    }
    std::ostringstream text;
    text << in.rdbuf();
    return model_from_json(text.str(), path);
}

std::vector<std::vector<std::string>> segment_codes(const SegmentModel &model) {
    std::vector<std::vector<std::string>> out;
    for (const auto &level : model.levels) {
        std::vector<std::string> codes;
        for (const auto &s : level.segments) {
            codes.push_back(s.code);
        }
        out.push_back(std::move(codes));
    }
    return out;
}

std::vector<std::vector<std::string>> assign_segments(const SegmentModel &model, const DataMatrix &prepared) {
    const std::size_t cols = model.variables.variables.size();
    if (prepared.cols != cols) {
        throw Error(Errc::argument, "the zones have " + std::to_string(prepared.cols) + " prepared variables, the model " +
                                        std::to_string(cols));
    }
    std::vector<std::vector<std::string>> codes;
    // Rows of each parent segment (one group holding every row at the top level).
    std::map<std::string, std::vector<std::size_t>> rows_of_parent;
    for (std::size_t i = 0; i < prepared.rows; ++i) {
        rows_of_parent[""].push_back(i);
    }
    for (const auto &level : model.levels) {
        std::vector<std::string> level_codes(prepared.rows);
        std::map<std::string, std::vector<std::size_t>> rows_of_segment;
        for (const auto &[parent, rows] : rows_of_parent) {
            std::vector<const SegmentCentre *> children;
            std::vector<double> centres;
            for (const auto &s : level.segments) {
                if (s.parent == parent) {
                    children.push_back(&s);
                    centres.insert(centres.end(), s.centre.begin(), s.centre.end());
                }
            }
            if (children.empty()) {
                throw Error(Errc::data, "segmentation model: segment '" + parent + "' has no children in the next level");
            }
            const DataMatrix subset = select_rows(prepared, rows);
            const auto nearest = assign_nearest(subset, centres, children.size());
            for (std::size_t r = 0; r < rows.size(); ++r) {
                const std::string &code = children[nearest[r]]->code;
                level_codes[rows[r]] = code;
                rows_of_segment[code].push_back(rows[r]);
            }
        }
        codes.push_back(std::move(level_codes));
        rows_of_parent = std::move(rows_of_segment);
    }
    return codes;
}

} // namespace pooled::segmentation
