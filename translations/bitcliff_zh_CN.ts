<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>CliffSeries</name>
    <message>
        <source>interval: ± 1 standard error</source>
        <translation>区间：± 1 个标准误差</translation>
    </message>
    <message>
        <source>interval: 95 % bootstrap over %1 chunks</source>
        <translation>区间：基于 %1 个分块的 95 % bootstrap</translation>
    </message>
    <message>
        <source>interval: 95 % Wilson</source>
        <translation>区间：95 % Wilson</translation>
    </message>
    <message>
        <source>interval: 95 % Wilson, %1 items</source>
        <translation>区间：95 % Wilson，%1 个条目</translation>
    </message>
    <message>
        <source>ln(PPL ratio)</source>
        <translation>ln(PPL 比值)</translation>
    </message>
    <message>
        <source>PPL</source>
        <translation>PPL</translation>
    </message>
    <message>
        <source>KLD</source>
        <translation>KLD</translation>
    </message>
    <message>
        <source>same top token</source>
        <translation>首位 token 一致率</translation>
    </message>
    <message>
        <source>accuracy</source>
        <translation>准确率</translation>
    </message>
    <message>
        <source>by difficulty</source>
        <translation>按难度</translation>
    </message>
    <message>
        <source>by language</source>
        <translation>按语言</translation>
    </message>
    <message>
        <source>by task file</source>
        <translation>按评测任务文件</translation>
    </message>
    <message>
        <source>overall</source>
        <translation>总体</translation>
    </message>
    <message>
        <source>%1 nominal bits, %2 bits per weight stored</source>
        <translation>名义 %1 比特，存储 %2 比特/权重</translation>
    </message>
    <message>
        <source>ln(PPL quantized / PPL unquantized)</source>
        <translation>ln(量化 PPL / 未量化 PPL)</translation>
    </message>
    <message>
        <source>perplexity</source>
        <translation>困惑度</translation>
    </message>
    <message>
        <source>mean KLD to the unquantized model (nats)</source>
        <translation>与未量化模型的平均 KLD（nats）</translation>
    </message>
    <message>
        <source>same top token as unquantized (%)</source>
        <translation>与未量化相同的首位 token（%）</translation>
    </message>
    <message>
        <source>task accuracy (%)</source>
        <translation>评测任务准确率（%）</translation>
    </message>
    <message>
        <source>bits per weight as stored (scales included)</source>
        <translation>存储时的每权重比特数（含缩放因子）</translation>
    </message>
    <message>
        <source>nominal bits per weight</source>
        <translation>名义每权重比特数</translation>
    </message>
    <message>
        <source>The accuracy cliff: %1</source>
        <translation>精度悬崖：%1</translation>
    </message>
    <message>
        <source>The accuracy cliff: %1, %2</source>
        <translation>精度悬崖：%1，%2</translation>
    </message>
    <message>
        <source>Per language: perplexity change, KLD and accuracy change at each scheme</source>
        <translation>各语言：每种方案下的困惑度变化、KLD 和准确率变化</translation>
    </message>
    <message>
        <source>GGUF K-quants</source>
        <translation>GGUF K-quant 系列</translation>
    </message>
    <message>
        <source>GGUF legacy</source>
        <translation>GGUF 旧版</translation>
    </message>
    <message>
        <source>unquantized</source>
        <translation>未量化</translation>
    </message>
    <message>
        <source>by language and difficulty</source>
        <translation>按语言和难度</translation>
    </message>
    <message>
        <source>answer loss</source>
        <translation>答案损失</translation>
    </message>
    <message>
        <source>answer loss (nats/char)</source>
        <translation>答案损失（nat/字符）</translation>
    </message>
</context>
<context>
    <name>ColorLegend</name>
    <message>
        <source>missing</source>
        <translation>缺失</translation>
    </message>
    <message>
        <source>%1 (log)</source>
        <translation>%1（对数）</translation>
    </message>
    <message>
        <source>%1 — flat: every cell %2</source>
        <translation>%1 — 无变化：每个单元格 %2</translation>
    </message>
</context>
<context>
    <name>HeatmapData</name>
    <message>
        <source>%1: per-input-channel absmax across layers</source>
        <translation>%1：各层逐输入通道的 absmax</translation>
    </message>
    <message>
        <source>layer</source>
        <translation>层</translation>
    </message>
    <message>
        <source>input channel</source>
        <translation>输入通道</translation>
    </message>
    <message>
        <source>absmax |w|</source>
        <translation>absmax |w|</translation>
    </message>
    <message>
        <source>not readable yet</source>
        <translation>暂不可读</translation>
    </message>
</context>
<context>
    <name>PlanSummaryText</name>
    <message>
        <source>nothing quantized</source>
        <translation>没有量化任何内容</translation>
    </message>
    <message>
        <source>%1 bits/weight over the quantized tensors (%2 % of parameters), %3 over the model</source>
        <translation>量化张量 %1 比特/权重（占参数的 %2 %），整个模型 %3</translation>
    </message>
    <message numerus="yes">
        <source>tensors as asked: %n</source>
        <translation>
            <numerusform>按要求量化的张量：%n</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>fell back to %1: %n (%2)</source>
        <translation>
            <numerusform>回退到 %1：%n（%2）</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>kept: %n (%1)</source>
        <translation>
            <numerusform>保持不变：%n（%1）</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>QObject</name>
    <message>
        <source>%1 vs %2 (red: %1 has more error)</source>
        <translation>%1 对比 %2（红色：%1 误差更大）</translation>
    </message>
</context>
<context>
    <name>QuantHeatmaps</name>
    <message>
        <source>output channel</source>
        <translation>输出通道</translation>
    </message>
    <message>
        <source>input channel</source>
        <translation>输入通道</translation>
    </message>
    <message>
        <source>group of %1 input channels</source>
        <translation>每组 %1 个输入通道</translation>
    </message>
    <message>
        <source>%1 — %2</source>
        <translation>%1 — %2</translation>
    </message>
    <message>
        <source>MSE</source>
        <translation>MSE</translation>
    </message>
    <message>
        <source>%1 — %2 vs %3 (red: %2 has more error)</source>
        <translation>%1 — %2 对比 %3（红色：%2 误差更大）</translation>
    </message>
    <message>
        <source>log10(MSE %1 / MSE %2)</source>
        <translation>log10(MSE %1 / MSE %2)</translation>
    </message>
    <message>
        <source>SQNR by layer and role — %1</source>
        <translation>按层和角色的 SQNR — %1</translation>
    </message>
    <message>
        <source>layer</source>
        <translation>层</translation>
    </message>
    <message>
        <source>role</source>
        <translation>角色</translation>
    </message>
    <message>
        <source>SQNR (dB)</source>
        <translation>SQNR（dB）</translation>
    </message>
    <message>
        <source>not quantized</source>
        <translation>未量化</translation>
    </message>
    <message>
        <source>not quantized, or exact (∞ dB)</source>
        <translation>未量化或无误差（∞ dB）</translation>
    </message>
    <message>
        <source>%1: kept as stored (%2)</source>
        <translation>%1：保持存储格式（%2）</translation>
    </message>
    <message>
        <source>%1: fell back to %2 (%3), %4 bits/weight</source>
        <translation>%1：回退到 %2（%3），%4 比特/权重</translation>
    </message>
    <message>
        <source>%1: %2 bits/weight</source>
        <translation>%1：%2 比特/权重</translation>
    </message>
    <message>
        <source> (%1 of %2 matrices fell back; the tooltip says to what)</source>
        <translation>（%2 个矩阵中有 %1 个回退；提示中说明回退到何处）</translation>
    </message>
</context>
<context>
    <name>TrainChecks</name>
    <message>
        <source>Open a model first: training starts from the open model.</source>
        <translation>请先打开一个模型：训练从当前打开的模型开始。</translation>
    </message>
    <message>
        <source>GGUF models cannot be trained: open the model&apos;s Hugging Face checkpoint (config.json and safetensors) instead.</source>
        <translation>GGUF 模型无法训练：请改为打开该模型的 Hugging Face 检查点（config.json 和 safetensors）。</translation>
    </message>
    <message>
        <source>This model cannot be trained: %1</source>
        <translation>此模型无法训练：%1</translation>
    </message>
    <message>
        <source>Training needs %1: weights %2, gradients %3, AdamW moments %4, QAT working copy %5, activations %6.</source>
        <translation>训练需要 %1：权重 %2，梯度 %3，AdamW 动量 %4，QAT 工作副本 %5，激活 %6。</translation>
    </message>
    <message>
        <source>Training needs %1: weights %2, gradients %3, AdamW moments %4, activations %5.</source>
        <translation>训练需要 %1：权重 %2，梯度 %3，AdamW 动量 %4，激活 %5。</translation>
    </message>
    <message>
        <source>%1 available.</source>
        <translation>可用：%1。</translation>
    </message>
    <message>
        <source>Choose the training data: a .txt or .jsonl file, or a folder of them.</source>
        <translation>请选择训练数据：一个 .txt 或 .jsonl 文件，或包含此类文件的文件夹。</translation>
    </message>
    <message>
        <source>%1: no such file or folder.</source>
        <translation>%1：没有该文件或文件夹。</translation>
    </message>
    <message>
        <source>%1: the folder holds no .txt or .jsonl file.</source>
        <translation>%1：该文件夹中没有 .txt 或 .jsonl 文件。</translation>
    </message>
    <message>
        <source>%1: the file is empty: there is nothing to train on.</source>
        <translation>%1：文件为空，没有可训练的内容。</translation>
    </message>
    <message>
        <source>Choose an output folder for the checkpoint.</source>
        <translation>请为检查点选择一个输出文件夹。</translation>
    </message>
    <message>
        <source>%1 is the model&apos;s own folder or holds it: choose another output folder (training never replaces the model it starts from).</source>
        <translation>%1 是模型自身的文件夹或包含该文件夹：请选择其他输出文件夹（训练绝不会替换作为起点的模型）。</translation>
    </message>
    <message>
        <source>%1 is a file: choose a folder for the checkpoint.</source>
        <translation>%1 是一个文件：请为检查点选择一个文件夹。</translation>
    </message>
    <message>
        <source>%1 holds other files: choose an empty or new folder (a checkpoint replaces the folder&apos;s contents).</source>
        <translation>%1 中有其他文件：请选择一个空文件夹或新文件夹（检查点会替换文件夹中的内容）。</translation>
    </message>
    <message>
        <source>Check the settings: %1</source>
        <translation>请检查设置：%1</translation>
    </message>
    <message>
        <source>The QAT scheme does not fit this model: %1</source>
        <translation>QAT 方案不适用于此模型：%1</translation>
    </message>
    <message>
        <source>Not enough memory. %1 Use a smaller batch or context.</source>
        <translation>内存不足。%1 请使用更小的批量或上下文。</translation>
    </message>
</context>
<context>
    <name>ViewFormat</name>
    <message>
        <source>scalar</source>
        <translation>标量</translation>
    </message>
    <message>
        <source>k</source>
        <comment>thousand</comment>
        <translation>k</translation>
    </message>
    <message>
        <source>M</source>
        <comment>million</comment>
        <translation>M</translation>
    </message>
    <message>
        <source>B</source>
        <comment>billion</comment>
        <translation>B</translation>
    </message>
    <message>
        <source>T</source>
        <comment>trillion</comment>
        <translation>T</translation>
    </message>
    <message>
        <source>%1 %2</source>
        <comment>number unit</comment>
        <translation>%1 %2</translation>
    </message>
    <message>
        <source>%1: not readable yet</source>
        <comment>tensor type BitCliff cannot decode</comment>
        <translation>%1：暂不可读</translation>
    </message>
    <message>
        <source>%1: %2 not readable yet</source>
        <comment>tensor name, tensor type BitCliff cannot decode</comment>
        <translation>%1：%2 暂不可读</translation>
    </message>
</context>
<context>
    <name>bitcliff::ChannelChartView</name>
    <message>
        <source>No tensor selected</source>
        <translation>未选择张量</translation>
    </message>
    <message>
        <source>input channel</source>
        <translation>输入通道</translation>
    </message>
    <message>
        <source>output channel</source>
        <translation>输出通道</translation>
    </message>
    <message>
        <source>input channels, ranked by absmax</source>
        <translation>输入通道（按 absmax 排序）</translation>
    </message>
    <message>
        <source>output channels, ranked by absmax</source>
        <translation>输出通道（按 absmax 排序）</translation>
    </message>
    <message>
        <source>absmax |w| (log scale)</source>
        <translation>absmax |w|（对数刻度）</translation>
    </message>
    <message>
        <source>absmax |w|</source>
        <translation>absmax |w|</translation>
    </message>
    <message>
        <source>absmax per channel</source>
        <translation>每通道 absmax</translation>
    </message>
    <message>
        <source>median %1</source>
        <translation>中位数 %1</translation>
    </message>
    <message>
        <source>outlier threshold (%1 × median)</source>
        <translation>离群值阈值（%1 × 中位数）</translation>
    </message>
    <message>
        <source>outlier channels (%1)</source>
        <translation>离群通道（%1）</translation>
    </message>
</context>
<context>
    <name>bitcliff::ChannelErrorScatterView</name>
    <message>
        <source>input-channel absmax |w|</source>
        <translation>每输入通道 absmax |w|</translation>
    </message>
    <message>
        <source>per-channel MSE</source>
        <translation>每通道 MSE</translation>
    </message>
    <message>
        <source>No tensor selected</source>
        <translation>未选择张量</translation>
    </message>
    <message>
        <source>%1: needs the model&apos;s per-channel statistics</source>
        <translation>%1：需要模型的逐通道统计量</translation>
    </message>
    <message>
        <source>input channels (%1)</source>
        <translation>输入通道（%1）</translation>
    </message>
    <message>
        <source>%1, … %2 more</source>
        <translation>%1, … 另有 %2 个</translation>
    </message>
    <message>
        <source>outlier channels: none</source>
        <translation>离群通道：无</translation>
    </message>
    <message>
        <source>outlier channels (%1): %2</source>
        <translation>离群通道（%1）：%2</translation>
    </message>
    <message>
        <source>zeros, on the axis floor (%1)</source>
        <translation>零值，显示在坐标轴底端（%1）</translation>
    </message>
    <message>
        <source>tensor MSE %1</source>
        <translation>张量 MSE %1</translation>
    </message>
    <message>
        <source>Per input channel: quantization MSE against weight absmax. Outlier channels set their groups&apos; scale; the channels sharing those groups lose precision.</source>
        <translation>按输入通道：量化 MSE 与权重 absmax 的关系。离群通道决定其所在组的缩放；共享这些组的通道损失精度。</translation>
    </message>
</context>
<context>
    <name>bitcliff::ChartExport</name>
    <message>
        <source>Exported by BitCliff</source>
        <translation>由 BitCliff 导出</translation>
    </message>
</context>
<context>
    <name>bitcliff::CliffChartView</name>
    <message>
        <source>%1 — %2</source>
        <comment>chart title, panel title</comment>
        <translation>%1 — %2</translation>
    </message>
    <message>
        <source>%1, log scale</source>
        <translation>%1（对数刻度）</translation>
    </message>
    <message>
        <source>unquantized</source>
        <translation>未量化</translation>
    </message>
    <message>
        <source>%1-bit</source>
        <comment>the bit-width floor marker</comment>
        <translation>%1 比特</translation>
    </message>
    <message>
        <source>%1: %2 bpw, %3 %4</source>
        <comment>scheme: bits per weight, metric value</comment>
        <translation>%1：%2 bpw，%3 %4</translation>
    </message>
    <message>
        <source> [%1, %2]</source>
        <comment>confidence interval</comment>
        <translation> [%1, %2]</translation>
    </message>
</context>
<context>
    <name>bitcliff::HeatmapWidget</name>
    <message>
        <source>No data</source>
        <translation>无数据</translation>
    </message>
    <message>
        <source>%1 (showing %2–%3 of %4)</source>
        <translation>%1（显示 %2–%3，共 %4）</translation>
    </message>
    <message>
        <source>%1 %2, %3 %4: %5</source>
        <translation>%1 %2，%3 %4：%5</translation>
    </message>
    <message>
        <source>missing</source>
        <translation>缺失</translation>
    </message>
    <message>
        <source>(the largest of the cells under the cursor)</source>
        <translation>（光标下各单元格中的最大值）</translation>
    </message>
    <message>
        <source>%1 range %2–%3</source>
        <translation>%1范围 %2–%3</translation>
    </message>
    <message>
        <source>(the cell farthest from %1 under the cursor)</source>
        <translation>（光标下各单元格中距 %1 最远的值）</translation>
    </message>
</context>
<context>
    <name>bitcliff::HistogramChartView</name>
    <message>
        <source>weight value</source>
        <translation>权重值</translation>
    </message>
    <message>
        <source>No tensor selected</source>
        <translation>未选择张量</translation>
    </message>
    <message>
        <source>count (log scale)</source>
        <translation>计数（对数刻度）</translation>
    </message>
    <message>
        <source>count</source>
        <translation>计数</translation>
    </message>
    <message>
        <source>weights, kurtosis %1</source>
        <translation>权重，峰度 %1</translation>
    </message>
    <message>
        <source>weights</source>
        <translation>权重</translation>
    </message>
    <message>
        <source>Gaussian, same mean and std</source>
        <translation>高斯分布（均值和标准差相同）</translation>
    </message>
</context>
<context>
    <name>bitcliff::LossCurveView</name>
    <message>
        <source>Training loss</source>
        <translation>训练损失</translation>
    </message>
    <message>
        <source>step</source>
        <translation>步</translation>
    </message>
    <message>
        <source>loss (nats/token)</source>
        <translation>损失（nats/token）</translation>
    </message>
    <message>
        <source>training loss per step</source>
        <translation>每步训练损失</translation>
    </message>
    <message>
        <source>training loss</source>
        <translation>训练损失</translation>
    </message>
    <message numerus="yes">
        <source>training loss, smoothed over %n step(s)</source>
        <translation>
            <numerusform>训练损失（按 %n 步平滑）</numerusform>
        </translation>
    </message>
    <message>
        <source>held-out loss</source>
        <translation>留出集损失</translation>
    </message>
</context>
<context>
    <name>bitcliff::MetricDisagreementView</name>
    <message>
        <source>Δ ln PPL</source>
        <translation>Δ ln PPL</translation>
    </message>
    <message>
        <source>KLD (nats)</source>
        <translation>KLD（nats）</translation>
    </message>
    <message>
        <source>Δ accuracy (pp)</source>
        <comment>pp: percentage points</comment>
        <translation>Δ 准确率（百分点）</translation>
    </message>
    <message>
        <source>n/a</source>
        <comment>no value measured</comment>
        <translation>未测量</translation>
    </message>
    <message>
        <source>Δ: change from the unquantized model (pp: percentage points). Bars: each metric&apos;s damage as a share of its worst value in this table; longer is worse.</source>
        <translation>Δ：相对未量化模型的变化（百分点）。条形：各指标的损伤占该指标在本表中最差值的比例；越长越差。</translation>
    </message>
    <message>
        <source>%1, %2
%3: %4</source>
        <comment>language, scheme, metric: value</comment>
        <translation>%1，%2
%3：%4</translation>
    </message>
    <message>
        <source>%1% of the worst damage by this metric in the table</source>
        <translation>本表中该指标最严重损伤的 %1%</translation>
    </message>
</context>
<context>
    <name>bitcliff::ModelTreeModel</name>
    <message>
        <source>Not computed: %1</source>
        <translation>未计算：%1</translation>
    </message>
    <message>
        <source>Statistics have not been computed yet</source>
        <translation>尚未计算统计量</translation>
    </message>
    <message>
        <source>No statistics for this tensor</source>
        <translation>此张量没有统计量</translation>
    </message>
    <message>
        <source>Embeddings &amp; head</source>
        <translation>嵌入与输出头</translation>
    </message>
    <message>
        <source>Layer %1</source>
        <translation>层 %1</translation>
    </message>
    <message>
        <source>1 tensor</source>
        <translation>1 个张量</translation>
    </message>
    <message>
        <source>%1 tensors</source>
        <translation>%1 个张量</translation>
    </message>
    <message>
        <source>%1 parameters</source>
        <translation>%1 参数</translation>
    </message>
    <message>
        <source>No statistics for this group yet</source>
        <translation>此分组尚无统计量</translation>
    </message>
    <message>
        <source>Pearson kurtosis (Gaussian = 3); heavy tails make it large</source>
        <translation>Pearson 峰度（高斯分布 = 3）；重尾会使其变大</translation>
    </message>
    <message>
        <source>%1 of %2 input channels and %3 of %4 output channels exceed %5 (%6 × median)</source>
        <translation>%2 个输入通道中有 %1 个、%4 个输出通道中有 %3 个超过 %5（%6 × 中位数）</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名称</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>角色</translation>
    </message>
    <message>
        <source>Shape</source>
        <translation>形状</translation>
    </message>
    <message>
        <source>DType</source>
        <translation>数据类型</translation>
    </message>
    <message>
        <source>Parameters</source>
        <translation>参数</translation>
    </message>
    <message>
        <source>Absmax</source>
        <translation>Absmax</translation>
    </message>
    <message>
        <source>Kurtosis</source>
        <translation>峰度</translation>
    </message>
    <message>
        <source>Shape in PyTorch order: output × input</source>
        <translation>PyTorch 顺序的形状：输出 × 输入</translation>
    </message>
    <message>
        <source>Largest absolute weight |w|</source>
        <translation>权重绝对值 |w| 的最大值</translation>
    </message>
    <message>
        <source>Pearson kurtosis of the weights (Gaussian = 3)</source>
        <translation>权重的 Pearson 峰度（高斯分布 = 3）</translation>
    </message>
    <message>
        <source>Input channels whose absmax exceeds k × the median channel absmax</source>
        <translation>absmax 超过“k × 通道 absmax 中位数”的输入通道</translation>
    </message>
    <message>
        <source>%1 — BitCliff cannot decode this type, so the tensor has no statistics</source>
        <translation>%1 — BitCliff 无法解码此类型，因此该张量没有统计数据</translation>
    </message>
    <message>
        <source>%1; the group&apos;s figures summarise them</source>
        <translation>%1；该组的数值是对它们的汇总</translation>
    </message>
    <message>
        <source>Absmax: the max over %1 with statistics</source>
        <translation>Absmax：在有统计数据的 %1 中的最大值</translation>
    </message>
    <message>
        <source>Kurtosis is a per-tensor figure: see the tensors below</source>
        <translation>峰度是每个张量的数值：请查看下面的张量</translation>
    </message>
    <message>
        <source>Outlier input channels, summed over %1 with statistics</source>
        <translation>离群输入通道（在有统计数据的 %1 上求和）</translation>
    </message>
    <message>
        <source>Outliers</source>
        <translation>离群值</translation>
    </message>
</context>
<context>
    <name>bitcliff::StatsPanel</name>
    <message>
        <source>Shape</source>
        <translation>形状</translation>
    </message>
    <message>
        <source>DType</source>
        <translation>数据类型</translation>
    </message>
    <message>
        <source>Elements</source>
        <translation>元素数</translation>
    </message>
    <message>
        <source>Non-finite</source>
        <translation>非有限值</translation>
    </message>
    <message>
        <source>Absmax</source>
        <translation>Absmax</translation>
    </message>
    <message>
        <source>Mean</source>
        <translation>均值</translation>
    </message>
    <message>
        <source>Std</source>
        <translation>标准差</translation>
    </message>
    <message>
        <source>Kurtosis</source>
        <translation>峰度</translation>
    </message>
    <message>
        <source>Outlier output channels</source>
        <translation>离群输出通道</translation>
    </message>
    <message>
        <source>Outlier input channels</source>
        <translation>离群输入通道</translation>
    </message>
    <message>
        <source>Outlier threshold</source>
        <translation>离群值阈值</translation>
    </message>
    <message>
        <source>Axis</source>
        <translation>轴</translation>
    </message>
    <message>
        <source>Channel</source>
        <translation>通道</translation>
    </message>
    <message>
        <source>× median</source>
        <translation>× 中位数</translation>
    </message>
    <message>
        <source>Channel absmax divided by the median channel absmax</source>
        <translation>通道 absmax 除以通道 absmax 的中位数</translation>
    </message>
    <message>
        <source>No tensor selected</source>
        <translation>未选择张量</translation>
    </message>
    <message>
        <source>Statistics have not been computed yet</source>
        <translation>尚未计算统计量</translation>
    </message>
    <message>
        <source>Not computed: %1</source>
        <translation>未计算：%1</translation>
    </message>
    <message>
        <source>NaN and infinite values, left out of every statistic</source>
        <translation>NaN 和无穷值，不计入任何统计量</translation>
    </message>
    <message>
        <source>Largest absolute value |w|</source>
        <translation>绝对值 |w| 的最大值</translation>
    </message>
    <message>
        <source>Population standard deviation</source>
        <translation>总体标准差</translation>
    </message>
    <message>
        <source>%1 (Gaussian = 3)</source>
        <translation>%1（高斯分布 = 3）</translation>
    </message>
    <message>
        <source>Pearson kurtosis: far above 3 means heavy tails, which waste quantization levels</source>
        <translation>Pearson 峰度：远高于 3 表示重尾分布，会浪费量化级别</translation>
    </message>
    <message>
        <source>%1 of %2 %3</source>
        <translation>%2 个%3中的 %1 个</translation>
    </message>
    <message>
        <source>output channels</source>
        <translation>输出通道</translation>
    </message>
    <message>
        <source>input channels</source>
        <translation>输入通道</translation>
    </message>
    <message>
        <source>%1 × median: %2 (output), %3 (input)</source>
        <translation>%1 × 中位数：%2（输出），%3（输入）</translation>
    </message>
    <message>
        <source>A channel is an outlier when its absmax exceeds k times the median channel absmax</source>
        <translation>当通道的 absmax 超过通道 absmax 中位数的 k 倍时，该通道即为离群通道</translation>
    </message>
    <message>
        <source>input</source>
        <translation>输入</translation>
    </message>
    <message>
        <source>output</source>
        <translation>输出</translation>
    </message>
    <message>
        <source>No outlier channels</source>
        <translation>无离群通道</translation>
    </message>
    <message>
        <source>Outlier channels</source>
        <translation>离群通道</translation>
    </message>
    <message>
        <source>Outlier channels (%1)</source>
        <translation>离群通道（%1）</translation>
    </message>
    <message>
        <source>Top %1 of %2 outlier channels</source>
        <translation>%2 个离群通道中的前 %1 个</translation>
    </message>
</context>
<context>
    <name>bitcliff::SweepResultsModel</name>
    <message>
        <source>ok</source>
        <translation>成功</translation>
    </message>
    <message>
        <source>failed</source>
        <translation>失败</translation>
    </message>
    <message>
        <source>This cell failed.</source>
        <translation>此单元运行失败。</translation>
    </message>
    <message>
        <source>Failed: %1</source>
        <translation>失败：%1</translation>
    </message>
    <message>
        <source>Bits per weight as stored over the quantized tensors, scales included</source>
        <translation>量化张量存储时的每权重比特数，含缩放因子</translation>
    </message>
    <message>
        <source>Mean KL divergence from the unquantized model&apos;s next-token distribution, in nats</source>
        <translation>与未量化模型下一 token 分布的平均 KL 散度，单位为 nats</translation>
    </message>
    <message>
        <source>How often the most likely next token is the unquantized model&apos;s</source>
        <translation>最可能的下一 token 与未量化模型相同的比例</translation>
    </message>
    <message>
        <source>Scheme</source>
        <translation>方案</translation>
    </message>
    <message>
        <source>Method</source>
        <translation>方法</translation>
    </message>
    <message>
        <source>Bits</source>
        <translation>比特</translation>
    </message>
    <message>
        <source>Bits/weight</source>
        <translation>比特/权重</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状态</translation>
    </message>
    <message>
        <source>PPL</source>
        <translation>PPL</translation>
    </message>
    <message>
        <source>KLD (nats)</source>
        <translation>KLD（nats）</translation>
    </message>
    <message>
        <source>Same top (%)</source>
        <translation>首位一致（%）</translation>
    </message>
    <message>
        <source>Accuracy (%)</source>
        <translation>准确率（%）</translation>
    </message>
    <message>
        <source>Time (s)</source>
        <translation>时间（秒）</translation>
    </message>
</context>
<context>
    <name>bitcliff::app::ActivationHeatmaps</name>
    <message>
        <source>attention input (q/k/v)</source>
        <translation>注意力输入（q/k/v）</translation>
    </message>
    <message>
        <source>attention output (o_proj input)</source>
        <translation>注意力输出（o_proj 输入）</translation>
    </message>
    <message>
        <source>MLP input (gate/up)</source>
        <translation>MLP 输入（gate/up）</translation>
    </message>
    <message>
        <source>MLP down_proj input</source>
        <translation>MLP down_proj 输入</translation>
    </message>
    <message>
        <source>%1: per-channel mean |activation| over %2 tokens</source>
        <translation>%1：%2 个 token 上逐通道的平均 |激活值|</translation>
    </message>
    <message>
        <source>%1: per-channel activation absmax over %2 tokens</source>
        <translation>%1：%2 个 token 上逐通道的激活 absmax</translation>
    </message>
    <message>
        <source>layer</source>
        <translation>层</translation>
    </message>
    <message>
        <source>channel</source>
        <translation>通道</translation>
    </message>
    <message>
        <source>mean |x|</source>
        <translation>均值 |x|</translation>
    </message>
    <message>
        <source>absmax |x|</source>
        <translation>absmax |x|</translation>
    </message>
</context>
<context>
    <name>bitcliff::app::CalibrationField</name>
    <message>
        <source>Calibration:</source>
        <translation>校准：</translation>
    </message>
    <message>
        <source>None (gptq schemes need text)</source>
        <translation>无（gptq 方案需要文本）</translation>
    </message>
    <message>
        <source>Bundled passages (the evaluation text too)</source>
        <translation>内置段落（也是评估文本）</translation>
    </message>
    <message>
        <source>Text that calibrated schemes (gptq) run the model on to see its activations. Text the evaluation also measures flatters them: prefer text of its own.</source>
        <translation>校准方案（gptq）在其上运行模型以观察激活的文本。评估也使用的文本会美化结果：最好使用独立的文本。</translation>
    </message>
    <message>
        <source>Choose…</source>
        <translation>选择…</translation>
    </message>
    <message>
        <source> sequences</source>
        <translation> 个序列</translation>
    </message>
    <message>
        <source> tokens</source>
        <translation> 个词元</translation>
    </message>
    <message>
        <source>Calibration text</source>
        <translation>校准文本</translation>
    </message>
    <message>
        <source>Text or task files (*.txt *.jsonl);;All files (*)</source>
        <translation>文本或任务文件 (*.txt *.jsonl);;所有文件 (*)</translation>
    </message>
</context>
<context>
    <name>bitcliff::app::CliffController</name>
    <message numerus="yes">
        <source>Sweeping %n cell(s) into %1</source>
        <translation>
            <numerusform>扫描 %n 个单元，输出到 %1</numerusform>
        </translation>
    </message>
    <message>
        <source>Opening the sweep in %1</source>
        <translation>正在打开 %1 中的扫描</translation>
    </message>
    <message>
        <source>Writing the sweep report to %1</source>
        <translation>正在将扫描报告写入 %1</translation>
    </message>
</context>
<context>
    <name>bitcliff::app::CliffEvalSet</name>
    <message>
        <source>Text:</source>
        <translation>文本:</translation>
    </message>
    <message>
        <source>Bundled passages</source>
        <translation>内置文本段落</translation>
    </message>
    <message>
        <source>A file or folder (choose one)</source>
        <translation>文件或文件夹（请选择）</translation>
    </message>
    <message>
        <source>No text (tasks only)</source>
        <translation>无文本（仅评测任务）</translation>
    </message>
    <message>
        <source>Text file…</source>
        <translation>文本文件…</translation>
    </message>
    <message>
        <source>Folder…</source>
        <translation>文件夹…</translation>
    </message>
    <message>
        <source>A folder of &lt;language&gt;.txt files, evaluated one by one.</source>
        <translation>包含 &lt;language&gt;.txt 文件的文件夹，逐个评估。</translation>
    </message>
    <message>
        <source>Tasks:</source>
        <translation>评测任务:</translation>
    </message>
    <message>
        <source>Arithmetic</source>
        <translation>算术</translation>
    </message>
    <message>
        <source>Knowledge</source>
        <translation>知识</translation>
    </message>
    <message>
        <source>Reasoning</source>
        <translation>推理</translation>
    </message>
    <message>
        <source>Task file…</source>
        <translation>评测任务文件…</translation>
    </message>
    <message>
        <source>JSON Lines: multiple choice or generation items, optionally labelled with difficulty and language.</source>
        <translation>JSON Lines：多项选择题或生成题，可选择标注难度和语言。</translation>
    </message>
    <message>
        <source>Folder of &lt;language&gt;.txt files</source>
        <translation>包含 &lt;language&gt;.txt 文件的文件夹</translation>
    </message>
    <message>
        <source>Evaluation text</source>
        <translation>评估文本</translation>
    </message>
    <message>
        <source>Text files (*.txt);;All files (*)</source>
        <translation>文本文件 (*.txt);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Task file</source>
        <translation>评测任务文件</translation>
    </message>
    <message>
        <source>JSON Lines (*.jsonl);;All files (*)</source>
        <translation>JSON Lines (*.jsonl);;所有文件 (*)</translation>
    </message>
</context>
<context>
    <name>bitcliff::app::CliffForm</name>
    <message>
        <source>Preset:</source>
        <translation>预设:</translation>
    </message>
    <message>
        <source>Quick (a few minutes)</source>
        <translation>快速（几分钟）</translation>
    </message>
    <message>
        <source>Full (every method)</source>
        <translation>完整（所有方法）</translation>
    </message>
    <message>
        <source>Custom</source>
        <translation>自定义</translation>
    </message>
    <message>
        <source>Save spec…</source>
        <translation>保存配置…</translation>
    </message>
    <message>
        <source>The same JSON as bitcliff-cli sweep --spec FILE.</source>
        <translation>与 bitcliff-cli sweep --spec FILE 相同的 JSON。</translation>
    </message>
    <message>
        <source>Load spec…</source>
        <translation>加载配置…</translation>
    </message>
    <message>
        <source>Context:</source>
        <translation>上下文:</translation>
    </message>
    <message>
        <source> tokens</source>
        <translation> token</translation>
    </message>
    <message>
        <source>n_ctx of llama.cpp&apos;s perplexity: the text is cut into chunks of this many tokens and the second half of each chunk is scored.</source>
        <translation>llama.cpp perplexity 中的 n_ctx：将文本切分为每块包含此数量 token 的分块，并对每块的后半部分计分。</translation>
    </message>
    <message>
        <source>Answer length:</source>
        <translation>回答长度:</translation>
    </message>
    <message>
        <source>The most tokens generated for a generation task&apos;s answer.</source>
        <translation>生成题答案最多生成的 token 数。</translation>
    </message>
    <message>
        <source>Output folder:</source>
        <translation>输出文件夹:</translation>
    </message>
    <message>
        <source>sweep.json and results.jsonl go here; running again with the same folder resumes.</source>
        <translation>sweep.json 和 results.jsonl 保存在此；使用同一文件夹再次运行将从中断处继续。</translation>
    </message>
    <message>
        <source>Choose…</source>
        <translation>选择…</translation>
    </message>
    <message>
        <source>Open a model first.</source>
        <translation>请先打开模型。</translation>
    </message>
    <message>
        <source>Check at least one scheme.</source>
        <translation>请至少勾选一个方案。</translation>
    </message>
    <message>
        <source>Choose a text or at least one task set.</source>
        <translation>请选择文本或至少一个评测任务集。</translation>
    </message>
    <message>
        <source>Sweep output folder</source>
        <translation>扫描输出文件夹</translation>
    </message>
    <message>
        <source>Saved the spec to %1.</source>
        <translation>已将配置保存到 %1。</translation>
    </message>
    <message>
        <source>Loaded the spec from %1.</source>
        <translation>已从 %1 加载配置。</translation>
    </message>
    <message>
        <source>It names the model %1; the sweep runs on the open model.</source>
        <translation>其中指定的模型为 %1；扫描将在当前打开的模型上运行。</translation>
    </message>
    <message>
        <source>Save sweep spec</source>
        <translation>保存扫描配置</translation>
    </message>
    <message>
        <source>JSON (*.json);;All files (*)</source>
        <translation>JSON (*.json);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Load sweep spec</source>
        <translation>加载扫描配置</translation>
    </message>
    <message>
        <source>The text gptq cells calibrate on, cut into sequences × tokens; part of the sweep&apos;s measurement, like the evaluation set.</source>
        <translation>gptq 单元用于校准的文本，切分为 序列 × 词元；与评估集一样，是扫描测量条件的一部分。</translation>
    </message>
    <message>
        <source>%1 needs calibration text: choose it under Calibration.</source>
        <translation>%1 需要校准文本：请在“校准”中选择。</translation>
    </message>
</context>
<context>
    <name>bitcliff::app::CliffPage</name>
    <message numerus="yes">
        <source>All %n cell(s) already finished in %1: nothing to run.</source>
        <translation>
            <numerusform>%1 中的全部 %n 个单元均已完成：无需运行。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1 of %n cell(s) already finished in %2: resuming. Progress, time left and Cancel are in the Jobs panel.</source>
        <translation>
            <numerusform>%2 中 %n 个单元已有 %1 个完成：继续运行。进度、剩余时间和“取消”见“任务”面板。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Sweeping %n cell(s) into %1. Progress, time left and Cancel are in the Jobs panel.</source>
        <translation>
            <numerusform>正在扫描 %n 个单元，输出到 %1。进度、剩余时间和“取消”见“任务”面板。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Cancelled: the %n finished cell(s) stay in %1; run again to resume.</source>
        <translation>
            <numerusform>已取消：已完成的 %n 个单元保留在 %1 中；再次运行即可继续。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Opened %n cell(s) from %1.</source>
        <translation>
            <numerusform>已从 %1 打开 %n 个单元。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Skipped %n unreadable line(s): %1</source>
        <translation>
            <numerusform>已跳过 %n 行无法读取的内容：%1</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Wrote %n file(s) to %1.</source>
        <translation>
            <numerusform>已将 %n 个文件写入 %1。</numerusform>
        </translation>
    </message>
    <message>
        <source>Run sweep</source>
        <translation>运行扫描</translation>
    </message>
    <message>
        <source>Runs the unquantized model and every checked scheme on the evaluation set; each finished cell is saved at once, so running again with the same folder resumes.</source>
        <translation>在评估集上运行未量化模型和每个勾选的方案；每个完成的单元都会立即保存，因此使用同一文件夹再次运行即可继续。</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Open results…</source>
        <translation>打开结果…</translation>
    </message>
    <message>
        <source>Shows the results of an earlier sweep (a folder with results.jsonl and sweep.json).</source>
        <translation>显示之前扫描的结果（包含 results.jsonl 和 sweep.json 的文件夹）。</translation>
    </message>
    <message>
        <source>Export report…</source>
        <translation>导出报告…</translation>
    </message>
    <message>
        <source>Charts (PNG, SVG, PDF), report.html and results.csv/json of the cells shown.</source>
        <translation>所显示单元的图表（PNG、SVG、PDF）、report.html 和 results.csv/json。</translation>
    </message>
    <message>
        <source>The accuracy cliff: how each quantization method&apos;s damage grows as its bits per weight shrink. Check schemes and an evaluation set, then run.</source>
        <translation>精度悬崖：随着每权重比特数减少，各量化方法的损伤如何增长。勾选方案和评估集，然后运行。</translation>
    </message>
    <message>
        <source>Fix the scheme text first: %1</source>
        <translation>请先修正方案文本：%1</translation>
    </message>
    <message>
        <source>Choose an output folder.</source>
        <translation>请选择输出文件夹。</translation>
    </message>
    <message>
        <source>Opening the model and the evaluation set…</source>
        <translation>正在打开模型和评估集…</translation>
    </message>
    <message numerus="yes">
        <source>Sweep finished in %1: %n cell(s)</source>
        <translation>
            <numerusform>%1 中的扫描已完成：%n 个单元</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>, %n resumed</source>
        <translation>
            <numerusform>，其中 %n 个沿用之前的结果</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>, %n failed (see the table)</source>
        <translation>
            <numerusform>，%n 个失败（见表格）</numerusform>
        </translation>
    </message>
    <message>
        <source>Opening %1…</source>
        <translation>正在打开 %1…</translation>
    </message>
    <message>
        <source>Writing the report to %1…</source>
        <translation>正在将报告写入 %1…</translation>
    </message>
    <message>
        <source>Open sweep results</source>
        <translation>打开扫描结果</translation>
    </message>
    <message>
        <source>Export the sweep report to</source>
        <translation>导出扫描报告到</translation>
    </message>
</context>
<context>
    <name>bitcliff::app::CliffResultsView</name>
    <message>
        <source>ln PPL ratio</source>
        <translation>ln PPL 比值</translation>
    </message>
    <message>
        <source>KL divergence</source>
        <translation>KL 散度</translation>
    </message>
    <message>
        <source>same top token</source>
        <translation>首位 token 一致率</translation>
    </message>
    <message>
        <source>task accuracy</source>
        <translation>评测任务准确率</translation>
    </message>
    <message>
        <source>perplexity</source>
        <translation>困惑度</translation>
    </message>
    <message>
        <source>Metric:</source>
        <translation>指标:</translation>
    </message>
    <message>
        <source>Bits:</source>
        <translation>比特:</translation>
    </message>
    <message>
        <source>stored bits/weight</source>
        <translation>存储比特/权重</translation>
    </message>
    <message>
        <source>nominal bits</source>
        <translation>名义比特数</translation>
    </message>
    <message>
        <source>Stored: the bits each weight takes with its scales and zero points; nominal: the code bits of the scheme (q4_k and rtn:b4 are both 4).</source>
        <translation>存储：每个权重连同缩放因子和零点所占的比特数；名义：方案的编码比特数（q4_k 和 rtn:b4 都是 4）。</translation>
    </message>
    <message>
        <source>View:</source>
        <translation>视图:</translation>
    </message>
    <message>
        <source>Single chart</source>
        <translation>单个图表</translation>
    </message>
    <message>
        <source>By difficulty</source>
        <translation>按难度</translation>
    </message>
    <message>
        <source>By language</source>
        <translation>按语言</translation>
    </message>
    <message>
        <source>By task file</source>
        <translation>按评测任务文件</translation>
    </message>
    <message>
        <source>Metric disagreement</source>
        <translation>指标分歧</translation>
    </message>
    <message>
        <source>One chart, small multiples (a panel per difficulty tier, language or task file on shared axes), or per language the three measures of damage side by side.</source>
        <translation>单个图表、小多图（每个难度等级、语言或评测任务文件一个面板，共用坐标轴），或按语言并排显示三种损伤度量。</translation>
    </message>
    <message>
        <source>No results yet: run a sweep or open the results of one.</source>
        <translation>暂无结果：请运行扫描或打开已有扫描的结果。</translation>
    </message>
    <message>
        <source>No finished cell has this metric yet.</source>
        <translation>尚无已完成的单元包含此指标。</translation>
    </message>
    <message>
        <source>No panels for this metric in this view: text metrics split by language (texts that name their language), task accuracy by difficulty, language and task file.</source>
        <translation>此视图中没有该指标的面板：文本指标按语言划分（需为标明语言的文本），评测任务准确率按难度、语言和评测任务文件划分。</translation>
    </message>
    <message>
        <source>By language and difficulty</source>
        <translation>按语言和难度</translation>
    </message>
    <message>
        <source>answer loss</source>
        <translation>答案损失</translation>
    </message>
</context>
<context>
    <name>bitcliff::app::CliffSchemeGrid</name>
    <message>
        <source>%1 bits</source>
        <translation>%1 比特</translation>
    </message>
    <message>
        <source>GGUF K-quants</source>
        <translation>GGUF K-quant 系列</translation>
    </message>
    <message>
        <source>GGUF legacy</source>
        <translation>GGUF 旧版</translation>
    </message>
    <message>
        <source>GGUF legacy with minimum</source>
        <translation>GGUF 旧版（带最小值）</translation>
    </message>
    <message>
        <source>RTN g128 symmetric</source>
        <translation>RTN g128 对称</translation>
    </message>
    <message>
        <source>RTN g128 asymmetric</source>
        <translation>RTN g128 非对称</translation>
    </message>
    <message>
        <source>HQQ g64</source>
        <translation>HQQ g64</translation>
    </message>
    <message>
        <source>Float and lookup formats</source>
        <translation>浮点与查找表格式</translation>
    </message>
    <message>
        <source>Schemes:</source>
        <translation>方案:</translation>
    </message>
    <message>
        <source>Other scheme:</source>
        <translation>其他方案:</translation>
    </message>
    <message>
        <source>any scheme text, e.g. rtn:b3:g64:asym or nf4:g128:dq, then Enter</source>
        <translation>任意方案文本，例如 rtn:b3:g64:asym 或 nf4:g128:dq，然后按 Enter</translation>
    </message>
    <message>
        <source>The scheme grammar is in bitcliff-cli --help.</source>
        <translation>方案语法见 bitcliff-cli --help。</translation>
    </message>
    <message>
        <source>GPTQ g128 symmetric</source>
        <translation>GPTQ g128 对称</translation>
    </message>
    <message>
        <source>GPTQ g128 asymmetric</source>
        <translation>GPTQ g128 非对称</translation>
    </message>
    <message>
        <source>Calibrated on the text chosen under Calibration: slower than rounding, and needs that text.</source>
        <translation>在“校准”中选择的文本上校准：比取整慢，并且需要该文本。</translation>
    </message>
    <message>
        <source>AWQ g128 asymmetric</source>
        <translation>AWQ g128 非对称</translation>
    </message>
    <message>
        <source>RTN g128 asymmetric, rotated</source>
        <translation>RTN g128 非对称，旋转</translation>
    </message>
</context>
<context>
    <name>bitcliff::app::EvalCharts</name>
    <message>
        <source>Text (language)</source>
        <translation>文本（语言）</translation>
    </message>
    <message>
        <source>Perplexity per language</source>
        <translation>各语言的困惑度</translation>
    </message>
    <message>
        <source>KL divergence per language</source>
        <translation>各语言的 KL 散度</translation>
    </message>
    <message>
        <source>Same top token per language</source>
        <translation>各语言的首位 token 一致率</translation>
    </message>
    <message>
        <source>Accuracy per difficulty</source>
        <translation>各难度的准确率</translation>
    </message>
    <message>
        <source>Accuracy per language</source>
        <translation>各语言的准确率</translation>
    </message>
    <message>
        <source>Accuracy per task file</source>
        <translation>各评测任务文件的准确率</translation>
    </message>
    <message>
        <source>Tokens per character (fertility)</source>
        <translation>每字符 token 数（fertility）</translation>
    </message>
    <message>
        <source>Perplexity (log scale, lower is better)</source>
        <translation>困惑度（对数刻度，越低越好）</translation>
    </message>
    <message>
        <source>Mean KLD to unquantized (nats)</source>
        <translation>与未量化模型的平均 KLD（nats）</translation>
    </message>
    <message>
        <source>Tokens per character</source>
        <translation>每字符 token 数</translation>
    </message>
    <message>
        <source>tokenizer</source>
        <translation>分词器</translation>
    </message>
    <message>
        <source>Difficulty</source>
        <translation>难度</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>语言</translation>
    </message>
    <message>
        <source>Task file</source>
        <translation>评测任务文件</translation>
    </message>
    <message>
        <source>%1 · %2 bpw</source>
        <translation>%1 · %2 bpw</translation>
    </message>
    <message>
        <source>Same top token as unquantized (%, 0–100)</source>
        <translation>与未量化相同的首位词元（%，0–100）</translation>
    </message>
    <message>
        <source>Accuracy (%, 0–100)</source>
        <translation>准确率（%，0–100）</translation>
    </message>
</context>
<context>
    <name>bitcliff::app::EvalTables</name>
    <message>
        <source>Run</source>
        <translation>运行</translation>
    </message>
    <message>
        <source>Text</source>
        <translation>文本</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>语言</translation>
    </message>
    <message>
        <source>Tokens</source>
        <translation>token 数</translation>
    </message>
    <message>
        <source>Tokens/char</source>
        <translation>token/字符</translation>
    </message>
    <message>
        <source>Tokens/word</source>
        <translation>token/词</translation>
    </message>
    <message>
        <source>PPL</source>
        <translation>PPL</translation>
    </message>
    <message>
        <source>± PPL</source>
        <translation>± PPL</translation>
    </message>
    <message>
        <source>KLD</source>
        <translation>KLD</translation>
    </message>
    <message>
        <source>Same top %</source>
        <translation>首位一致 %</translation>
    </message>
    <message>
        <source>RMS Δp %</source>
        <translation>RMS Δp %</translation>
    </message>
    <message>
        <source>Items</source>
        <translation>条目数</translation>
    </message>
    <message>
        <source>acc %</source>
        <translation>acc %</translation>
    </message>
    <message>
        <source>± acc</source>
        <translation>± acc</translation>
    </message>
    <message>
        <source>acc_norm %</source>
        <translation>acc_norm %</translation>
    </message>
    <message>
        <source>acc % %1</source>
        <translation>acc % %1</translation>
    </message>
    <message>
        <source>Bits/weight</source>
        <translation>比特/权重</translation>
    </message>
    <message>
        <source>Bits/weight (quantized tensors)</source>
        <translation>比特/权重（量化张量）</translation>
    </message>
    <message>
        <source>Bits/weight (model)</source>
        <translation>比特/权重（模型）</translation>
    </message>
    <message>
        <source>Tensors as asked</source>
        <translation>按要求量化的张量</translation>
    </message>
    <message>
        <source>Fell back</source>
        <translation>回退</translation>
    </message>
    <message>
        <source>Kept</source>
        <translation>保持不变</translation>
    </message>
    <message>
        <source>What was done</source>
        <translation>执行情况</translation>
    </message>
    <message>
        <source>as stored</source>
        <translation>按存储格式</translation>
    </message>
</context>
<context>
    <name>bitcliff::app::EvaluateController</name>
    <message>
        <source>Evaluating the unquantized model</source>
        <translation>正在评估未量化模型</translation>
    </message>
    <message>
        <source>Evaluating %1</source>
        <translation>正在评估 %1</translation>
    </message>
    <message>
        <source>Evaluating %1 on the model and on %2</source>
        <translation>正在用模型和 %2 评估 %1</translation>
    </message>
</context>
<context>
    <name>bitcliff::app::EvaluateForm</name>
    <message>
        <source>Text:</source>
        <translation>文本:</translation>
    </message>
    <message>
        <source>Bundled passages (%1 languages)</source>
        <translation>内置文本段落（%1 种语言）</translation>
    </message>
    <message>
        <source>No text (tasks only)</source>
        <translation>无文本（仅评测任务）</translation>
    </message>
    <message>
        <source>Other text</source>
        <translation>其他文本</translation>
    </message>
    <message>
        <source>Text file…</source>
        <translation>文本文件…</translation>
    </message>
    <message>
        <source>Folder of parallel texts…</source>
        <translation>平行文本文件夹…</translation>
    </message>
    <message>
        <source>A UTF-8 text file, or a folder of &lt;language&gt;.txt files evaluated one by one.</source>
        <translation>UTF-8 文本文件，或包含 &lt;language&gt;.txt 文件的文件夹（逐个评估）。</translation>
    </message>
    <message>
        <source>Tasks:</source>
        <translation>评测任务:</translation>
    </message>
    <message>
        <source>Task file…</source>
        <translation>评测任务文件…</translation>
    </message>
    <message>
        <source>JSON Lines: multiple choice or generation items, optionally labelled with difficulty and language.</source>
        <translation>JSON Lines：多项选择题或生成题，可选择标注难度和语言。</translation>
    </message>
    <message>
        <source>Schemes:</source>
        <translation>方案:</translation>
    </message>
    <message>
        <source>Context:</source>
        <translation>上下文:</translation>
    </message>
    <message>
        <source> tokens</source>
        <translation> token</translation>
    </message>
    <message>
        <source>n_ctx of llama.cpp&apos;s perplexity: the text is cut into chunks of this many tokens and the second half of each chunk is scored.</source>
        <translation>llama.cpp perplexity 中的 n_ctx：将文本切分为每块包含此数量 token 的分块，并对每块的后半部分计分。</translation>
    </message>
    <message>
        <source>Evaluate</source>
        <translation>评估</translation>
    </message>
    <message>
        <source>Folder of &lt;language&gt;.txt files</source>
        <translation>包含 &lt;language&gt;.txt 文件的文件夹</translation>
    </message>
    <message>
        <source>Evaluation text</source>
        <translation>评估文本</translation>
    </message>
    <message>
        <source>Text files (*.txt);;All files (*)</source>
        <translation>文本文件 (*.txt);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Task file</source>
        <translation>评测任务文件</translation>
    </message>
    <message>
        <source>JSON Lines (*.jsonl);;All files (*)</source>
        <translation>JSON Lines (*.jsonl);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Arithmetic</source>
        <translation>算术</translation>
    </message>
    <message>
        <source>Knowledge</source>
        <translation>知识</translation>
    </message>
    <message>
        <source>Reasoning</source>
        <translation>推理</translation>
    </message>
    <message>
        <source>Bundled task set “%1”</source>
        <translation>内置任务集“%1”</translation>
    </message>
    <message>
        <source>Compare with:</source>
        <translation>对比对象:</translation>
    </message>
    <message>
        <source>Choose…</source>
        <translation>选择…</translation>
    </message>
    <message>
        <source>Check at least one scheme: the model to compare with runs under each checked scheme.</source>
        <translation>请至少勾选一个方案：对比模型会在每个勾选的方案下运行。</translation>
    </message>
    <message>
        <source>Trained checkpoint to compare with</source>
        <translation>用于对比的训练后检查点</translation>
    </message>
    <message>
        <source>Optional: a trained checkpoint of this model</source>
        <translation>可选：此模型训练后的检查点</translation>
    </message>
    <message>
        <source>A folder with config.json and safetensors of the same architecture (e.g. from the Train page), run beside the model under each checked scheme. Its runs are labelled scheme@folder and measured against the unquantized model.</source>
        <translation>包含相同架构的 config.json 和 safetensors 的文件夹（例如来自训练页面），在每个勾选的方案下与模型并列运行。其运行标记为 方案@文件夹，并与未量化模型对比测量。</translation>
    </message>
    <message>
        <source>Add a scheme, e.g. rtn:b3:g128:asym or gptq:b3:g128, and press Enter</source>
        <translation>添加方案，例如 rtn:b3:g128:asym 或 gptq:b3:g128，然后按回车</translation>
    </message>
    <message>
        <source>%1 needs calibration text: choose it under Calibration.</source>
        <translation>%1 需要校准文本：请在“校准”中选择。</translation>
    </message>
</context>
<context>
    <name>bitcliff::app::EvaluatePage</name>
    <message>
        <source>Choose a text or at least one task set.</source>
        <translation>请选择文本或至少一个评测任务集。</translation>
    </message>
    <message>
        <source>Evaluation failed: %1</source>
        <translation>评估失败：%1</translation>
    </message>
    <message>
        <source>Evaluating in the background; progress and cancel are in the Jobs panel.</source>
        <translation>正在后台评估；进度和取消操作见“任务”面板。</translation>
    </message>
    <message>
        <source>Runs the unquantized model and every checked scheme on the text (perplexity as llama.cpp computes it, KL divergence and same-top-token against the unquantized model) and on the task sets (accuracy per difficulty and language).</source>
        <translation>在文本上（按 llama.cpp 的方式计算困惑度，以及相对于未量化模型的 KL 散度和首位 token 一致率）和评测任务集上（按难度和语言统计准确率）运行未量化模型及所有勾选的方案。</translation>
    </message>
    <message>
        <source>PPL %1</source>
        <translation>PPL %1</translation>
    </message>
    <message>
        <source>, KLD %1, same top %2%</source>
        <translation>, KLD %1, 首位一致 %2%</translation>
    </message>
    <message>
        <source>acc %1%</source>
        <translation>acc %1%</translation>
    </message>
    <message>
        <source> (weights streamed from the file: they do not fit in memory as float32)</source>
        <translation> (权重从文件流式读取：以 float32 形式无法装入内存)</translation>
    </message>
</context>
<context>
    <name>bitcliff::app::EvaluateResults</name>
    <message>
        <source>Nothing to chart in these results</source>
        <translation>这些结果中没有可绘制的数据</translation>
    </message>
    <message>
        <source>Results appear here after an evaluation</source>
        <translation>评估完成后结果将显示在这里</translation>
    </message>
    <message>
        <source>Show:</source>
        <translation>显示:</translation>
    </message>
    <message>
        <source>Export…</source>
        <translation>导出…</translation>
    </message>
    <message>
        <source>Save the chart as PNG and SVG, the tables as CSV and every figure as JSON.</source>
        <translation>将图表保存为 PNG 和 SVG，表格保存为 CSV，所有数值保存为 JSON。</translation>
    </message>
    <message>
        <source>Chart</source>
        <translation>图表</translation>
    </message>
    <message>
        <source>Perplexity and KLD</source>
        <translation>困惑度和 KLD</translation>
    </message>
    <message>
        <source>Task accuracy</source>
        <translation>评测任务准确率</translation>
    </message>
    <message>
        <source>Export evaluation</source>
        <translation>导出评估结果</translation>
    </message>
    <message>
        <source>Chart and data (*.png)</source>
        <translation>图表和数据 (*.png)</translation>
    </message>
    <message>
        <source>Could not write %1.*</source>
        <translation>无法写入 %1.*</translation>
    </message>
    <message>
        <source>Bits per weight</source>
        <translation>每权重比特数</translation>
    </message>
    <message>
        <source>Results appear here after an evaluation.</source>
        <translation>评估后结果将显示在此处。</translation>
    </message>
    <message>
        <source>No text was evaluated: choose the bundled passages or a text of your own to see perplexity and KL divergence.</source>
        <translation>未评估任何文本：请选择内置段落或您自己的文本以查看困惑度和 KL 散度。</translation>
    </message>
    <message>
        <source>No task set was evaluated: check one under Tasks to see accuracy.</source>
        <translation>未评估任何任务集：请在“任务”下勾选一个以查看准确率。</translation>
    </message>
</context>
<context>
    <name>bitcliff::app::JobRunner</name>
    <message>
        <source>cancelled</source>
        <translation>已取消</translation>
    </message>
</context>
<context>
    <name>bitcliff::app::JobsPanel</name>
    <message>
        <source>No background jobs.</source>
        <translation>没有后台任务。</translation>
    </message>
    <message>
        <source>estimating…</source>
        <translation>正在估算…</translation>
    </message>
    <message>
        <source>about 00:00:00 left</source>
        <translation>剩余约 00:00:00</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>about %1 left</source>
        <translation>剩余约 %1</translation>
    </message>
    <message>
        <source>Dismiss</source>
        <translation>关闭</translation>
    </message>
    <message numerus="yes">
        <source>%n s</source>
        <translation>
            <numerusform>%n 秒</numerusform>
        </translation>
    </message>
    <message>
        <source>Clear finished</source>
        <translation>清除已完成</translation>
    </message>
    <message>
        <source>Remove the jobs that have ended from this list.</source>
        <translation>从列表中移除已结束的任务。</translation>
    </message>
    <message>
        <source>done at %1 (took %2)</source>
        <translation>于 %1 完成（耗时 %2）</translation>
    </message>
    <message>
        <source>cancelled at %1</source>
        <translation>于 %1 取消</translation>
    </message>
    <message>
        <source>failed at %1</source>
        <translation>于 %1 失败</translation>
    </message>
</context>
<context>
    <name>bitcliff::app::LanguageMenu</name>
    <message>
        <source>&amp;Language</source>
        <translation>语言(&amp;L)</translation>
    </message>
</context>
<context>
    <name>bitcliff::app::MainWindow</name>
    <message>
        <source>%1 — BitCliff</source>
        <translation>%1 — BitCliff</translation>
    </message>
    <message>
        <source>BitCliff</source>
        <translation>BitCliff</translation>
    </message>
    <message>
        <source>Outlier map</source>
        <translation>离群值分布图</translation>
    </message>
    <message>
        <source>Tensor</source>
        <translation>张量</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>模型</translation>
    </message>
    <message>
        <source>Jobs</source>
        <translation>任务</translation>
    </message>
    <message>
        <source>Main toolbar</source>
        <translation>主工具栏</translation>
    </message>
    <message>
        <source> Outlier rule: absmax &gt; k × median, k = </source>
        <translation> 离群规则：absmax &gt; k × 中位数，k = </translation>
    </message>
    <message>
        <source>A channel is flagged as an outlier when its absmax exceeds k times the median channel absmax of the same tensor.</source>
        <translation>当通道的 absmax 超过同一张量中通道 absmax 中位数的 k 倍时，该通道会被标记为离群通道。</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <source>&amp;Open File…</source>
        <translation>打开文件(&amp;O)…</translation>
    </message>
    <message>
        <source>Open &amp;Folder…</source>
        <translation>打开文件夹(&amp;F)…</translation>
    </message>
    <message>
        <source>Open &amp;Demo Model</source>
        <translation>打开演示模型(&amp;D)</translation>
    </message>
    <message>
        <source>&amp;Export Charts…</source>
        <translation>导出图表(&amp;E)…</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <source>&amp;About BitCliff</source>
        <translation>关于 BitCliff(&amp;A)</translation>
    </message>
    <message>
        <source>Open &amp;Recent</source>
        <translation>最近打开(&amp;R)</translation>
    </message>
    <message>
        <source>Open a safetensors file, a GGUF file or a Hugging Face folder — or drop one here.</source>
        <translation>打开 safetensors 文件、GGUF 文件或 Hugging Face 文件夹 — 也可以直接拖放到此处。</translation>
    </message>
    <message>
        <source>Opening %1…</source>
        <translation>正在打开 %1…</translation>
    </message>
    <message>
        <source>Open Model</source>
        <translation>打开模型</translation>
    </message>
    <message>
        <source>Model files (*.safetensors *.gguf);;All files (*)</source>
        <translation>模型文件 (*.safetensors *.gguf);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Open Hugging Face Checkpoint Folder</source>
        <translation>打开 Hugging Face 检查点文件夹</translation>
    </message>
    <message>
        <source>Export Charts To</source>
        <translation>导出图表到</translation>
    </message>
    <message numerus="yes">
        <source>Exported %n file(s) to %1</source>
        <translation>
            <numerusform>已将 %n 个文件导出到 %1</numerusform>
        </translation>
    </message>
    <message>
        <source>About BitCliff</source>
        <translation>关于 BitCliff</translation>
    </message>
    <message>
        <source>&lt;h3&gt;BitCliff %1&lt;/h3&gt;&lt;p&gt;See what quantization does to a large language model: outlier channels, quantization error and the accuracy cliff.&lt;/p&gt;</source>
        <translation>&lt;h3&gt;BitCliff %1&lt;/h3&gt;&lt;p&gt;直观查看量化对大语言模型的影响：离群通道、量化误差以及精度断崖。&lt;/p&gt;</translation>
    </message>
    <message numerus="yes">
        <source>%1: %n tensor(s), computing statistics…</source>
        <translation>
            <numerusform>%1：%n 个张量，正在计算统计量…</numerusform>
        </translation>
    </message>
    <message>
        <source>%1: statistics ready</source>
        <translation>%1：统计量已就绪</translation>
    </message>
    <message>
        <source>Quantize</source>
        <translation>量化</translation>
    </message>
    <message>
        <source>Evaluate</source>
        <translation>评估</translation>
    </message>
    <message>
        <source>Capturing activations</source>
        <translation>正在采集激活值</translation>
    </message>
    <message>
        <source>%1: done</source>
        <translation>%1：完成</translation>
    </message>
    <message>
        <source>Quit BitCliff</source>
        <translation>退出 BitCliff</translation>
    </message>
    <message>
        <source>%1: cannot write the evaluation files</source>
        <translation>%1：无法写入评估文件</translation>
    </message>
    <message numerus="yes">
        <source>Background jobs still running: %n. Quit anyway and cancel them?</source>
        <translation>
            <numerusform>仍有 %n 个后台任务在运行。仍要退出并取消它们吗？</numerusform>
        </translation>
    </message>
    <message>
        <source>Cliff</source>
        <translation>精度悬崖</translation>
    </message>
    <message>
        <source>Train</source>
        <translation>训练</translation>
    </message>
    <message>
        <source>Opening the demo model…</source>
        <translation>正在打开演示模型…</translation>
    </message>
</context>
<context>
    <name>bitcliff::app::ModelPage</name>
    <message>
        <source>Weights:</source>
        <translation>权重:</translation>
    </message>
    <message>
        <source>Log color scale</source>
        <translation>对数色标</translation>
    </message>
    <message>
        <source>No model open.</source>
        <translation>未打开模型。</translation>
    </message>
    <message>
        <source>&lt;b&gt;%1&lt;/b&gt; — %2, %3 tensors, %4 parameters</source>
        <translation>&lt;b&gt;%1&lt;/b&gt; — %2，%3 个张量，%4 个参数</translation>
    </message>
    <message>
        <source>%1: %2 layers, hidden size %3, %4 heads (%5 KV heads, head dim %6), vocabulary %7, tied embeddings: %8, RoPE θ %9</source>
        <translation>%1：%2 层，隐藏层维度 %3，%4 个注意力头（%5 个 KV 头，头维度 %6），词表大小 %7，共享嵌入：%8，RoPE θ %9</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>是</translation>
    </message>
    <message>
        <source>no</source>
        <translation>否</translation>
    </message>
    <message>
        <source>Computing statistics…</source>
        <translation>正在计算统计量…</translation>
    </message>
    <message>
        <source>Show:</source>
        <translation>显示:</translation>
    </message>
    <message>
        <source>Weights</source>
        <translation>权重</translation>
    </message>
    <message>
        <source>Activations (absmax)</source>
        <translation>激活值（absmax）</translation>
    </message>
    <message>
        <source>Activations (mean |x|)</source>
        <translation>激活值（均值 |x|）</translation>
    </message>
    <message>
        <source>Capture activations</source>
        <translation>采集激活值</translation>
    </message>
    <message>
        <source>Runs the unquantized model over the bundled multilingual passages (2,048 tokens) and records every linear layer&apos;s per-channel input magnitude.</source>
        <translation>在内置的多语言文本段落（2,048 个 token）上运行未量化模型，并记录每个线性层逐通道的输入幅值。</translation>
    </message>
    <message>
        <source>Input:</source>
        <translation>输入:</translation>
    </message>
    <message>
        <source>Each row is a layer, each column a hidden channel; the color is the largest (or mean) |activation| entering those linear layers. A few channels with massive activations in every layer are what makes activation quantization hard.</source>
        <translation>每一行代表一层，每一列代表一个隐藏通道；颜色表示输入这些线性层的最大（或平均）|激活值|。少数在每一层都具有巨大激活值的通道，正是激活量化困难的原因。</translation>
    </message>
    <message>
        <source>No activations captured yet: press Capture activations.</source>
        <translation>尚未采集激活值：请点击“采集激活值”。</translation>
    </message>
    <message>
        <source>Each row is a layer, each column an input channel; the color is the largest |weight| in that channel divided by the layer&apos;s median channel, and the line on the color bar marks the outlier rule&apos;s k. Channels that are outliers in every layer show up as vertical lines. Scroll to zoom, drag to pan, double-click to reset, click a row to open that tensor.</source>
        <translation>每行是一层，每列是一个输入通道；颜色是该通道中最大的 |权重| 除以该层的中位通道，颜色条上的线标出离群规则的 k。在每一层都是离群值的通道显示为竖线。滚动缩放，拖动平移，双击重置，单击某行打开该张量。</translation>
    </message>
    <message numerus="yes">
        <source>… and %n more matrices of types BitCliff cannot read yet</source>
        <translation>
            <numerusform>… 以及另外 %n 个 BitCliff 暂不可读类型的矩阵</numerusform>
        </translation>
    </message>
    <message>
        <source>None of the %1 matrices can be read: %2</source>
        <translation>%1 的矩阵均无法读取：%2</translation>
    </message>
    <message>
        <source>Compare with rotation (QuaRot)</source>
        <translation>与旋转对比 (QuaRot)</translation>
    </message>
    <message>
        <source>Shows beside this map the same map of the model rotated as the +rot recipes rotate it: norms folded into the linears, the residual stream turned by a random Hadamard matrix. The model computes the same function.</source>
        <translation>在此图旁显示按 +rot 配方旋转后的模型的同一张图：范数权重折叠进线性层，残差流经随机 Hadamard 矩阵旋转。模型计算的函数不变。</translation>
    </message>
    <message>
        <source>No activations captured yet.</source>
        <translation>尚未采集激活值。</translation>
    </message>
    <message>
        <source>The rotated model has no readable %1 matrices.</source>
        <translation>旋转后的模型没有可读取的 %1 矩阵。</translation>
    </message>
</context>
<context>
    <name>bitcliff::app::ModelSession</name>
    <message>
        <source>Opening %1</source>
        <translation>正在打开 %1</translation>
    </message>
    <message>
        <source>Generating the synthetic demo model</source>
        <translation>正在生成合成演示模型</translation>
    </message>
    <message>
        <source>Flagging outliers (k = %1)</source>
        <translation>正在标记离群值（k = %1）</translation>
    </message>
    <message>
        <source>Statistics of %1</source>
        <translation>%1 的统计量</translation>
    </message>
    <message>
        <source>Unpacking the demo model</source>
        <translation>正在解包演示模型</translation>
    </message>
    <message>
        <source>The rotation was cancelled.</source>
        <translation>旋转已取消。</translation>
    </message>
    <message>
        <source>Rotating %1 (QuaRot)</source>
        <translation>正在旋转 %1 (QuaRot)</translation>
    </message>
</context>
<context>
    <name>bitcliff::app::ModelTreePanel</name>
    <message>
        <source>Filter tensors by name or role…</source>
        <translation>按名称或角色筛选张量…</translation>
    </message>
    <message>
        <source>Right-click to choose the columns.</source>
        <translation>右键单击以选择列。</translation>
    </message>
</context>
<context>
    <name>bitcliff::app::OutlierMapText</name>
    <message>
        <source>%1: per-input-channel absmax ÷ the layer&apos;s median channel</source>
        <translation>%1：每个输入通道的 absmax ÷ 该层的中位通道</translation>
    </message>
    <message>
        <source>%1: no outlier channels at k = %2 (absmax ÷ median channel)</source>
        <translation>%1：k = %2 时没有离群通道（absmax ÷ 中位通道）</translation>
    </message>
    <message>
        <source>absmax ÷ median channel absmax</source>
        <translation>absmax ÷ 中位通道的 absmax</translation>
    </message>
    <message>
        <source>no statistics</source>
        <translation>无统计数据</translation>
    </message>
    <message>
        <source>k = %1</source>
        <translation>k = %1</translation>
    </message>
</context>
<context>
    <name>bitcliff::app::QuantizeController</name>
    <message>
        <source>Quantizing with %1 and %2</source>
        <translation>正在使用 %1 和 %2 量化</translation>
    </message>
    <message>
        <source>Quantizing with %1</source>
        <translation>正在使用 %1 量化</translation>
    </message>
    <message>
        <source>Error maps</source>
        <translation>误差图</translation>
    </message>
    <message>
        <source>Quantizing the model with %1 and %2 with %3</source>
        <translation>正在用 %1 量化模型，用 %3 量化 %2</translation>
    </message>
</context>
<context>
    <name>bitcliff::app::QuantizeForm</name>
    <message>
        <source>Scheme:</source>
        <translation>方案:</translation>
    </message>
    <message>
        <source>A preset, or any scheme text such as rtn:b3:g128:asym, or a calibrated recipe such as gptq:b4:g128 (see bitcliff-cli --help).</source>
        <translation>预设、任意方案文本（例如 rtn:b3:g128:asym），或校准配方（例如 gptq:b4:g128）（参见 bitcliff-cli --help）。</translation>
    </message>
    <message>
        <source>Compare with:</source>
        <translation>比较对象:</translation>
    </message>
    <message>
        <source>Quantize</source>
        <translation>量化</translation>
    </message>
    <message>
        <source>Second model:</source>
        <translation>第二个模型:</translation>
    </message>
    <message>
        <source>Optional: e.g. a checkpoint trained from this model</source>
        <translation>可选：例如由此模型训练得到的检查点</translation>
    </message>
    <message>
        <source>A model folder (config.json and safetensors) or GGUF file. The scheme (or the Compare-with scheme) also quantizes it, and its maps stand beside this model&apos;s: after quantization-aware training its weights lose less.</source>
        <translation>模型文件夹（config.json 和 safetensors）或 GGUF 文件。该方案（或“对比对象”的方案）也会量化它，其图显示在本模型的图旁边：经过量化感知训练后，其权重损失更少。</translation>
    </message>
    <message>
        <source>Choose…</source>
        <translation>选择…</translation>
    </message>
    <message>
        <source>Selected tensor only</source>
        <translation>仅所选张量</translation>
    </message>
    <message>
        <source>Quantize just the tensor selected in the model tree (quick), instead of every weight matrix of the model.</source>
        <translation>只量化模型树中所选的张量（快速），而不是模型的所有权重矩阵。</translation>
    </message>
    <message>
        <source>Second model to quantize</source>
        <translation>要量化的第二个模型</translation>
    </message>
    <message>
        <source>%1 needs calibration text: choose it under Calibration.</source>
        <translation>%1 需要校准文本：请在“校准”中选择。</translation>
    </message>
    <message>
        <source>%1 quantizes the layers in turn, each on the outputs of those before it: uncheck “Selected tensor only”.</source>
        <translation>%1 逐层量化，每层基于前面各层的输出：请取消勾选“仅所选张量”。</translation>
    </message>
</context>
<context>
    <name>bitcliff::app::QuantizePage</name>
    <message>
        <source>Quantizing… (see the Jobs panel for progress; Cancel stops it)</source>
        <translation>正在量化…（进度见“任务”面板；点击“取消”可停止）</translation>
    </message>
    <message>
        <source>Overview</source>
        <translation>概览</translation>
    </message>
    <message>
        <source>Selected tensor</source>
        <translation>所选张量</translation>
    </message>
    <message>
        <source>Choose a scheme and quantize: every weight matrix is quantized and compared with the original.</source>
        <translation>选择方案并量化：每个权重矩阵都会被量化，并与原始值进行比较。</translation>
    </message>
    <message>
        <source>Select a tensor in the model tree, or click a cell of the overview.</source>
        <translation>请在模型树中选择一个张量，或单击概览中的某个单元格。</translation>
    </message>
    <message>
        <source>This tensor was not quantized (norms, biases and tensors whose rows do not fit the scheme&apos;s blocks are kept).</source>
        <translation>此张量未量化（归一化、偏置，以及行无法适配方案分块的张量均保持原样）。</translation>
    </message>
    <message>
        <source>%1: mean squared error per output channel and group of input channels</source>
        <translation>%1：每个输出通道和每组输入通道的均方误差</translation>
    </message>
    <message>
        <source>Press Quantize: the SQNR of every weight matrix appears here, layers × roles.</source>
        <translation>点击“量化”：每个权重矩阵的 SQNR 将显示在这里（层 × 角色）。</translation>
    </message>
    <message>
        <source>Quantize, then select a weight matrix: its error map appears here.</source>
        <translation>量化后选择一个权重矩阵：其误差图将显示在这里。</translation>
    </message>
    <message>
        <source>Compare two schemes to see where their errors differ.</source>
        <translation>比较两种方案，查看它们的误差在哪里不同。</translation>
    </message>
    <message>
        <source>%1; %2; mean squared error %3</source>
        <translation>%1；%2；均方误差 %3</translation>
    </message>
    <message>
        <source>%1: mean squared error per output channel and group of input channels; both schemes&apos; maps share one color scale</source>
        <translation>%1：每个输出通道和输入通道组的均方误差；两种方案的图共用一个颜色刻度</translation>
    </message>
    <message>
        <source>Calibration: %1</source>
        <translation>校准：%1</translation>
    </message>
</context>
<context>
    <name>bitcliff::app::RecentFilesMenu</name>
    <message>
        <source>Open &amp;Recent</source>
        <translation>最近打开(&amp;R)</translation>
    </message>
    <message>
        <source>(none)</source>
        <translation>（无）</translation>
    </message>
    <message>
        <source>Clear List</source>
        <translation>清除列表</translation>
    </message>
</context>
<context>
    <name>bitcliff::app::RotationComparison</name>
    <message>
        <source>%1 — one color scale for both maps</source>
        <translation>%1 — 两张图共用一个色标</translation>
    </message>
    <message>
        <source>Right: the same model rotated as the +rot recipes rotate it (QuaRot), which spreads each channel of the residual stream over all of them. Outlier lines entering attn_q/k/v, ffn_gate/up and lm_head fade; the inputs of attn_o and ffn_down are not rotated.</source>
        <translation>右：按 +rot 配方旋转的同一模型 (QuaRot)，残差流的每个通道分散到所有通道。进入 attn_q/k/v、ffn_gate/up 和 lm_head 的离群线变淡；attn_o 和 ffn_down 的输入不旋转。</translation>
    </message>
    <message>
        <source>&lt;b&gt;Original&lt;/b&gt;</source>
        <translation>&lt;b&gt;原始模型&lt;/b&gt;</translation>
    </message>
    <message>
        <source>&lt;b&gt;Rotated (QuaRot)&lt;/b&gt;: %1</source>
        <translation>&lt;b&gt;旋转后 (QuaRot)&lt;/b&gt;：%1</translation>
    </message>
    <message>
        <source>&lt;b&gt;Rotated (QuaRot)&lt;/b&gt;</source>
        <translation>&lt;b&gt;旋转后 (QuaRot)&lt;/b&gt;</translation>
    </message>
    <message>
        <source>No rotated map: %1</source>
        <translation>无旋转后的图：%1</translation>
    </message>
    <message>
        <source>Rotating the model and analysing it…</source>
        <translation>正在旋转并分析模型…</translation>
    </message>
</context>
<context>
    <name>bitcliff::app::RotationComparisonText</name>
    <message>
        <source>%1: per-input-channel absmax ÷ the layer&apos;s median channel</source>
        <translation>%1：每个输入通道的 absmax ÷ 该层的中位通道</translation>
    </message>
    <message>
        <source>%1: per-channel mean |activation|</source>
        <translation>%1：每个通道的平均 |激活值|</translation>
    </message>
    <message>
        <source>%1: per-channel activation absmax</source>
        <translation>%1：每个通道的激活 absmax</translation>
    </message>
</context>
<context>
    <name>bitcliff::app::TensorPage</name>
    <message>
        <source>Channels:</source>
        <translation>通道:</translation>
    </message>
    <message>
        <source>Input channels (columns)</source>
        <translation>输入通道（列）</translation>
    </message>
    <message>
        <source>Output channels (rows)</source>
        <translation>输出通道（行）</translation>
    </message>
    <message>
        <source>Order:</source>
        <translation>排序:</translation>
    </message>
    <message>
        <source>By index</source>
        <translation>按索引</translation>
    </message>
    <message>
        <source>Sorted, largest first</source>
        <translation>从大到小</translation>
    </message>
    <message>
        <source>Log scale</source>
        <translation>对数刻度</translation>
    </message>
    <message>
        <source>Select a tensor in the model tree.</source>
        <translation>请在模型树中选择一个张量。</translation>
    </message>
    <message>
        <source>Open a model: File ▸ Open, drop a file here, or try the demo.</source>
        <translation>打开模型：文件 ▸ 打开文件，将文件拖放到此处，或试用演示模型。</translation>
    </message>
    <message>
        <source>Computing statistics…</source>
        <translation>正在计算统计量…</translation>
    </message>
    <message>
        <source>No statistics for this tensor: %1</source>
        <translation>此张量没有统计量：%1</translation>
    </message>
    <message>
        <source>%1 — BitCliff cannot decode this type yet, so this tensor has no statistics and the model cannot be quantized or evaluated.</source>
        <translation>%1 — BitCliff 暂时无法解码此类型，因此该张量没有统计数据，模型也无法量化或评估。</translation>
    </message>
</context>
<context>
    <name>bitcliff::app::TrainController</name>
    <message numerus="yes">
        <source>Training %1 for %n step(s)</source>
        <translation>
            <numerusform>训练 %1，共 %n 步</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>bitcliff::app::TrainForm</name>
    <message>
        <source>Model:</source>
        <translation>模型:</translation>
    </message>
    <message>
        <source>Training data:</source>
        <translation>训练数据:</translation>
    </message>
    <message>
        <source>A .txt file (one document per paragraph), a .jsonl file, or a folder of them</source>
        <translation>.txt 文件（每段一个文档）、.jsonl 文件，或包含此类文件的文件夹</translation>
    </message>
    <message>
        <source>Choose</source>
        <translation>选择</translation>
    </message>
    <message>
        <source>File…</source>
        <translation>文件…</translation>
    </message>
    <message>
        <source>Folder…</source>
        <translation>文件夹…</translation>
    </message>
    <message>
        <source>Plain text: paragraphs separated by blank lines are documents. JSON Lines: {&quot;text&quot;: …} or {&quot;prompt&quot;: …, &quot;answer&quot;: …} (loss on the answer only). A folder: every .txt and .jsonl file in it.</source>
        <translation>纯文本：以空行分隔的段落各为一个文档。JSON Lines：{&quot;text&quot;: …} 或 {&quot;prompt&quot;: …, &quot;answer&quot;: …}（只在回答上计算损失）。文件夹：其中所有 .txt 和 .jsonl 文件。</translation>
    </message>
    <message>
        <source>Steps:</source>
        <translation>步数:</translation>
    </message>
    <message>
        <source>Learning rate:</source>
        <translation>学习率:</translation>
    </message>
    <message>
        <source>Peak learning rate of AdamW; the cosine schedule decays it to a tenth.</source>
        <translation>AdamW 的峰值学习率；余弦调度会将其衰减到十分之一。</translation>
    </message>
    <message>
        <source>Batch:</source>
        <translation>批量:</translation>
    </message>
    <message>
        <source> sequences</source>
        <translation> 个序列</translation>
    </message>
    <message>
        <source>Context:</source>
        <translation>上下文:</translation>
    </message>
    <message>
        <source> tokens</source>
        <translation> token</translation>
    </message>
    <message>
        <source>Tokens per training sequence; a document longer than this is refused.</source>
        <translation>每个训练序列的 token 数；比这更长的文档会被拒绝。</translation>
    </message>
    <message>
        <source>Quantization-aware:</source>
        <translation>量化感知:</translation>
    </message>
    <message>
        <source>Trains through the fake-quantized weights of this scheme (straight-through), so that the model learns to live with its quantization error.</source>
        <translation>通过此方案的伪量化权重进行训练（直通估计），让模型学会适应其量化误差。</translation>
    </message>
    <message>
        <source>A preset or any scheme text, e.g. rtn:b3:g32:asym.</source>
        <translation>预设或任意方案文本，例如 rtn:b3:g32:asym。</translation>
    </message>
    <message>
        <source>Output folder:</source>
        <translation>输出文件夹:</translation>
    </message>
    <message>
        <source>The checkpoint goes here (a Hugging Face folder BitCliff opens as a model). Never the model&apos;s own folder.</source>
        <translation>检查点保存在此（BitCliff 可作为模型打开的 Hugging Face 文件夹）。不能是模型自身的文件夹。</translation>
    </message>
    <message>
        <source>Choose…</source>
        <translation>选择…</translation>
    </message>
    <message>
        <source>Threads:</source>
        <translation>线程数:</translation>
    </message>
    <message>
        <source>all cores</source>
        <translation>全部核心</translation>
    </message>
    <message>
        <source>Worker threads of the training run; the losses depend on the count.</source>
        <translation>训练运行的工作线程数；损失值取决于线程数。</translation>
    </message>
    <message>
        <source>none open</source>
        <translation>未打开</translation>
    </message>
    <message>
        <source>The learning rate %1 is not a positive number (e.g. 1e-4).</source>
        <translation>学习率 %1 不是正数（例如 1e-4）。</translation>
    </message>
    <message>
        <source>The QAT scheme: %1</source>
        <translation>QAT 方案：%1</translation>
    </message>
    <message>
        <source>That does not fit: use a smaller batch or context.</source>
        <translation>内存放不下：请使用更小的批量或上下文。</translation>
    </message>
    <message>
        <source>Folder of training files</source>
        <translation>训练文件所在文件夹</translation>
    </message>
    <message>
        <source>Training data</source>
        <translation>训练数据</translation>
    </message>
    <message>
        <source>Training text (*.txt *.jsonl);;All files (*)</source>
        <translation>训练文本 (*.txt *.jsonl);;所有文件 (*)</translation>
    </message>
    <message>
        <source>Checkpoint folder</source>
        <translation>检查点文件夹</translation>
    </message>
</context>
<context>
    <name>bitcliff::app::TrainPage</name>
    <message numerus="yes">
        <source>Training on %1 document(s) packed into %n sequence(s); %2 document(s) held out for the held-out loss. Cancel keeps a checkpoint of the steps done.</source>
        <translation>
            <numerusform>正在用 %1 个文档训练，打包为 %n 个序列；留出 %2 个文档用于计算留出集损失。取消时会保留已完成步数的检查点。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Finished %n step(s); checkpoint in %1.</source>
        <translation>
            <numerusform>已完成 %n 步；检查点位于 %1。</numerusform>
        </translation>
    </message>
    <message>
        <source>Stopped at step %1; checkpoint in %2.</source>
        <translation>已在第 %1 步停止；检查点位于 %2。</translation>
    </message>
    <message>
        <source>Cancelled before the first step: nothing was written.</source>
        <translation>在第一步之前已取消：未写入任何内容。</translation>
    </message>
    <message>
        <source>Training failed: %1</source>
        <translation>训练失败：%1</translation>
    </message>
    <message>
        <source>Train</source>
        <translation>训练</translation>
    </message>
    <message>
        <source>Trains the open model on the data in the background; the checkpoint opens as a model.</source>
        <translation>在后台用数据训练当前打开的模型；检查点可作为模型打开。</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Stops after the current step and writes the checkpoint of the steps done.</source>
        <translation>在当前步骤之后停止，并写入已完成步数的检查点。</translation>
    </message>
    <message>
        <source>Compare with the original</source>
        <translation>与原模型对比</translation>
    </message>
    <message>
        <source>Open trained model</source>
        <translation>打开训练后的模型</translation>
    </message>
    <message>
        <source>Opens the checkpoint as the model of every page.</source>
        <translation>将检查点作为所有页面的模型打开。</translation>
    </message>
    <message>
        <source>step %v of %m</source>
        <translation>第 %v 步，共 %m 步</translation>
    </message>
    <message>
        <source>Fine-tune the open model on your own text, optionally through the quantization it will get (QAT), and watch the loss fall.</source>
        <translation>用你自己的文本微调当前打开的模型，也可以通过它将来要用的量化进行训练（QAT），并观察损失下降。</translation>
    </message>
    <message>
        <source>Step %1 of %2</source>
        <translation>第 %1 步，共 %2 步</translation>
    </message>
    <message>
        <source>about %1 left</source>
        <translation>约剩 %1</translation>
    </message>
    <message>
        <source>%1 tokens/s</source>
        <translation>%1 token/秒</translation>
    </message>
    <message>
        <source>loss %1</source>
        <translation>损失 %1</translation>
    </message>
    <message>
        <source>held-out loss %1</source>
        <translation>留出集损失 %1</translation>
    </message>
    <message>
        <source>Loading the training data and the weights…</source>
        <translation>正在加载训练数据和权重…</translation>
    </message>
    <message>
        <source>On the Evaluate page: each checked scheme runs on the original and on the trained model, both measured against the unquantized original. On the Quantize page: the trained model is the second model, its error maps beside the original&apos;s.</source>
        <translation>在“评估”页：每个勾选的方案都在原模型和训练后的模型上运行，两者都与未量化的原模型比较。在“量化”页：训练后的模型作为第二个模型，其误差图显示在原模型的旁边。</translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <source>See what quantization does to a language model.</source>
        <translation>查看量化对语言模型的影响。</translation>
    </message>
    <message>
        <source>A .safetensors or .gguf file, or a checkpoint folder.</source>
        <translation>.safetensors 或 .gguf 文件，或检查点文件夹。</translation>
    </message>
    <message>
        <source>Open the demo model (trained by BitCliff).</source>
        <translation>打开演示模型（由 BitCliff 训练）。</translation>
    </message>
</context>
</TS>
