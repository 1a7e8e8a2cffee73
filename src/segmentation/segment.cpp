#include <pooled/segmentation/segment.hpp>

#include <pooled/version.hpp>

namespace pooled::segmentation {

SegmentModel make_model(const VariableSpec &spec, const PreparedZones &prepared, const Hierarchy &hierarchy,
                        const HierarchyOptions &options) {
    SegmentModel model;
    model.variables = spec;
    model.preparation = prepared.preparation;
    model.seed = options.kmeans.seed;
    model.restarts = options.kmeans.restarts;
    model.pooled_version = version();
    const std::size_t cols = prepared.matrix.cols;
    for (std::size_t l = 0; l < hierarchy.levels.size(); ++l) {
        const HierarchyLevel &level = hierarchy.levels[l];
        SegmentLevel out;
        out.within_ss = level.within_ss;
        std::vector<double> population(level.codes.size(), 0.0);
        for (std::size_t i = 0; i < level.labels.size(); ++i) {
            population[level.labels[i]] += prepared.population[i];
        }
        for (std::size_t s = 0; s < level.codes.size(); ++s) {
            SegmentCentre segment;
            segment.code = level.codes[s];
            segment.parent = l == 0 ? std::string() : hierarchy.levels[l - 1].codes[level.parents[s]];
            segment.zones = level.sizes[s];
            segment.population = population[s];
            segment.centre.assign(level.centres.begin() + static_cast<std::ptrdiff_t>(s * cols),
                                  level.centres.begin() + static_cast<std::ptrdiff_t>((s + 1) * cols));
            out.segments.push_back(std::move(segment));
        }
        model.levels.push_back(std::move(out));
    }
    return model;
}

Segmentation segment_zones(const model::Population &zones, const VariableSpec &spec, const SegmentOptions &options,
                           const Progress &progress) {
    if (!options.hierarchy.ks.empty() && options.hierarchy.ks.front() > zones.zones.size()) {
        throw Error(Errc::argument,
                    "k = " + std::to_string(options.hierarchy.ks.front()) + " is more than the " +
                        std::to_string(zones.zones.size()) + " zones",
                    SourceRef{zones.source, {}, std::nullopt, {}});
    }
    Segmentation out;
    out.prepared = prepare(zones, spec, options.prepare);
    progress.report(0.02, "prepared");
    out.hierarchy = classify_top_down(out.prepared.matrix, options.hierarchy, progress.sub(0.02, 0.98));
    out.model = make_model(spec, out.prepared, out.hierarchy, options.hierarchy);
    const auto level_codes = segment_codes(out.model);
    for (std::size_t l = 0; l < out.hierarchy.levels.size(); ++l) {
        out.codes.push_back(out.hierarchy.row_codes(l + 1));
        out.profiles.push_back(profile_segments(out.prepared, out.codes.back(), level_codes[l], options.distinguishing));
    }
    progress.report(1.0, "profiled");
    return out;
}

} // namespace pooled::segmentation
