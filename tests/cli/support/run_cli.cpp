#include "cli/support/run_cli.hpp"

#include "support/testdata_path.hpp"

#include <algorithm>
#include <array>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <iterator>
#include <stdexcept>
#include <system_error>

#include <fcntl.h>
#include <poll.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

extern char **environ;

namespace pooled::test {

namespace {

[[noreturn]] void fail_errno(const std::string &what, int error) {
    throw std::system_error(error, std::generic_category(), what);
}

/// A file descriptor closed on scope exit.
class Fd {
public:
    Fd() = default;
    ~Fd() { reset(); }
    Fd(const Fd &) = delete;
    Fd &operator=(const Fd &) = delete;
    int get() const noexcept { return m_fd; }
    void reset(int fd = -1) noexcept {
        if (m_fd >= 0) {
            ::close(m_fd);
        }
        m_fd = fd;
    }

private:
    int m_fd = -1;
};

struct Pipe {
    Fd read;
    Fd write;
};

/// Both ends are O_CLOEXEC: the child keeps only what posix_spawn dup2()s onto 1 and 2.
void open_pipe(Pipe &p) {
    int fds[2];
    if (::pipe2(fds, O_CLOEXEC) != 0) {
        fail_errno("pipe2", errno);
    }
    p.read.reset(fds[0]);
    p.write.reset(fds[1]);
}

/// posix_spawn_file_actions_t with RAII.
class FileActions {
public:
    FileActions() {
        if (const int rc = ::posix_spawn_file_actions_init(&m_actions); rc != 0) {
            fail_errno("posix_spawn_file_actions_init", rc);
        }
    }
    ~FileActions() { ::posix_spawn_file_actions_destroy(&m_actions); }
    FileActions(const FileActions &) = delete;
    FileActions &operator=(const FileActions &) = delete;
    posix_spawn_file_actions_t *get() noexcept { return &m_actions; }
    void check(int rc, const char *what) {
        if (rc != 0) {
            fail_errno(what, rc);
        }
    }

private:
    posix_spawn_file_actions_t m_actions;
};

} // namespace

CliResult run_cli(const std::vector<std::string> &args, const std::string &cwd) {
    if (args.empty()) {
        throw std::invalid_argument("run_cli: no program given");
    }
    Pipe out_pipe;
    Pipe err_pipe;
    open_pipe(out_pipe);
    open_pipe(err_pipe);
    FileActions actions;
    actions.check(::posix_spawn_file_actions_addopen(actions.get(), 0, "/dev/null", O_RDONLY, 0),
                  "posix_spawn_file_actions_addopen");
    // dup2 onto 1 and 2 clears FD_CLOEXEC there; the O_CLOEXEC originals close at exec.
    actions.check(::posix_spawn_file_actions_adddup2(actions.get(), out_pipe.write.get(), 1),
                  "posix_spawn_file_actions_adddup2");
    actions.check(::posix_spawn_file_actions_adddup2(actions.get(), err_pipe.write.get(), 2),
                  "posix_spawn_file_actions_adddup2");
    actions.check(::posix_spawn_file_actions_addchdir_np(actions.get(), cwd.c_str()),
                  "posix_spawn_file_actions_addchdir_np");

    std::vector<char *> argv;
    argv.reserve(args.size() + 1);
    for (const auto &arg : args) {
        argv.push_back(const_cast<char *>(arg.c_str()));
    }
    argv.push_back(nullptr);

    pid_t pid = 0;
    if (const int rc = ::posix_spawn(&pid, args[0].c_str(), actions.get(), nullptr, argv.data(), environ); rc != 0) {
        fail_errno("posix_spawn " + args[0] + " (cwd " + cwd + ")", rc);
    }
    // Only the child writes now: without this the reads below would never see end-of-file.
    out_pipe.write.reset();
    err_pipe.write.reset();

    CliResult result;
    // Drain both pipes together, so a child filling one pipe's buffer cannot block forever.
    std::array<pollfd, 2> polls{pollfd{out_pipe.read.get(), POLLIN, 0}, pollfd{err_pipe.read.get(), POLLIN, 0}};
    std::array<std::string *, 2> sinks{&result.out, &result.err};
    int open_count = 2;
    char buffer[65536];
    while (open_count > 0) {
        if (::poll(polls.data(), polls.size(), -1) < 0) {
            if (errno == EINTR) {
                continue;
            }
            fail_errno("poll", errno);
        }
        for (std::size_t i = 0; i < polls.size(); ++i) {
            if (polls[i].fd < 0 || polls[i].revents == 0) {
                continue;
            }
            const ssize_t n = ::read(polls[i].fd, buffer, sizeof buffer);
            if (n > 0) {
                sinks[i]->append(buffer, static_cast<std::size_t>(n));
            } else if (n == 0 || (errno != EINTR && errno != EAGAIN)) {
                polls[i].fd = -1; // end of file (or a read error): stop watching it
                --open_count;
            }
        }
    }
    int status = 0;
    while (::waitpid(pid, &status, 0) < 0) {
        if (errno != EINTR) {
            fail_errno("waitpid", errno);
        }
    }
    if (WIFEXITED(status)) {
        result.exit_code = WEXITSTATUS(status);
    } else if (WIFSIGNALED(status)) {
        result.exit_code = 128 + WTERMSIG(status);
    }
    return result;
}

CliResult run_pooled(const std::vector<std::string> &args, const std::string &cwd) {
    std::vector<std::string> all{pooled_cli};
    all.insert(all.end(), args.begin(), args.end());
    return run_cli(all, cwd);
}

TempDir::TempDir() {
    const char *base = std::getenv("TMPDIR");
    std::string pattern = std::string(base && *base ? base : "/tmp") + "/pooled-cli-test-XXXXXX";
    if (::mkdtemp(pattern.data()) == nullptr) {
        fail_errno("mkdtemp " + pattern, errno);
    }
    m_path = pattern;
}

TempDir::~TempDir() {
    std::error_code ignored;
    std::filesystem::remove_all(m_path, ignored);
}

std::vector<std::string> TempDir::entries() const {
    std::vector<std::string> names;
    for (const auto &entry : std::filesystem::recursive_directory_iterator(m_path)) {
        names.push_back(std::filesystem::relative(entry.path(), m_path).string());
    }
    std::sort(names.begin(), names.end());
    return names;
}

FileFingerprint fingerprint(const std::filesystem::path &file) {
    FileFingerprint print;
    print.size = std::filesystem::file_size(file);
    print.mtime = std::filesystem::last_write_time(file);
    std::uint64_t hash = 14695981039346656037ULL; // FNV-1a 64
    for (const unsigned char byte : read_file(file)) {
        hash ^= byte;
        hash *= 1099511628211ULL;
    }
    print.hash = hash;
    return print;
}

std::vector<std::string> directory_listing(const std::filesystem::path &dir) {
    std::vector<std::string> names;
    for (const auto &entry : std::filesystem::directory_iterator(dir)) {
        std::string line = entry.path().filename().string();
        if (entry.is_regular_file()) {
            line += " " + std::to_string(entry.file_size());
        } else {
            line += "/";
        }
        names.push_back(line);
    }
    std::sort(names.begin(), names.end());
    return names;
}

std::size_t line_count(const std::string &text) {
    const auto newlines = static_cast<std::size_t>(std::count(text.begin(), text.end(), '\n'));
    return newlines + (!text.empty() && text.back() != '\n' ? 1 : 0);
}

std::string read_file(const std::filesystem::path &file) {
    std::ifstream in(file, std::ios::binary);
    if (!in) {
        throw std::runtime_error("cannot read " + file.string());
    }
    return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

} // namespace pooled::test
