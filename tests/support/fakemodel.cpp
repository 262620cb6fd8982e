#include "support/fakemodel.h"

#include "stats/tensorstats.h"
#include "stats/valuehistogram.h"

#include <algorithm>
#include <cmath>
#include <random>
#include <utility>
#include <vector>

namespace bitcliff::test {

namespace {

TensorInfo makeTensor(std::string name, std::vector<int64_t> shape, DType type = DType::BF16,
                      std::string label = "BF16")
{
    TensorInfo t;
    t.name = std::move(name);
    t.shape = std::move(shape);
    t.dtype = type;
    t.dtypeLabel = std::move(label);
    t.byteSize = static_cast<uint64_t>(t.elementCount()) * 2;
    return t;
}

TensorStats fakeStats(const TensorInfo &info, std::mt19937 &rng, double k)
{
    TensorStats s;
    s.name = info.name;
    s.count = info.elementCount();
    if (!info.supported()) {
        s.skippedReason = info.dtypeLabel + ": not readable yet"; // as the statistics engine says
        return s;
    }
    std::normal_distribution<double> gauss;
    std::uniform_real_distribution<double> uniform;
    const bool norm = info.role == TensorRole::Norm;
    const double sigma = norm ? 0.08 : 0.02 / std::sqrt(double(info.cols()) / 4096.0);
    // Heavy-tailed channel absmax: lognormal, plus a Pareto tail on 1% of the channels.
    auto channels = [&](int64_t n) {
        std::vector<float> v(static_cast<size_t>(n));
        for (float &x : v) {
            double a = sigma * (norm ? 12.0 : 4.0) * std::exp(0.18 * gauss(rng));
            if (uniform(rng) < 0.01)
                a *= 1.0 + 0.4 * std::pow(1.0 - uniform(rng), -1.0 / 3.0);
            x = static_cast<float>(a);
        }
        return v;
    };
    s.rows.absmax = channels(info.rows());
    s.cols.absmax = channels(info.cols());
    const double base = sigma * (norm ? 12.0 : 4.0);
    std::vector<std::pair<int64_t, double>> spikes; // channel, absmax
    const bool hiddenInput = info.cols() == kHidden && info.role != TensorRole::AttnO && info.role != TensorRole::Embed
        && info.role != TensorRole::LmHead;
    if (hiddenInput)
        for (size_t i = 0; i < kOutlierChannels.size(); ++i)
            spikes.emplace_back(kOutlierChannels[i], base * (16.0 + 4.0 * double(i)) * std::exp(0.1 * gauss(rng)));
    if (info.role == TensorRole::FfnDown && info.layer >= 1 && info.layer <= 6)
        spikes.emplace_back(kDownOutlier, base * 30.0);
    for (const auto &[c, a] : spikes)
        s.cols.absmax[static_cast<size_t>(c)] = static_cast<float>(a);
    flagOutliers(s.rows, {k});
    flagOutliers(s.cols, {k});

    // The histogram: a Student-t bulk (kurtosis 4.5) plus a few of the outlier channels'
    // wide values, one at the channel's absmax. 60k samples stand for millions of weights,
    // so the moments come from the bulk, with a heavy-tail term per outlier channel.
    std::student_t_distribution<double> studentT(8.0);
    const double tScale = sigma / std::sqrt(8.0 / 6.0);
    std::vector<double> bulk;
    for (int i = 0; i < 60000; ++i)
        bulk.push_back((norm ? 1.0 : 0.0) + tScale * studentT(rng));
    std::vector<double> tail;
    for (const auto &[c, a] : spikes) {
        tail.push_back(uniform(rng) < 0.5 ? -a : a);
        for (int i = 0; i < 4; ++i)
            tail.push_back(std::clamp(a / 6.0 * gauss(rng), -a, a));
    }
    auto counters = std::make_unique<HistogramCounters>();
    for (const auto *values : {&bulk, &tail})
        for (double x : *values)
            counters->add(static_cast<float>(x));
    s.histogram.add(*counters);
    double sum = 0.0;
    for (double x : bulk)
        sum += x;
    s.mean = sum / double(bulk.size());
    double m2 = 0.0;
    double m4 = 0.0;
    for (double x : bulk) {
        const double d = (x - s.mean) * (x - s.mean);
        m2 += d;
        m4 += d * d;
    }
    m2 /= double(bulk.size());
    m4 /= double(bulk.size());
    s.std = std::sqrt(m2);
    s.kurtosis = m4 / (m2 * m2) + 6.0 * double(spikes.size());
    s.absmax = 0.0;
    for (const auto *c : {&s.rows, &s.cols})
        for (float a : c->absmax)
            s.absmax = std::max(s.absmax, double(a));
    for (double x : bulk)
        s.absmax = std::max(s.absmax, std::abs(x));
    s.computed = true;
    return s;
}

} // namespace

int FakeModel::indexOf(const std::string &name) const
{
    const auto &t = model->tensors();
    for (size_t i = 0; i < t.size(); ++i)
        if (t[i].name == name)
            return int(i);
    return -1;
}

FakeModel makeFakeModel()
{
    std::vector<TensorInfo> tensors;
    tensors.push_back(makeTensor("model.embed_tokens.weight", {kVocab, kHidden}));
    for (int l = 0; l < kLayers; ++l) {
        const std::string p = "model.layers." + std::to_string(l) + ".";
        tensors.push_back(makeTensor(p + "input_layernorm.weight", {kHidden}));
        tensors.push_back(makeTensor(p + "self_attn.q_proj.weight", {kHidden, kHidden}));
        tensors.push_back(makeTensor(p + "self_attn.k_proj.weight", {kKv, kHidden}));
        tensors.push_back(makeTensor(p + "self_attn.v_proj.weight", {kKv, kHidden}));
        tensors.push_back(makeTensor(p + "self_attn.o_proj.weight", {kHidden, kHidden}));
        tensors.push_back(makeTensor(p + "post_attention_layernorm.weight", {kHidden}));
        tensors.push_back(makeTensor(p + "mlp.gate_proj.weight", {kFfn, kHidden}));
        tensors.push_back(makeTensor(p + "mlp.up_proj.weight", {kFfn, kHidden}));
        tensors.push_back(makeTensor(p + "mlp.down_proj.weight", {kHidden, kFfn}));
        if (l == 0)
            tensors.push_back(makeTensor(p + "self_attn.rotary_emb.inv_freq", {64}, DType::Unsupported, "I64"));
    }
    tensors.push_back(makeTensor("model.norm.weight", {kHidden}));
    tensors.push_back(makeTensor("lm_head.weight", {kVocab, kHidden}));
    ArchitectureSummary arch;
    arch.name = "LlamaForCausalLM";
    arch.layers = kLayers;
    FakeModel fake;
    fake.model = std::make_shared<const Model>(ModelFormat::Safetensors, "fake-llama", arch, std::move(tensors),
                                               std::vector<std::shared_ptr<const MappedFile>>{});
    auto stats = std::make_shared<ModelStats>();
    stats->model = fake.model;
    std::mt19937 rng(42);
    for (const TensorInfo &t : fake.model->tensors())
        stats->tensors.push_back(fakeStats(t, rng, stats->rule.k));
    fake.stats = stats;
    return fake;
}

OutlierMap outlierMap(const FakeModel &fake, TensorRole role)
{
    OutlierMap map;
    map.role = role;
    const auto &tensors = fake.model->tensors();
    for (size_t i = 0; i < tensors.size(); ++i) {
        if (tensors[i].role != role)
            continue;
        const auto &absmax = fake.stats->tensors[i].cols.absmax;
        map.channels = static_cast<int64_t>(absmax.size());
        map.values.insert(map.values.end(), absmax.begin(), absmax.end());
        map.layerIds.push_back(tensors[i].layer);
        ++map.layers;
    }
    return map;
}

} // namespace bitcliff::test
