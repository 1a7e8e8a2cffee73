#include "scenario/file_checksum.hpp"

#include <pooled/core/error.hpp>

#include <openssl/evp.h>

#include <array>
#include <fstream>
#include <memory>

namespace pooled::scenario::detail {

namespace {
using DigestContext = std::unique_ptr<EVP_MD_CTX, decltype(&EVP_MD_CTX_free)>;

DigestContext start_sha256() {
    DigestContext context(EVP_MD_CTX_new(), &EVP_MD_CTX_free);
    if (!context || EVP_DigestInit_ex(context.get(), EVP_sha256(), nullptr) != 1) {
        throw Error(Errc::internal, "cannot start a SHA-256 digest (OpenSSL)");
    }
    return context;
}

std::string finish_hex(EVP_MD_CTX *context) {
    std::array<unsigned char, EVP_MAX_MD_SIZE> digest{};
    unsigned int length = 0;
    if (EVP_DigestFinal_ex(context, digest.data(), &length) != 1) {
        throw Error(Errc::internal, "cannot finish a SHA-256 digest (OpenSSL)");
    }
    static const char hex[] = "0123456789abcdef";
    std::string out;
    for (unsigned int i = 0; i < length; ++i) {
        out += hex[digest[i] >> 4];
        out += hex[digest[i] & 0x0f];
    }
    return out;
}
} // namespace

std::string sha256_hex(const void *data, std::size_t size) {
    const DigestContext context = start_sha256();
    EVP_DigestUpdate(context.get(), data, size);
    return finish_hex(context.get());
}

FileChecksum file_checksum(const std::string &path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        throw Error(Errc::io, "cannot read the file to checksum it", SourceRef{path, {}, std::nullopt, {}});
    }
    const DigestContext context = start_sha256();
    FileChecksum result;
    std::array<char, 1 << 16> buffer{};
    while (in) {
        in.read(buffer.data(), static_cast<std::streamsize>(buffer.size()));
        const auto got = static_cast<std::size_t>(in.gcount());
        result.size += got;
        EVP_DigestUpdate(context.get(), buffer.data(), got);
    }
    if (in.bad()) {
        throw Error(Errc::io, "cannot read the file to checksum it", SourceRef{path, {}, std::nullopt, {}});
    }
    result.sha256 = finish_hex(context.get());
    return result;
}

} // namespace pooled::scenario::detail
