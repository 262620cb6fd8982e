#include "sweep/sha256.h"

#include "util/error.h"

#include <openssl/evp.h>

#include <array>
#include <cstdio>
#include <fstream>
#include <vector>

namespace bitcliff {

struct Sha256::Context
{
    EVP_MD_CTX *ctx = nullptr;
    ~Context() { EVP_MD_CTX_free(ctx); }
};

Sha256::Sha256()
    : m_context(std::make_unique<Context>())
{
    m_context->ctx = EVP_MD_CTX_new();
    if (!m_context->ctx || EVP_DigestInit_ex(m_context->ctx, EVP_sha256(), nullptr) != 1)
        throw Error("internal: SHA-256 is not available");
}

Sha256::~Sha256() = default;

void Sha256::add(std::span<const std::byte> bytes)
{
    if (!bytes.empty() && EVP_DigestUpdate(m_context->ctx, bytes.data(), bytes.size()) != 1)
        throw Error("internal: SHA-256 update failed");
}

void Sha256::add(std::string_view text)
{
    add(std::as_bytes(std::span(text.data(), text.size())));
}

std::string Sha256::hex()
{
    std::array<unsigned char, EVP_MAX_MD_SIZE> digest {};
    unsigned size = 0;
    if (EVP_DigestFinal_ex(m_context->ctx, digest.data(), &size) != 1)
        throw Error("internal: SHA-256 final failed");
    std::string text;
    char pair[3];
    for (unsigned i = 0; i < size; ++i) {
        std::snprintf(pair, sizeof pair, "%02x", digest[i]);
        text += pair;
    }
    return text;
}

std::string sha256Hex(std::string_view bytes)
{
    Sha256 hash;
    hash.add(bytes);
    return hash.hex();
}

std::string sha256OfFile(const std::filesystem::path &path)
{
    std::ifstream in(path, std::ios::binary);
    if (!in)
        throw Error(path.string() + ": cannot read");
    Sha256 hash;
    std::vector<char> buffer(1 << 20);
    while (in) {
        in.read(buffer.data(), std::streamsize(buffer.size()));
        hash.add(std::string_view(buffer.data(), size_t(in.gcount())));
    }
    if (in.bad())
        throw Error(path.string() + ": read error");
    return hash.hex();
}

} // namespace bitcliff
