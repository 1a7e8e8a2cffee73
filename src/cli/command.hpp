#pragma once
// One class per CLI command (osmium-tool's layout): configure() declares the options on a
// CLI11 subcommand without touching any file; run() does the work and returns the exit code.

#include <CLI/CLI.hpp>

#include <memory>
#include <string>
#include <vector>

namespace pooled::cli {

/// Exit codes of the pooled tool.
enum ExitCode : int { exit_ok = 0, exit_failure = 1, exit_usage = 2, exit_cancelled = 130 };

class Command {
public:
    virtual ~Command() = default;
    virtual const char *name() const = 0;
    virtual const char *summary() const = 0;
    virtual void configure(CLI::App &app) = 0;
    virtual int run() = 0;
};

std::unique_ptr<Command> make_info_command();
std::unique_ptr<Command> make_network_command();
std::unique_ptr<Command> make_matrix_command();
std::unique_ptr<Command> make_catchments_command();
std::unique_ptr<Command> make_access_command();
std::unique_ptr<Command> make_segment_command();
std::unique_ptr<Command> make_profile_command();
std::unique_ptr<Command> make_locate_command();
std::unique_ptr<Command> make_colocate_command();
std::unique_ptr<Command> make_indicators_command();
std::unique_ptr<Command> make_consolidate_command();
std::unique_ptr<Command> make_run_command();

/// Every command, in the order `pooled help` lists them.
std::vector<std::unique_ptr<Command>> all_commands();

} // namespace pooled::cli
