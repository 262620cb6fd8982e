#pragma once
// SHA-256 through OpenSSL's EVP interface: the digests a sweep records of its model and data
// files, in the hex form `sha256sum` prints, so a user can check them with standard tools.
#include <cstddef>
#include <filesystem>
#include <memory>
#include <span>
#include <string>
#include <string_view>

namespace bitcliff {

class Sha256
{
public:
    Sha256();
    ~Sha256();
    Sha256(const Sha256 &) = delete;
    Sha256 &operator=(const Sha256 &) = delete;

    void add(std::span<const std::byte> bytes);
    void add(std::string_view text);
    std::string hex(); // finishes the digest; call once

private:
    struct Context;
    std::unique_ptr<Context> m_context;
};

std::string sha256Hex(std::string_view bytes);
// Throws Error naming the file when it cannot be read.
std::string sha256OfFile(const std::filesystem::path &path);

} // namespace bitcliff
