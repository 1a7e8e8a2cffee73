// Replays saved inputs through a fuzz target without libFuzzer, so the ordinary build (GCC,
// or the sanitizer build) runs every seed and every regression input as a test.
// Usage: fuzz_replay_<target> FILE|DIR...   (directories: every file in them, sorted by name)

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <vector>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size);

namespace {
namespace fs = std::filesystem;

void replay(const fs::path &file) {
    std::ifstream in(file, std::ios::binary);
    const std::vector<char> bytes{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
    std::printf("%s (%zu bytes)\n", file.string().c_str(), bytes.size());
    std::fflush(stdout); // so a crash report follows the name of the input that caused it
    LLVMFuzzerTestOneInput(reinterpret_cast<const std::uint8_t *>(bytes.data()), bytes.size());
}
} // namespace

int main(int argc, char **argv) {
    std::size_t count = 0;
    for (int i = 1; i < argc; ++i) {
        const fs::path path(argv[i]);
        if (!fs::is_directory(path)) {
            replay(path);
            ++count;
            continue;
        }
        std::vector<fs::path> files;
        for (const auto &entry : fs::directory_iterator(path)) {
            if (entry.is_regular_file()) {
                files.push_back(entry.path());
            }
        }
        std::sort(files.begin(), files.end());
        for (const auto &file : files) {
            replay(file);
            ++count;
        }
    }
    std::printf("%zu inputs replayed without a finding\n", count);
    return count > 0 ? 0 : 1;
}
