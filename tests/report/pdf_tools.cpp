#include "report/pdf_tools.hpp"

#include "support/catch.hpp"

#include <cstdio>
#include <fstream>
#include <sstream>

namespace pooled::test {

#if defined(POOLED_PDFINFO) && defined(POOLED_PDFTOTEXT)
namespace {
// The output of a poppler-utils command.
std::string run_tool(const std::string &command) {
    FILE *pipe = popen((command + " 2>&1").c_str(), "r");
    REQUIRE(pipe != nullptr);
    std::string output;
    char buffer[512];
    while (std::fgets(buffer, sizeof buffer, pipe) != nullptr) {
        output += buffer;
    }
    pclose(pipe);
    return output;
}
} // namespace

int pdf_pages(const std::string &path) {
    const std::string output = run_tool(std::string(POOLED_PDFINFO) + " '" + path + "'");
    INFO(output);
    const auto at = output.find("Pages:");
    REQUIRE(at != std::string::npos);
    return std::stoi(output.substr(at + 6));
}

std::string pdf_page_text(const std::string &path, int page) {
    const std::string p = std::to_string(page);
    return run_tool(std::string(POOLED_PDFTOTEXT) + " -layout -f " + p + " -l " + p + " '" + path + "' -");
}
#endif

std::string file_bytes(const std::string &path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream bytes;
    bytes << in.rdbuf();
    return bytes.str();
}

} // namespace pooled::test
