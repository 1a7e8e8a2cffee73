#include "cli/progress_bar.hpp"

#include <atomic>
#include <csignal>
#include <cstdio>
#include <unistd.h>

namespace pooled::cli {

namespace {
std::atomic<bool> g_interrupted{false};

extern "C" void on_interrupt(int) {
    g_interrupted.store(true);
    // A second Ctrl-C ends the process at once, as if there were no handler.
    std::signal(SIGINT, SIG_DFL);
}

constexpr int bar_width = 30;
} // namespace

ProgressBar::ProgressBar(bool quiet) : m_draw(!quiet && ::isatty(STDERR_FILENO) == 1) {
    m_previous_handler = std::signal(SIGINT, on_interrupt);
}

ProgressBar::~ProgressBar() {
    clear();
    // Once no progress report will look at the flag, Ctrl-C must end the process again.
    std::signal(SIGINT, m_previous_handler == SIG_ERR ? SIG_DFL : m_previous_handler);
}

Progress ProgressBar::progress() {
    return Progress([this](double fraction, std::string_view stage) { return report(fraction, stage); });
}

bool ProgressBar::report(double fraction, std::string_view stage) {
    if (g_interrupted.load()) {
        clear();
        return false;
    }
    if (!m_draw) {
        return true;
    }
    if (!stage.empty()) {
        m_last_stage.assign(stage);
    }
    const int permille = static_cast<int>(fraction * 1000.0);
    if (permille == m_last_permille && stage.empty()) {
        return true;
    }
    m_last_permille = permille;
    const int filled = permille * bar_width / 1000;
    std::string line = "\r[";
    line.append(static_cast<std::size_t>(filled), '#');
    line.append(static_cast<std::size_t>(bar_width - filled), '.');
    char percent[16];
    std::snprintf(percent, sizeof percent, "] %3d%% ", permille / 10);
    line += percent;
    line += m_last_stage;
    line += "\033[K"; // erase what a longer stage name left
    std::fputs(line.c_str(), stderr);
    std::fflush(stderr);
    m_shown = true;
    return true;
}

void ProgressBar::clear() {
    if (m_shown) {
        std::fputs("\r\033[K", stderr);
        std::fflush(stderr);
        m_shown = false;
    }
}

void add_quiet_flag(CLI::App &app, bool &quiet) {
    app.add_flag("-q,--quiet", quiet, "No progress bar (it is drawn only when stderr is a terminal anyway)");
}

} // namespace pooled::cli
