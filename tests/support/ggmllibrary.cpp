#include "support/ggmllibrary.h"

#include <dlfcn.h>

namespace bitcliff::test {

GgmlLibrary::GgmlLibrary(const std::filesystem::path &llamaCppTests, const std::string &file)
    : m_path(llamaCppTests / "node_modules/@node-llama-cpp/linux-x64/bins/linux-x64" / file)
{
    if (!std::filesystem::exists(m_path)) {
        m_error = m_path.string() + " is missing: run `npm ci --omit=optional` in " + llamaCppTests.string();
        return;
    }
    m_handle = dlopen(m_path.c_str(), RTLD_NOW | RTLD_LOCAL);
    if (m_handle == nullptr)
        m_error = std::string("dlopen: ") + dlerror();
}

GgmlLibrary::~GgmlLibrary()
{
    if (m_handle != nullptr)
        dlclose(m_handle);
}

void *GgmlLibrary::symbol(const std::string &name)
{
    if (m_handle == nullptr)
        return nullptr;
    void *address = dlsym(m_handle, name.c_str());
    if (address == nullptr)
        m_error = m_path.filename().string() + " has no symbol " + name;
    return address;
}

} // namespace bitcliff::test
