#include "plan/overlaymodel.h"

#include "util/error.h"

#include <cstring>
#include <map>

namespace bitcliff {

std::shared_ptr<const Model> overlayModel(const std::shared_ptr<const Model> &base,
                                          std::vector<ReplacedTensor> replaced)
{
    return overlayModel(base, std::move(replaced), {}, false);
}

std::shared_ptr<const Model> overlayModel(const std::shared_ptr<const Model> &base,
                                          std::vector<ReplacedTensor> replaced, std::vector<AddedTensor> added,
                                          bool untie)
{
    if (!base)
        throw Error("internal: an overlay without a base model");
    std::map<std::string, ReplacedTensor *> byName;
    uint64_t bytes = 0;
    for (ReplacedTensor &r : replaced) {
        const TensorInfo *tensor = base->find(r.name);
        if (!tensor)
            throw Error(base->sourcePath() + ": no tensor '" + r.name + "' to replace");
        if (int64_t(r.values.size()) != tensor->elementCount())
            throw Error("internal: " + std::to_string(r.values.size()) + " values replace " + r.name + " of "
                        + std::to_string(tensor->elementCount()));
        if (!byName.emplace(r.name, &r).second)
            throw Error("internal: " + r.name + " replaced twice");
        bytes += r.values.size() * sizeof(float);
    }
    for (const AddedTensor &a : added) {
        int64_t count = 1;
        for (const int64_t d : a.shape)
            count *= d;
        if (base->find(a.tensor.name) || a.shape.empty() || int64_t(a.tensor.values.size()) != count)
            throw Error("internal: cannot add " + a.tensor.name + " to " + base->sourcePath());
        bytes += a.tensor.values.size() * sizeof(float);
    }

    std::vector<std::byte> buffer(bytes);
    std::vector<TensorInfo> tensors = base->tensors();
    std::vector<std::shared_ptr<const MappedFile>> files = base->files();
    const int fileIndex = int(files.size());
    uint64_t offset = 0;
    for (TensorInfo &tensor : tensors) {
        const auto found = byName.find(tensor.name);
        if (found == byName.end())
            continue;
        std::vector<float> &values = found->second->values;
        const uint64_t size = values.size() * sizeof(float);
        std::memcpy(buffer.data() + offset, values.data(), size);
        std::vector<float>().swap(values); // one copy at a time
        tensor.dtype = DType::F32;
        tensor.dtypeLabel = found->second->dtypeLabel.empty() ? "F32" : found->second->dtypeLabel;
        tensor.fileIndex = fileIndex;
        tensor.offset = offset;
        tensor.byteSize = size;
        offset += size;
    }
    for (AddedTensor &a : added) {
        TensorInfo tensor;
        tensor.name = a.tensor.name;
        tensor.shape = a.shape;
        tensor.dtype = DType::F32;
        tensor.dtypeLabel = a.tensor.dtypeLabel.empty() ? "F32" : a.tensor.dtypeLabel;
        const TensorPlace place = classifyTensorName(tensor.name);
        tensor.layer = place.layer;
        tensor.role = place.role;
        tensor.fileIndex = fileIndex;
        tensor.offset = offset;
        tensor.byteSize = a.tensor.values.size() * sizeof(float);
        std::memcpy(buffer.data() + offset, a.tensor.values.data(), tensor.byteSize);
        std::vector<float>().swap(a.tensor.values);
        offset += tensor.byteSize;
        tensors.push_back(std::move(tensor));
    }
    ArchitectureSummary architecture = base->architecture();
    if (untie)
        architecture.tieWordEmbeddings = false;
    files.push_back(MappedFile::fromBuffer(std::move(buffer), base->sourcePath() + " (in memory)"));
    return std::make_shared<const Model>(base->format(), base->sourcePath(), architecture, std::move(tensors),
                                         std::move(files), base->metadata());
}

} // namespace bitcliff
