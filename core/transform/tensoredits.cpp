#include "transform/tensoredits.h"

#include "util/error.h"

namespace bitcliff {

TensorEdits::TensorEdits(std::shared_ptr<const Model> model, std::string label)
    : m_model(std::move(model))
    , m_label(std::move(label))
{
}

std::vector<float> &TensorEdits::values(const std::string &name)
{
    const auto found = m_values.find(name);
    if (found != m_values.end())
        return found->second;
    const TensorInfo *tensor = m_model->find(name);
    if (!tensor)
        throw Error(m_model->sourcePath() + ": no tensor '" + name + "'");
    return m_values.emplace(name, tensorValues(*m_model, *tensor)).first->second;
}

void TensorEdits::set(const std::string &name, std::vector<float> values)
{
    const TensorInfo *tensor = m_model->find(name);
    if (!tensor || tensor->elementCount() != int64_t(values.size()))
        throw Error(m_model->sourcePath() + ": cannot replace '" + name + "' with " + std::to_string(values.size())
                    + " values");
    m_values[name] = std::move(values);
}

void TensorEdits::add(const std::string &name, std::vector<int64_t> shape, std::vector<float> values)
{
    m_added.push_back({{name, std::move(values), "F32 · " + m_label}, std::move(shape)});
}

std::shared_ptr<const Model> TensorEdits::overlay()
{
    std::vector<ReplacedTensor> replaced;
    for (auto &[name, values] : m_values)
        replaced.push_back({name, std::move(values), "F32 · " + m_label});
    m_values.clear();
    return overlayModel(m_model, std::move(replaced), std::move(m_added), m_untie);
}

std::vector<float> tensorValues(const Model &model, const TensorInfo &tensor)
{
    std::vector<float> values(static_cast<size_t>(tensor.elementCount()));
    model.readRows(tensor, 0, tensor.rows(), values.data());
    return values;
}

} // namespace bitcliff
