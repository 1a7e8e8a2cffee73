#include "cli/command.hpp"

namespace pooled::cli {

std::vector<std::unique_ptr<Command>> all_commands() {
    std::vector<std::unique_ptr<Command>> commands;
    commands.push_back(make_info_command());
    commands.push_back(make_network_command());
    commands.push_back(make_matrix_command());
    commands.push_back(make_catchments_command());
    commands.push_back(make_access_command());
    commands.push_back(make_segment_command());
    commands.push_back(make_profile_command());
    commands.push_back(make_locate_command());
    commands.push_back(make_colocate_command());
    commands.push_back(make_indicators_command());
    commands.push_back(make_consolidate_command());
    commands.push_back(make_run_command());
    return commands;
}

} // namespace pooled::cli
