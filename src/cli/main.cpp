// pooled: the command-line front door. Errors from the library arrive as pooled::Error with
// a source reference; they are printed once on stderr and mapped to exit codes here.

#include "cli/command.hpp"

#include <pooled/core/error.hpp>
#include <pooled/version.hpp>

#include <iostream>

namespace {

int print_help_for(CLI::App &app, const std::string &command) {
    for (CLI::App *sub : app.get_subcommands(nullptr)) {
        if (sub->get_name() == command) {
            std::cout << sub->help("pooled");
            return pooled::cli::exit_ok;
        }
    }
    std::cerr << "pooled: no command '" << command << "'; run 'pooled --help' for the list\n";
    return pooled::cli::exit_usage;
}

} // namespace

int main(int argc, char **argv) {
    using namespace pooled::cli;
    CLI::App app{"pooled: public-estate analysis (catchments, access, segments, co-location)", "pooled"};
    app.set_version_flag("--version", std::string("pooled ") + pooled::version());
    app.require_subcommand(1);
    app.fallthrough(false);

    auto commands = all_commands();
    for (auto &command : commands) {
        CLI::App *sub = app.add_subcommand(command->name(), command->summary());
        command->configure(*sub);
    }
    std::string help_topic;
    CLI::App *help = app.add_subcommand("help", "Show the help of a command: pooled help COMMAND");
    help->add_option("command", help_topic, "the command to explain");

    // CLI11 would only say "A subcommand is required" for a misspelt command.
    if (argc > 1 && argv[1][0] != '-') {
        const std::string first = argv[1];
        bool known = first == "help";
        std::string names = "help";
        for (auto &command : commands) {
            known = known || first == command->name();
            names += std::string(", ") + command->name();
        }
        if (!known) {
            std::cerr << "pooled: no command '" << first << "'; the commands are: " << names << "\n";
            return exit_usage;
        }
    }
    try {
        app.parse(argc, argv);
    } catch (const CLI::Success &e) {
        return app.exit(e);
    } catch (const CLI::ParseError &e) {
        app.exit(e);
        return exit_usage;
    }

    if (help->parsed()) {
        if (help_topic.empty()) {
            std::cout << app.help();
            return exit_ok;
        }
        return print_help_for(app, help_topic);
    }
    for (auto &command : commands) {
        if (!app.got_subcommand(command->name())) {
            continue;
        }
        try {
            return command->run();
        } catch (const pooled::Error &e) {
            std::cerr << "pooled " << command->name() << ": " << e.what() << "\n";
            if (e.code() == pooled::Errc::cancelled) {
                return exit_cancelled;
            }
            return exit_failure;
        } catch (const std::exception &e) {
            std::cerr << "pooled " << command->name() << ": internal error: " << e.what() << "\n";
            return exit_failure;
        }
    }
    return exit_usage;
}
