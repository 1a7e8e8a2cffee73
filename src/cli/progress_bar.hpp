#pragma once
// The progress bar of long commands, drawn on stderr only when stderr is a terminal (never in
// pipes, files or CI logs) and not --quiet; and Ctrl-C, which makes the next progress report
// cancel the work (pooled::Cancelled, exit code 130) instead of killing the process mid-write.

#include <pooled/core/progress.hpp>

#include <CLI/CLI.hpp>

#include <string>

namespace pooled::cli {

class ProgressBar {
public:
    /// Installs the Ctrl-C handler; draws only if `quiet` is false and stderr is a terminal.
    explicit ProgressBar(bool quiet);
    /// Clears the bar's line and gives Ctrl-C back its usual meaning.
    ~ProgressBar();
    ProgressBar(const ProgressBar &) = delete;
    ProgressBar &operator=(const ProgressBar &) = delete;

    /// A Progress whose reports draw this bar and which cancels once Ctrl-C was pressed.
    /// The bar must outlive the work it is given to.
    Progress progress();
    /// Whether the bar draws at all.
    bool drawing() const noexcept { return m_draw; }

private:
    bool report(double fraction, std::string_view stage);
    void clear();

    bool m_draw = false;
    int m_last_permille = -1;
    std::string m_last_stage;
    bool m_shown = false;
    void (*m_previous_handler)(int) = nullptr;
};

/// Adds `--quiet` ("no progress bar") to a command.
void add_quiet_flag(CLI::App &app, bool &quiet);

} // namespace pooled::cli
