#pragma once
// Float32 edits of a model's tensors — rotated, smoothed or scaled weights — collected and
// then turned into one overlay model (plan/overlaymodel.h). A tensor is read whole from the
// model on its first use and edited in place after that.
#include "formats/model.h"
#include "plan/overlaymodel.h"

#include <map>
#include <memory>
#include <string>
#include <vector>

namespace bitcliff {

class TensorEdits
{
public:
    // `label` is shown as the edited tensors' type ("F32 · rotated").
    TensorEdits(std::shared_ptr<const Model> model, std::string label);

    const Model &model() const { return *m_model; }
    // Throws Error when the model has no such tensor.
    std::vector<float> &values(const std::string &name);
    // Replaces a tensor's values whole (not read from the model). Throws Error when the model
    // has no such tensor or the count differs.
    void set(const std::string &name, std::vector<float> values);
    // A tensor the model lacks (the untied output head).
    void add(const std::string &name, std::vector<int64_t> shape, std::vector<float> values);
    // The overlay's output head no longer shares the embedding.
    void untie() { m_untie = true; }
    // The model with every edit; the edits are consumed.
    std::shared_ptr<const Model> overlay();

private:
    std::shared_ptr<const Model> m_model;
    std::string m_label;
    std::map<std::string, std::vector<float>> m_values;
    std::vector<AddedTensor> m_added;
    bool m_untie = false;
};

// All of `tensor`'s values, dequantized, in its row order.
std::vector<float> tensorValues(const Model &model, const TensorInfo &tensor);

} // namespace bitcliff
