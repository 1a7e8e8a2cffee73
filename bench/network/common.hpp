#pragma once
// Shared by the network benchmark programs: wall clock, resident memory, the binary edge
// list all tools read, and one JSON result line per measurement.
//
// Edge list file (little-endian): 8 bytes magic "PLDEDGE1"; uint64 nodes, edges, width,
// height; then uint32 u[edges], uint32 v[edges], float32 fwd[edges], float32 bwd[edges]
// (seconds u->v and v->u; +inf = closed). Node id = row * width + column.

#include <chrono>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <ctime>
#include <fstream>
#include <iostream>
#include <limits>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

namespace bench {

inline double now_s() {
    using clock = std::chrono::steady_clock;
    return std::chrono::duration<double>(clock::now().time_since_epoch()).count();
}

/// CPU time of the calling thread, s.
inline double thread_cpu_s() {
    timespec ts{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return static_cast<double>(ts.tv_sec) + 1e-9 * static_cast<double>(ts.tv_nsec);
}

/// CPU time of the whole process (every thread), s.
inline double process_cpu_s() {
    timespec ts{};
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    return static_cast<double>(ts.tv_sec) + 1e-9 * static_cast<double>(ts.tv_nsec);
}

/// A field of /proc/self/status in KiB ("VmRSS", "VmHWM"); -1 if absent.
inline long status_kib(const char *field) {
    std::ifstream in("/proc/self/status");
    std::string line;
    const std::string key = std::string(field) + ":";
    while (std::getline(in, line)) {
        if (line.rfind(key, 0) == 0) {
            return std::stol(line.substr(key.size()));
        }
    }
    return -1;
}

struct EdgeList {
    std::uint64_t nodes = 0, width = 0, height = 0;
    std::vector<std::uint32_t> u, v;
    std::vector<float> fwd, bwd;
    std::size_t size() const { return u.size(); }
};

inline void write_edges(const std::string &path, const EdgeList &list) {
    std::ofstream out(path, std::ios::binary);
    const std::uint64_t header[4] = {list.nodes, list.size(), list.width, list.height};
    out.write("PLDEDGE1", 8);
    out.write(reinterpret_cast<const char *>(header), sizeof header);
    const auto put = [&](const auto &vec) {
        out.write(reinterpret_cast<const char *>(vec.data()), static_cast<std::streamsize>(vec.size() * sizeof vec[0]));
    };
    put(list.u);
    put(list.v);
    put(list.fwd);
    put(list.bwd);
    if (!out) {
        throw std::runtime_error("cannot write " + path);
    }
}

inline EdgeList read_edges(const std::string &path) {
    std::ifstream in(path, std::ios::binary);
    char magic[8];
    std::uint64_t header[4];
    in.read(magic, 8);
    in.read(reinterpret_cast<char *>(header), sizeof header);
    if (!in || std::memcmp(magic, "PLDEDGE1", 8) != 0) {
        throw std::runtime_error("not an edge list: " + path);
    }
    EdgeList list;
    list.nodes = header[0];
    list.width = header[2];
    list.height = header[3];
    const std::size_t m = header[1];
    const auto get = [&](auto &vec) {
        vec.resize(m);
        in.read(reinterpret_cast<char *>(vec.data()), static_cast<std::streamsize>(m * sizeof vec[0]));
    };
    get(list.u);
    get(list.v);
    get(list.fwd);
    get(list.bwd);
    if (!in) {
        throw std::runtime_error("truncated edge list: " + path);
    }
    return list;
}

/// One result line: RESULT {"key": value, ...}, read by report.py.
class Result {
public:
    Result &num(const std::string &key, double value) {
        std::ostringstream s;
        s.precision(17);
        if (std::isfinite(value)) {
            s << value;
        } else {
            s << "null";
        }
        add(key, s.str());
        return *this;
    }
    Result &text(const std::string &key, const std::string &value) {
        add(key, "\"" + value + "\"");
        return *this;
    }
    void print() const { std::cout << "RESULT {" << m_body << "}" << std::endl; }

private:
    void add(const std::string &key, const std::string &value) {
        if (!m_body.empty()) {
            m_body += ", ";
        }
        m_body += "\"" + key + "\": " + value;
    }
    std::string m_body;
};

inline void write_doubles(const std::string &path, const std::vector<double> &values) {
    std::ofstream out(path, std::ios::binary);
    out.write(reinterpret_cast<const char *>(values.data()), static_cast<std::streamsize>(values.size() * sizeof(double)));
    if (!out) {
        throw std::runtime_error("cannot write " + path);
    }
}

} // namespace bench
