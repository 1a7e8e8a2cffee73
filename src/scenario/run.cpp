// The runner: the stages in order, then every output at once (GeoPackage, summary.json,
// provenance.json, the stages' documents such as the report). JSON and documents go to
// temporary files first and are renamed only after the GeoPackage is in place, so a run
// leaves all of them or none.

#include <pooled/scenario/run.hpp>

#include <pooled/model/asset.hpp>
#include <pooled/version.hpp>

#include "core/atomic_file.hpp"
#include "scenario/output_styles.hpp"
#include "scenario/provenance.hpp"
#include "scenario/run_context.hpp"

#include <sys/resource.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <memory>

namespace fs = std::filesystem;

namespace pooled::scenario {

namespace {
using detail::json;
using detail::RunContext;

void append_columns(io::OutputLayer &layer, const std::vector<detail::Column> &columns) {
    for (const auto &c : columns) {
        layer.fields.push_back({c.name, c.type});
        for (std::size_t i = 0; i < layer.features.size(); ++i) {
            layer.features[i].values.push_back(c.values[i]);
        }
    }
}

io::OutputLayer assets_layer(const RunContext &ctx) {
    io::OutputLayer layer{"assets",
                          ctx.working->crs(),
                          {{"asset_id", io::FieldType::string},
                           {"name", io::FieldType::string},
                           {"organisation", io::FieldType::string},
                           {"organisation_kind", io::FieldType::string},
                           {"floor_area", io::FieldType::real}},
                          {}};
    for (const auto &a : ctx.estate->assets) {
        io::Feature f;
        f.geometry = a.geometry;
        f.values = {a.id, a.name, a.organisation, std::string(model::organisation_kind_name(a.organisation_kind)),
                    a.floor_area ? io::FieldValue(a.floor_area->value()) : io::FieldValue()};
        layer.features.push_back(std::move(f));
    }
    append_columns(layer, ctx.asset_columns);
    return layer;
}

io::OutputLayer zones_layer(const RunContext &ctx) {
    io::OutputLayer layer{"zones",
                          ctx.working->crs(),
                          {{"zone_id", io::FieldType::string},
                           {"name", io::FieldType::string},
                           {"population", io::FieldType::real}},
                          {}};
    for (const auto &z : ctx.population->zones) {
        io::Feature f;
        f.geometry = z.geometry;
        f.values = {z.id, z.name, z.population};
        layer.features.push_back(std::move(f));
    }
    append_columns(layer, ctx.zone_columns);
    return layer;
}

std::vector<io::OutputLayer> output_layers(RunContext &ctx) {
    std::vector<io::OutputLayer> all{assets_layer(ctx), zones_layer(ctx)};
    for (auto &layer : ctx.layers) {
        all.push_back(std::move(layer));
    }
    detail::style_layers(all);
    const auto &wanted = ctx.scenario.outputs.layers;
    if (wanted.empty()) {
        return all;
    }
    std::vector<io::OutputLayer> chosen;
    for (auto &layer : all) {
        if (std::find(wanted.begin(), wanted.end(), layer.name) != wanted.end()) {
            chosen.push_back(std::move(layer));
        }
    }
    return chosen;
}

std::string output_directory(const Scenario &s, const std::string &requested) {
    if (!requested.empty()) {
        return requested;
    }
    if (!s.outputs.directory.empty()) {
        return s.outputs.directory;
    }
    return (fs::path(s.directory) / (s.name + "_outputs")).string();
}

/// The process's peak resident memory so far (Linux reports ru_maxrss in KiB); 0 if unknown.
std::size_t peak_rss_bytes() {
    rusage usage{};
    if (getrusage(RUSAGE_SELF, &usage) != 0 || usage.ru_maxrss < 0) {
        return 0;
    }
    return static_cast<std::size_t>(usage.ru_maxrss) * 1024;
}

/// Times the steps of a run one after another: each finish() closes the step begun by the
/// previous one (or by the clock's construction).
class StepClock {
public:
    explicit StepClock(std::vector<StepTiming> &timings) : m_timings(timings) {}
    void finish(std::string step) {
        const auto now = std::chrono::steady_clock::now();
        m_timings.push_back({std::move(step), std::chrono::duration<double>(now - m_started).count(), peak_rss_bytes()});
        m_started = now;
    }

private:
    std::vector<StepTiming> &m_timings;
    std::chrono::steady_clock::time_point m_started = std::chrono::steady_clock::now();
};

/// A file's bytes in a temporary file beside its target, renamed by commit().
struct PendingFile {
    pooled::detail::AtomicFile file;
    PendingFile(const fs::path &target, const std::string &content, const std::string &what) : file(target) {
        file.write(content, "the " + what);
    }
};

/// Whether a stage after chosen[done] reads the road graph.
bool roads_needed_after(const std::vector<const detail::Stage *> &chosen, std::size_t done, const Scenario &scenario) {
    return std::any_of(chosen.begin() + static_cast<std::ptrdiff_t>(done) + 1, chosen.end(),
                       [&](const detail::Stage *s) { return s->needs_roads && s->needs_roads(scenario); });
}

} // namespace

RunResults run_scenario(const Scenario &scenario, const std::string &output_dir, const Progress &progress) {
    if (scenario.assets.empty() || !scenario.zones) {
        throw Error(Errc::argument, "a scenario needs [layers.assets] and [layers.zones]",
                    SourceRef{scenario.file, {}, std::nullopt, {}});
    }
    RunResults results;
    StepClock clock(results.timings);
    RunContext ctx(scenario);
    std::vector<const detail::Stage *> chosen;
    for (const auto &stage : detail::stages()) {
        if (stage.applies(scenario)) {
            chosen.push_back(&stage);
        }
    }
    // Each stage gets an equal share of the bar, the outputs a last small one.
    const double share = 0.95 / static_cast<double>(chosen.size());
    for (std::size_t i = 0; i < chosen.size(); ++i) {
        const Progress part = progress.sub(share * static_cast<double>(i), share * static_cast<double>(i + 1));
        part.report(0.0, chosen[i]->name);
        chosen[i]->run(ctx, part);
        if (!roads_needed_after(chosen, i, scenario)) {
            ctx.network.reset(); // its figures are in the summary; later stages work without it
        }
        results.stages.emplace_back(chosen[i]->name);
        clock.finish(chosen[i]->name);
    }
    progress.report(0.95, "outputs");

    const std::vector<io::OutputLayer> layers = output_layers(ctx);
    json layer_counts = json::object();
    for (const auto &layer : layers) {
        results.layers.emplace_back(layer.name, layer.features.size());
        layer_counts[layer.name] = layer.features.size();
    }
    const json summary{{"scenario", scenario.name},
                       {"pooled_version", pooled::version()},
                       {"seed", scenario.seed},
                       {"stages", ctx.summary},
                       {"layers", layer_counts}};
    const json provenance = detail::provenance_json(scenario);

    const fs::path directory = output_directory(scenario, output_dir);
    std::error_code ec;
    const bool made_directory = !fs::exists(directory, ec);
    fs::create_directories(directory, ec);
    if (ec) {
        throw Error(Errc::io, "cannot create the output directory: " + ec.message(),
                    SourceRef{directory.string(), {}, std::nullopt, {}});
    }
    // A run that stops from here on leaves no directory it made (fs::remove takes only an empty one).
    struct DirectoryGuard {
        fs::path path;
        bool armed;
        ~DirectoryGuard() {
            std::error_code ignored;
            if (armed) {
                fs::remove(path, ignored);
            }
        }
    } guard{directory, made_directory};
    const fs::path gpkg = directory / scenario.outputs.geopackage;
    const fs::path summary_path = directory / scenario.outputs.summary;
    const fs::path provenance_path = directory / scenario.outputs.provenance;
    std::vector<std::unique_ptr<PendingFile>> pending;
    pending.push_back(std::make_unique<PendingFile>(summary_path, summary.dump(2) + "\n", "run summary"));
    pending.push_back(std::make_unique<PendingFile>(provenance_path, provenance.dump(2) + "\n", "run provenance"));
    for (const auto &document : ctx.files) {
        pending.push_back(std::make_unique<PendingFile>(directory / document.name, document.bytes, document.what));
    }
    std::vector<std::string> inputs;
    for (const auto &file : detail::input_files(scenario)) {
        inputs.push_back(file.path);
    }
    // The last chance to cancel: from here on the outputs are written whatever happens.
    progress.report(1.0, "outputs");
    io::write_layers(gpkg.string(), layers, inputs);
    std::size_t committed = 0;
    try {
        for (; committed < pending.size(); ++committed) {
            pending[committed]->file.commit();
        }
    } catch (const Error &) {
        fs::remove(gpkg, ec);
        for (std::size_t i = 0; i < committed; ++i) {
            fs::remove(pending[i]->file.target(), ec);
        }
        throw;
    }
    guard.armed = false;
    results.geopackage = gpkg.string();
    results.summary = summary_path.string();
    results.provenance = provenance_path.string();
    for (const auto &document : ctx.files) {
        results.documents.push_back((directory / document.name).string());
    }
    results.summary_json = summary.dump(2) + "\n";
    clock.finish("outputs");
    return results;
}

} // namespace pooled::scenario
