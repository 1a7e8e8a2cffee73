#include "cli/command.hpp"

namespace pooled::cli {

std::vector<std::unique_ptr<Command>> all_commands() {
    std::vector<std::unique_ptr<Command>> commands;
    commands.push_back(make_info_command());
    return commands;
}

} // namespace pooled::cli
