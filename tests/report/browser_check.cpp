// The browser test: writes the Derbyshire report as HTML, loads it in headless Chromium, and
// checks that the page logged no console message (it has no scripts, so any message is an
// error: a failed load, a bad data: URI) and that the screenshot shows the choropleth map:
// thousands of pixels in each class colour, with real variation where they are. A broken page
// is loaded first to prove that console errors do reach the log this check reads.
// Usage: pooled_report_browser_check CHROMIUM WORK_DIR [SCENARIO]. With a scenario file, the
// report checked is the one `pooled run` writes for it (report.html of the run), taken in a
// taller window, since its choropleth (the accessibility section) comes after other maps.
// Exit 0 when all checks pass.

#include "report/derbyshire_report.hpp"
#include "report/png_image.hpp"

#include <pooled/report/choropleth.hpp>
#include <pooled/report/document.hpp>
#include <pooled/scenario/run.hpp>
#include <pooled/scenario/scenario.hpp>

#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>
#include <vector>

namespace fs = std::filesystem;

namespace {

constexpr int window_width = 1000;
int window_height = 1400;

std::string read_text(const fs::path &path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

// Runs headless Chromium on `page`, writing its screenshot and its log (stderr) beside it.
// Returns the console lines of the log.
std::vector<std::string> load(const std::string &chromium, const fs::path &dir, const fs::path &page,
                              const fs::path &screenshot) {
    const fs::path log = dir / (page.stem().string() + ".log");
    // We run as root in CI containers, where Chromium needs --no-sandbox; a profile of our
    // own keeps the user's out of it.
    const std::string command = "timeout 90 '" + chromium +
                                "' --headless --no-sandbox --disable-gpu --no-first-run --hide-scrollbars"
                                " --enable-logging=stderr --v=0 --user-data-dir='" + (dir / "profile").string() +
                                "' --screenshot='" + screenshot.string() + "' --window-size=" +
                                std::to_string(window_width) + "," + std::to_string(window_height) + " 'file://" +
                                page.string() + "' >/dev/null 2>'" + log.string() + "'";
    const int status = std::system(command.c_str());
    if (status != 0) {
        throw std::runtime_error("chromium failed (status " + std::to_string(status) + "), log: " + log.string());
    }
    std::vector<std::string> console;
    std::istringstream lines(read_text(log));
    for (std::string line; std::getline(lines, line);) {
        if (line.find(":CONSOLE") != std::string::npos) { // "[...:INFO:CONSOLE:1] "message", source: ..."
            console.push_back(line);
        }
    }
    return console;
}


// Why the screenshot does not show the choropleth, or "" if it does: pixels of each class
// colour (YlGnBu quintiles) are counted, and the luminance varies where they are. The legend
// swatches alone are about 200 px per class (1,000 in all); on the Derbyshire map the sparsely
// peopled lowest class covers over 30,000 px, the next over 1,000, while the densest LSOAs are
// too small to show much colour beside their outlines and the facility symbols.
std::string map_problem(const pooled::test::PngImage &image) {
    const auto colours = pooled::report::class_colours(pooled::report::Ramp::sequential, 5);
    std::vector<std::size_t> counts(colours.size(), 0);
    int min_x = image.width, min_y = image.height, max_x = -1, max_y = -1;
    for (int y = 0; y < image.height; ++y) {
        for (int x = 0; x < image.width; ++x) {
            const auto p = image.at(x, y);
            for (std::size_t c = 0; c < colours.size(); ++c) {
                if (std::abs(p.r - colours[c].r) <= 3 && std::abs(p.g - colours[c].g) <= 3 &&
                    std::abs(p.b - colours[c].b) <= 3) {
                    ++counts[c];
                    min_x = std::min(min_x, x);
                    min_y = std::min(min_y, y);
                    max_x = std::max(max_x, x);
                    max_y = std::max(max_y, y);
                }
            }
        }
    }
    std::ostringstream summary;
    summary << "screenshot " << image.width << "x" << image.height << ", class pixels";
    std::size_t total = 0, shown = 0;
    for (const auto count : counts) {
        summary << " " << count;
        total += count;
        shown += count >= 1000 ? 1 : 0;
    }
    std::cout << summary.str() << "\n";
    if (total < 20000 || shown < 2) {
        return summary.str() + ": the map is not shown";
    }
    double sum = 0.0, squares = 0.0;
    std::size_t n = 0;
    for (int y = min_y; y <= max_y; ++y) {
        for (int x = min_x; x <= max_x; ++x) {
            const auto p = image.at(x, y);
            const double luminance = 0.2126 * p.r + 0.7152 * p.g + 0.0722 * p.b;
            sum += luminance;
            squares += luminance * luminance;
            ++n;
        }
    }
    const double mean = sum / static_cast<double>(n);
    const double sd = std::sqrt(std::max(squares / static_cast<double>(n) - mean * mean, 0.0));
    std::cout << "map region " << min_x << "," << min_y << " - " << max_x << "," << max_y << ": luminance sd " << sd << "\n";
    if (sd < 15.0) {
        return "the map region is nearly uniform (luminance sd " + std::to_string(sd) + ")";
    }
    return {};
}

} // namespace

int main(int argc, char **argv) {
    if (argc != 3 && argc != 4) {
        std::cerr << "usage: pooled_report_browser_check CHROMIUM WORK_DIR [SCENARIO]\n";
        return 2;
    }
    const std::string chromium = argv[1];
    const fs::path dir = fs::absolute(argv[2]);
    try {
        fs::remove_all(dir);
        fs::create_directories(dir);
        bool ok = true;

        // 1. The check sees console errors at all.
        const fs::path broken = dir / "broken.html";
        std::ofstream(broken) << "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>broken</title>"
                                 "</head><body><script>no_such_function();</script></body></html>\n";
        if (load(chromium, dir, broken, dir / "broken.png").empty()) {
            std::cerr << "FAIL: a page with a script error logged nothing; the console check would see nothing either\n";
            ok = false;
        }

        // 2. The report loads without console messages.
        fs::path page = dir / "report.html";
        if (argc == 4) {
            pooled::scenario::run_scenario(pooled::scenario::load_scenario(argv[3]), (dir / "run").string());
            page = dir / "run" / "report.html";
            window_height = 4000;
        } else {
            pooled::report::write_report_html(pooled::test::derbyshire_report(), page.string());
        }
        const fs::path screenshot = dir / "report.png";
        for (const auto &line : load(chromium, dir, page, screenshot)) {
            std::cerr << "FAIL: console: " << line << "\n";
            ok = false;
        }

        // 3. The screenshot shows the choropleth; the broken page's screenshot must not pass.
        const std::string problem = map_problem(pooled::test::read_png(screenshot.string()));
        if (!problem.empty()) {
            std::cerr << "FAIL: " << problem << "\n";
            ok = false;
        }
        if (map_problem(pooled::test::read_png((dir / "broken.png").string())).empty()) {
            std::cerr << "FAIL: the map check passes a page without a map\n";
            ok = false;
        }
        std::cout << (ok ? "PASS" : "FAILED") << ": " << page.string() << "\n";
        return ok ? 0 : 1;
    } catch (const std::exception &e) {
        std::cerr << "FAIL: " << e.what() << "\n";
        return 1;
    }
}
