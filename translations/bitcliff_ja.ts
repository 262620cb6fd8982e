<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ja">
<context>
    <name>CliffSeries</name>
    <message>
        <source>interval: ± 1 standard error</source>
        <translation>区間: ± 1 標準誤差</translation>
    </message>
    <message>
        <source>interval: 95 % bootstrap over %1 chunks</source>
        <translation>区間: %1 チャンクでの 95 % ブートストラップ</translation>
    </message>
    <message>
        <source>interval: 95 % Wilson</source>
        <translation>区間: 95 % Wilson</translation>
    </message>
    <message>
        <source>interval: 95 % Wilson, %1 items</source>
        <translation>区間: 95 % Wilson、%1 項目</translation>
    </message>
    <message>
        <source>ln(PPL ratio)</source>
        <translation>ln(PPL 比)</translation>
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
        <translation>トップトークン一致率</translation>
    </message>
    <message>
        <source>accuracy</source>
        <translation>正解率</translation>
    </message>
    <message>
        <source>by difficulty</source>
        <translation>難易度別</translation>
    </message>
    <message>
        <source>by language</source>
        <translation>言語別</translation>
    </message>
    <message>
        <source>by task file</source>
        <translation>タスクファイル別</translation>
    </message>
    <message>
        <source>overall</source>
        <translation>全体</translation>
    </message>
    <message>
        <source>%1 nominal bits, %2 bits per weight stored</source>
        <translation>公称 %1 ビット、保存時 %2 ビット/重み</translation>
    </message>
    <message>
        <source>ln(PPL quantized / PPL unquantized)</source>
        <translation>ln(量子化 PPL / 未量子化 PPL)</translation>
    </message>
    <message>
        <source>perplexity</source>
        <translation>パープレキシティ</translation>
    </message>
    <message>
        <source>mean KLD to the unquantized model (nats)</source>
        <translation>未量子化モデルとの平均 KLD（nats）</translation>
    </message>
    <message>
        <source>same top token as unquantized (%)</source>
        <translation>未量子化と同じトップトークン（%）</translation>
    </message>
    <message>
        <source>task accuracy (%)</source>
        <translation>タスク正解率（%）</translation>
    </message>
    <message>
        <source>bits per weight as stored (scales included)</source>
        <translation>保存時の重みあたりのビット数（スケール込み）</translation>
    </message>
    <message>
        <source>nominal bits per weight</source>
        <translation>公称の重みあたりのビット数</translation>
    </message>
    <message>
        <source>The accuracy cliff: %1</source>
        <translation>精度の崖: %1</translation>
    </message>
    <message>
        <source>The accuracy cliff: %1, %2</source>
        <translation>精度の崖: %1、%2</translation>
    </message>
    <message>
        <source>Per language: perplexity change, KLD and accuracy change at each scheme</source>
        <translation>言語ごと: 各方式でのパープレキシティの変化、KLD、正解率の変化</translation>
    </message>
    <message>
        <source>GGUF K-quants</source>
        <translation>GGUF K-quant 系</translation>
    </message>
    <message>
        <source>GGUF legacy</source>
        <translation>GGUF レガシー</translation>
    </message>
    <message>
        <source>unquantized</source>
        <translation>未量子化</translation>
    </message>
    <message>
        <source>by language and difficulty</source>
        <translation>言語と難易度別</translation>
    </message>
    <message>
        <source>answer loss</source>
        <translation>回答の損失</translation>
    </message>
    <message>
        <source>answer loss (nats/char)</source>
        <translation>回答の損失 (nat/文字)</translation>
    </message>
</context>
<context>
    <name>ColorLegend</name>
    <message>
        <source>missing</source>
        <translation>欠損</translation>
    </message>
    <message>
        <source>%1 (log)</source>
        <translation>%1（対数）</translation>
    </message>
    <message>
        <source>%1 — flat: every cell %2</source>
        <translation>%1 — 一定：すべてのセル %2</translation>
    </message>
</context>
<context>
    <name>HeatmapData</name>
    <message>
        <source>%1: per-input-channel absmax across layers</source>
        <translation>%1: 全層にわたる入力チャネルごとの absmax</translation>
    </message>
    <message>
        <source>layer</source>
        <translation>層</translation>
    </message>
    <message>
        <source>input channel</source>
        <translation>入力チャネル</translation>
    </message>
    <message>
        <source>absmax |w|</source>
        <translation>absmax |w|</translation>
    </message>
    <message>
        <source>not readable yet</source>
        <translation>まだ読み込めません</translation>
    </message>
</context>
<context>
    <name>PlanSummaryText</name>
    <message>
        <source>nothing quantized</source>
        <translation>何も量子化されていません</translation>
    </message>
    <message>
        <source>%1 bits/weight over the quantized tensors (%2 % of parameters), %3 over the model</source>
        <translation>量子化したテンソルで %1 ビット/重み（パラメータの %2 %）、モデル全体で %3</translation>
    </message>
    <message numerus="yes">
        <source>tensors as asked: %n</source>
        <translation>
            <numerusform>指定どおりのテンソル：%n</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>fell back to %1: %n (%2)</source>
        <translation>
            <numerusform>%1 にフォールバック：%n（%2）</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>kept: %n (%1)</source>
        <translation>
            <numerusform>そのまま：%n（%1）</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>QObject</name>
    <message>
        <source>%1 vs %2 (red: %1 has more error)</source>
        <translation>%1 vs %2（赤: %1 の誤差が大きい）</translation>
    </message>
</context>
<context>
    <name>QuantHeatmaps</name>
    <message>
        <source>output channel</source>
        <translation>出力チャネル</translation>
    </message>
    <message>
        <source>input channel</source>
        <translation>入力チャネル</translation>
    </message>
    <message>
        <source>group of %1 input channels</source>
        <translation>入力チャネル %1 個ごとのグループ</translation>
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
        <translation>%1 — %2 vs %3（赤: %2 の誤差が大きい）</translation>
    </message>
    <message>
        <source>log10(MSE %1 / MSE %2)</source>
        <translation>log10(MSE %1 / MSE %2)</translation>
    </message>
    <message>
        <source>SQNR by layer and role — %1</source>
        <translation>層・役割ごとの SQNR — %1</translation>
    </message>
    <message>
        <source>layer</source>
        <translation>層</translation>
    </message>
    <message>
        <source>role</source>
        <translation>役割</translation>
    </message>
    <message>
        <source>SQNR (dB)</source>
        <translation>SQNR（dB）</translation>
    </message>
    <message>
        <source>not quantized</source>
        <translation>未量子化</translation>
    </message>
    <message>
        <source>not quantized, or exact (∞ dB)</source>
        <translation>未量子化、または誤差なし（∞ dB）</translation>
    </message>
    <message>
        <source>%1: kept as stored (%2)</source>
        <translation>%1: 保存形式のまま（%2）</translation>
    </message>
    <message>
        <source>%1: fell back to %2 (%3), %4 bits/weight</source>
        <translation>%1: %2 にフォールバック（%3）、%4 ビット/重み</translation>
    </message>
    <message>
        <source>%1: %2 bits/weight</source>
        <translation>%1: %2 ビット/重み</translation>
    </message>
    <message>
        <source> (%1 of %2 matrices fell back; the tooltip says to what)</source>
        <translation>（%2 行列中 %1 がフォールバック。ツールチップで詳細）</translation>
    </message>
</context>
<context>
    <name>TrainChecks</name>
    <message>
        <source>Open a model first: training starts from the open model.</source>
        <translation>まずモデルを開いてください。学習は開いているモデルから始まります。</translation>
    </message>
    <message>
        <source>GGUF models cannot be trained: open the model&apos;s Hugging Face checkpoint (config.json and safetensors) instead.</source>
        <translation>GGUF モデルは学習できません。代わりにモデルの Hugging Face チェックポイント（config.json と safetensors）を開いてください。</translation>
    </message>
    <message>
        <source>This model cannot be trained: %1</source>
        <translation>このモデルは学習できません: %1</translation>
    </message>
    <message>
        <source>Training needs %1: weights %2, gradients %3, AdamW moments %4, QAT working copy %5, activations %6.</source>
        <translation>学習に必要なメモリ %1: 重み %2、勾配 %3、AdamW モーメント %4、QAT 作業用コピー %5、活性化 %6。</translation>
    </message>
    <message>
        <source>Training needs %1: weights %2, gradients %3, AdamW moments %4, activations %5.</source>
        <translation>学習に必要なメモリ %1: 重み %2、勾配 %3、AdamW モーメント %4、活性化 %5。</translation>
    </message>
    <message>
        <source>%1 available.</source>
        <translation>利用可能: %1。</translation>
    </message>
    <message>
        <source>Choose the training data: a .txt or .jsonl file, or a folder of them.</source>
        <translation>学習データを選んでください: .txt または .jsonl ファイル、あるいはそれらを含むフォルダー。</translation>
    </message>
    <message>
        <source>%1: no such file or folder.</source>
        <translation>%1: ファイルまたはフォルダーが見つかりません。</translation>
    </message>
    <message>
        <source>%1: the folder holds no .txt or .jsonl file.</source>
        <translation>%1: フォルダーに .txt または .jsonl ファイルがありません。</translation>
    </message>
    <message>
        <source>%1: the file is empty: there is nothing to train on.</source>
        <translation>%1: ファイルが空です。学習するものがありません。</translation>
    </message>
    <message>
        <source>Choose an output folder for the checkpoint.</source>
        <translation>チェックポイントの出力フォルダーを選んでください。</translation>
    </message>
    <message>
        <source>%1 is the model&apos;s own folder or holds it: choose another output folder (training never replaces the model it starts from).</source>
        <translation>%1 はモデル自身のフォルダーか、それを含むフォルダーです。別の出力フォルダーを選んでください（学習は元のモデルを決して置き換えません）。</translation>
    </message>
    <message>
        <source>%1 is a file: choose a folder for the checkpoint.</source>
        <translation>%1 はファイルです。チェックポイント用のフォルダーを選んでください。</translation>
    </message>
    <message>
        <source>%1 holds other files: choose an empty or new folder (a checkpoint replaces the folder&apos;s contents).</source>
        <translation>%1 には他のファイルがあります。空のフォルダーか新しいフォルダーを選んでください（チェックポイントはフォルダーの内容を置き換えます）。</translation>
    </message>
    <message>
        <source>Check the settings: %1</source>
        <translation>設定を確認してください: %1</translation>
    </message>
    <message>
        <source>The QAT scheme does not fit this model: %1</source>
        <translation>QAT スキームはこのモデルに合いません: %1</translation>
    </message>
    <message>
        <source>Not enough memory. %1 Use a smaller batch or context.</source>
        <translation>メモリが足りません。%1 バッチかコンテキストを小さくしてください。</translation>
    </message>
</context>
<context>
    <name>ViewFormat</name>
    <message>
        <source>scalar</source>
        <translation>スカラー</translation>
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
        <translation>%1: まだ読み込めません</translation>
    </message>
    <message>
        <source>%1: %2 not readable yet</source>
        <comment>tensor name, tensor type BitCliff cannot decode</comment>
        <translation>%1: %2 はまだ読み込めません</translation>
    </message>
</context>
<context>
    <name>bitcliff::ChannelChartView</name>
    <message>
        <source>No tensor selected</source>
        <translation>テンソルが選択されていません</translation>
    </message>
    <message>
        <source>input channel</source>
        <translation>入力チャネル</translation>
    </message>
    <message>
        <source>output channel</source>
        <translation>出力チャネル</translation>
    </message>
    <message>
        <source>input channels, ranked by absmax</source>
        <translation>入力チャネル（absmax 順）</translation>
    </message>
    <message>
        <source>output channels, ranked by absmax</source>
        <translation>出力チャネル（absmax 順）</translation>
    </message>
    <message>
        <source>absmax |w| (log scale)</source>
        <translation>absmax |w|（対数スケール）</translation>
    </message>
    <message>
        <source>absmax |w|</source>
        <translation>absmax |w|</translation>
    </message>
    <message>
        <source>absmax per channel</source>
        <translation>チャネルごとの absmax</translation>
    </message>
    <message>
        <source>median %1</source>
        <translation>中央値 %1</translation>
    </message>
    <message>
        <source>outlier threshold (%1 × median)</source>
        <translation>外れ値しきい値（%1 × 中央値）</translation>
    </message>
    <message>
        <source>outlier channels (%1)</source>
        <translation>外れ値チャネル（%1）</translation>
    </message>
</context>
<context>
    <name>bitcliff::ChannelErrorScatterView</name>
    <message>
        <source>input-channel absmax |w|</source>
        <translation>入力チャネルごとの absmax |w|</translation>
    </message>
    <message>
        <source>per-channel MSE</source>
        <translation>チャネルごとの MSE</translation>
    </message>
    <message>
        <source>No tensor selected</source>
        <translation>テンソルが選択されていません</translation>
    </message>
    <message>
        <source>%1: needs the model&apos;s per-channel statistics</source>
        <translation>%1: モデルのチャネルごとの統計量が必要です</translation>
    </message>
    <message>
        <source>input channels (%1)</source>
        <translation>入力チャネル（%1）</translation>
    </message>
    <message>
        <source>%1, … %2 more</source>
        <translation>%1, … ほか %2 個</translation>
    </message>
    <message>
        <source>outlier channels: none</source>
        <translation>外れ値チャネル: なし</translation>
    </message>
    <message>
        <source>outlier channels (%1): %2</source>
        <translation>外れ値チャネル（%1）: %2</translation>
    </message>
    <message>
        <source>zeros, on the axis floor (%1)</source>
        <translation>ゼロ値、軸の下端に表示（%1）</translation>
    </message>
    <message>
        <source>tensor MSE %1</source>
        <translation>テンソル MSE %1</translation>
    </message>
    <message>
        <source>Per input channel: quantization MSE against weight absmax. Outlier channels set their groups&apos; scale; the channels sharing those groups lose precision.</source>
        <translation>入力チャネルごと：量子化 MSE と重みの absmax。外れ値チャネルがグループのスケールを決め、同じグループの他のチャネルが精度を失います。</translation>
    </message>
</context>
<context>
    <name>bitcliff::ChartExport</name>
    <message>
        <source>Exported by BitCliff</source>
        <translation>BitCliff でエクスポート</translation>
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
        <translation>%1（対数スケール）</translation>
    </message>
    <message>
        <source>unquantized</source>
        <translation>未量子化</translation>
    </message>
    <message>
        <source>%1-bit</source>
        <comment>the bit-width floor marker</comment>
        <translation>%1 ビット</translation>
    </message>
    <message>
        <source>%1: %2 bpw, %3 %4</source>
        <comment>scheme: bits per weight, metric value</comment>
        <translation>%1: %2 bpw、%3 %4</translation>
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
        <translation>データなし</translation>
    </message>
    <message>
        <source>%1 (showing %2–%3 of %4)</source>
        <translation>%1（%4 中 %2–%3 を表示）</translation>
    </message>
    <message>
        <source>%1 %2, %3 %4: %5</source>
        <translation>%1 %2、%3 %4: %5</translation>
    </message>
    <message>
        <source>missing</source>
        <translation>欠損</translation>
    </message>
    <message>
        <source>(the largest of the cells under the cursor)</source>
        <translation>（カーソル下のセルの最大値）</translation>
    </message>
    <message>
        <source>%1 range %2–%3</source>
        <translation>%1範囲 %2–%3</translation>
    </message>
    <message>
        <source>(the cell farthest from %1 under the cursor)</source>
        <translation>（カーソル下のセルのうち %1 から最も離れた値）</translation>
    </message>
</context>
<context>
    <name>bitcliff::HistogramChartView</name>
    <message>
        <source>weight value</source>
        <translation>重みの値</translation>
    </message>
    <message>
        <source>No tensor selected</source>
        <translation>テンソルが選択されていません</translation>
    </message>
    <message>
        <source>count (log scale)</source>
        <translation>度数（対数スケール）</translation>
    </message>
    <message>
        <source>count</source>
        <translation>度数</translation>
    </message>
    <message>
        <source>weights, kurtosis %1</source>
        <translation>重み、尖度 %1</translation>
    </message>
    <message>
        <source>weights</source>
        <translation>重み</translation>
    </message>
    <message>
        <source>Gaussian, same mean and std</source>
        <translation>ガウス分布（平均・標準偏差が同一）</translation>
    </message>
</context>
<context>
    <name>bitcliff::LossCurveView</name>
    <message>
        <source>Training loss</source>
        <translation>学習損失</translation>
    </message>
    <message>
        <source>step</source>
        <translation>ステップ</translation>
    </message>
    <message>
        <source>loss (nats/token)</source>
        <translation>損失（nats/トークン）</translation>
    </message>
    <message>
        <source>training loss per step</source>
        <translation>ステップごとの学習損失</translation>
    </message>
    <message>
        <source>training loss</source>
        <translation>学習損失</translation>
    </message>
    <message numerus="yes">
        <source>training loss, smoothed over %n step(s)</source>
        <translation>
            <numerusform>学習損失（%n ステップで平滑化）</numerusform>
        </translation>
    </message>
    <message>
        <source>held-out loss</source>
        <translation>検証損失（学習外データ）</translation>
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
        <translation>Δ 正解率（pt）</translation>
    </message>
    <message>
        <source>n/a</source>
        <comment>no value measured</comment>
        <translation>未測定</translation>
    </message>
    <message>
        <source>Δ: change from the unquantized model (pp: percentage points). Bars: each metric&apos;s damage as a share of its worst value in this table; longer is worse.</source>
        <translation>Δ: 未量子化モデルからの変化（pt: パーセントポイント）。バー: 各指標の劣化を、この表におけるその指標の最悪値に対する割合で示します。長いほど悪化しています。</translation>
    </message>
    <message>
        <source>%1, %2
%3: %4</source>
        <comment>language, scheme, metric: value</comment>
        <translation>%1、%2
%3: %4</translation>
    </message>
    <message>
        <source>%1% of the worst damage by this metric in the table</source>
        <translation>この表におけるこの指標の最悪の劣化の %1%</translation>
    </message>
</context>
<context>
    <name>bitcliff::ModelTreeModel</name>
    <message>
        <source>Not computed: %1</source>
        <translation>未計算: %1</translation>
    </message>
    <message>
        <source>Statistics have not been computed yet</source>
        <translation>統計量はまだ計算されていません</translation>
    </message>
    <message>
        <source>No statistics for this tensor</source>
        <translation>このテンソルの統計量はありません</translation>
    </message>
    <message>
        <source>Embeddings &amp; head</source>
        <translation>埋め込みとヘッド</translation>
    </message>
    <message>
        <source>Layer %1</source>
        <translation>層 %1</translation>
    </message>
    <message>
        <source>1 tensor</source>
        <translation>テンソル 1 個</translation>
    </message>
    <message>
        <source>%1 tensors</source>
        <translation>テンソル %1 個</translation>
    </message>
    <message>
        <source>%1 parameters</source>
        <translation>%1 パラメータ</translation>
    </message>
    <message>
        <source>No statistics for this group yet</source>
        <translation>このグループの統計量はまだありません</translation>
    </message>
    <message>
        <source>Pearson kurtosis (Gaussian = 3); heavy tails make it large</source>
        <translation>Pearson の尖度（ガウス分布 = 3）。裾が重いほど大きくなります</translation>
    </message>
    <message>
        <source>%1 of %2 input channels and %3 of %4 output channels exceed %5 (%6 × median)</source>
        <translation>入力チャネル %2 個中 %1 個、出力チャネル %4 個中 %3 個が %5（%6 × 中央値）を超えています</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>名前</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>役割</translation>
    </message>
    <message>
        <source>Shape</source>
        <translation>形状</translation>
    </message>
    <message>
        <source>DType</source>
        <translation>データ型</translation>
    </message>
    <message>
        <source>Parameters</source>
        <translation>パラメータ</translation>
    </message>
    <message>
        <source>Absmax</source>
        <translation>Absmax</translation>
    </message>
    <message>
        <source>Kurtosis</source>
        <translation>尖度</translation>
    </message>
    <message>
        <source>Shape in PyTorch order: output × input</source>
        <translation>PyTorch の順序での形状: 出力 × 入力</translation>
    </message>
    <message>
        <source>Largest absolute weight |w|</source>
        <translation>重みの絶対値 |w| の最大値</translation>
    </message>
    <message>
        <source>Pearson kurtosis of the weights (Gaussian = 3)</source>
        <translation>重みの Pearson 尖度（ガウス分布 = 3）</translation>
    </message>
    <message>
        <source>Input channels whose absmax exceeds k × the median channel absmax</source>
        <translation>absmax が「k × チャネル absmax の中央値」を超える入力チャネル</translation>
    </message>
    <message>
        <source>%1 — BitCliff cannot decode this type, so the tensor has no statistics</source>
        <translation>%1 — BitCliff はこの型をデコードできないため、このテンソルには統計がありません</translation>
    </message>
    <message>
        <source>%1; the group&apos;s figures summarise them</source>
        <translation>%1。グループの値はそれらの要約です</translation>
    </message>
    <message>
        <source>Absmax: the max over %1 with statistics</source>
        <translation>Absmax：統計のある %1 の最大値</translation>
    </message>
    <message>
        <source>Kurtosis is a per-tensor figure: see the tensors below</source>
        <translation>尖度はテンソルごとの値です。下のテンソルを見てください</translation>
    </message>
    <message>
        <source>Outlier input channels, summed over %1 with statistics</source>
        <translation>外れ値の入力チャネル（統計のある %1 の合計）</translation>
    </message>
    <message>
        <source>Outliers</source>
        <translation>外れ値</translation>
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
        <translation>データ型</translation>
    </message>
    <message>
        <source>Elements</source>
        <translation>要素数</translation>
    </message>
    <message>
        <source>Non-finite</source>
        <translation>非有限値</translation>
    </message>
    <message>
        <source>Absmax</source>
        <translation>Absmax</translation>
    </message>
    <message>
        <source>Mean</source>
        <translation>平均</translation>
    </message>
    <message>
        <source>Std</source>
        <translation>標準偏差</translation>
    </message>
    <message>
        <source>Kurtosis</source>
        <translation>尖度</translation>
    </message>
    <message>
        <source>Outlier output channels</source>
        <translation>外れ値出力チャネル</translation>
    </message>
    <message>
        <source>Outlier input channels</source>
        <translation>外れ値入力チャネル</translation>
    </message>
    <message>
        <source>Outlier threshold</source>
        <translation>外れ値しきい値</translation>
    </message>
    <message>
        <source>Axis</source>
        <translation>軸</translation>
    </message>
    <message>
        <source>Channel</source>
        <translation>チャネル</translation>
    </message>
    <message>
        <source>× median</source>
        <translation>× 中央値</translation>
    </message>
    <message>
        <source>Channel absmax divided by the median channel absmax</source>
        <translation>チャネル absmax をチャネル absmax の中央値で割った値</translation>
    </message>
    <message>
        <source>No tensor selected</source>
        <translation>テンソルが選択されていません</translation>
    </message>
    <message>
        <source>Statistics have not been computed yet</source>
        <translation>統計量はまだ計算されていません</translation>
    </message>
    <message>
        <source>Not computed: %1</source>
        <translation>未計算: %1</translation>
    </message>
    <message>
        <source>NaN and infinite values, left out of every statistic</source>
        <translation>NaN および無限大の値（すべての統計量から除外）</translation>
    </message>
    <message>
        <source>Largest absolute value |w|</source>
        <translation>絶対値 |w| の最大値</translation>
    </message>
    <message>
        <source>Population standard deviation</source>
        <translation>母標準偏差</translation>
    </message>
    <message>
        <source>%1 (Gaussian = 3)</source>
        <translation>%1（ガウス分布 = 3）</translation>
    </message>
    <message>
        <source>Pearson kurtosis: far above 3 means heavy tails, which waste quantization levels</source>
        <translation>Pearson の尖度: 3 を大きく上回る場合は裾が重く、量子化レベルが無駄になります</translation>
    </message>
    <message>
        <source>%1 of %2 %3</source>
        <translation>%3 %2 個中 %1 個</translation>
    </message>
    <message>
        <source>output channels</source>
        <translation>出力チャネル</translation>
    </message>
    <message>
        <source>input channels</source>
        <translation>入力チャネル</translation>
    </message>
    <message>
        <source>%1 × median: %2 (output), %3 (input)</source>
        <translation>%1 × 中央値: %2（出力）、%3（入力）</translation>
    </message>
    <message>
        <source>A channel is an outlier when its absmax exceeds k times the median channel absmax</source>
        <translation>チャネルの absmax がチャネル absmax の中央値の k 倍を超えると、そのチャネルは外れ値とみなされます</translation>
    </message>
    <message>
        <source>input</source>
        <translation>入力</translation>
    </message>
    <message>
        <source>output</source>
        <translation>出力</translation>
    </message>
    <message>
        <source>No outlier channels</source>
        <translation>外れ値チャネルなし</translation>
    </message>
    <message>
        <source>Outlier channels</source>
        <translation>外れ値チャネル</translation>
    </message>
    <message>
        <source>Outlier channels (%1)</source>
        <translation>外れ値チャネル（%1）</translation>
    </message>
    <message>
        <source>Top %1 of %2 outlier channels</source>
        <translation>外れ値チャネル %2 個中の上位 %1 個</translation>
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
        <translation>失敗</translation>
    </message>
    <message>
        <source>This cell failed.</source>
        <translation>このセルは失敗しました。</translation>
    </message>
    <message>
        <source>Failed: %1</source>
        <translation>失敗: %1</translation>
    </message>
    <message>
        <source>Bits per weight as stored over the quantized tensors, scales included</source>
        <translation>量子化テンソル全体での保存時の重みあたりのビット数（スケール込み）</translation>
    </message>
    <message>
        <source>Mean KL divergence from the unquantized model&apos;s next-token distribution, in nats</source>
        <translation>未量子化モデルの次トークン分布からの平均 KL ダイバージェンス（nats）</translation>
    </message>
    <message>
        <source>How often the most likely next token is the unquantized model&apos;s</source>
        <translation>最も確率の高い次トークンが未量子化モデルと一致する割合</translation>
    </message>
    <message>
        <source>Scheme</source>
        <translation>方式</translation>
    </message>
    <message>
        <source>Method</source>
        <translation>手法</translation>
    </message>
    <message>
        <source>Bits</source>
        <translation>ビット</translation>
    </message>
    <message>
        <source>Bits/weight</source>
        <translation>ビット/重み</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>状態</translation>
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
        <translation>トップ一致（%）</translation>
    </message>
    <message>
        <source>Accuracy (%)</source>
        <translation>正解率（%）</translation>
    </message>
    <message>
        <source>Time (s)</source>
        <translation>時間（秒）</translation>
    </message>
</context>
<context>
    <name>bitcliff::app::ActivationHeatmaps</name>
    <message>
        <source>attention input (q/k/v)</source>
        <translation>アテンション入力（q/k/v）</translation>
    </message>
    <message>
        <source>attention output (o_proj input)</source>
        <translation>アテンション出力（o_proj 入力）</translation>
    </message>
    <message>
        <source>MLP input (gate/up)</source>
        <translation>MLP 入力（gate/up）</translation>
    </message>
    <message>
        <source>MLP down_proj input</source>
        <translation>MLP down_proj 入力</translation>
    </message>
    <message>
        <source>%1: per-channel mean |activation| over %2 tokens</source>
        <translation>%1: %2 トークンにわたるチャネルごとの平均 |活性化|</translation>
    </message>
    <message>
        <source>%1: per-channel activation absmax over %2 tokens</source>
        <translation>%1: %2 トークンにわたるチャネルごとの活性化 absmax</translation>
    </message>
    <message>
        <source>layer</source>
        <translation>層</translation>
    </message>
    <message>
        <source>channel</source>
        <translation>チャネル</translation>
    </message>
    <message>
        <source>mean |x|</source>
        <translation>平均 |x|</translation>
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
        <translation>キャリブレーション:</translation>
    </message>
    <message>
        <source>None (gptq schemes need text)</source>
        <translation>なし（gptq 方式にはテキストが必要）</translation>
    </message>
    <message>
        <source>Bundled passages (the evaluation text too)</source>
        <translation>同梱の文章（評価テキストと同じ）</translation>
    </message>
    <message>
        <source>Text that calibrated schemes (gptq) run the model on to see its activations. Text the evaluation also measures flatters them: prefer text of its own.</source>
        <translation>キャリブレーション方式（gptq）が活性化を見るためにモデルを実行するテキスト。評価でも測るテキストは結果を良く見せるので、別のテキストを推奨します。</translation>
    </message>
    <message>
        <source>Choose…</source>
        <translation>選択…</translation>
    </message>
    <message>
        <source> sequences</source>
        <translation> シーケンス</translation>
    </message>
    <message>
        <source> tokens</source>
        <translation> トークン</translation>
    </message>
    <message>
        <source>Calibration text</source>
        <translation>キャリブレーション用テキスト</translation>
    </message>
    <message>
        <source>Text or task files (*.txt *.jsonl);;All files (*)</source>
        <translation>テキストまたはタスクファイル (*.txt *.jsonl);;すべてのファイル (*)</translation>
    </message>
</context>
<context>
    <name>bitcliff::app::CliffController</name>
    <message numerus="yes">
        <source>Sweeping %n cell(s) into %1</source>
        <translation>
            <numerusform>%n 個のセルをスイープ（%1 へ）</numerusform>
        </translation>
    </message>
    <message>
        <source>Opening the sweep in %1</source>
        <translation>%1 のスイープを開いています</translation>
    </message>
    <message>
        <source>Writing the sweep report to %1</source>
        <translation>スイープのレポートを %1 に書き込んでいます</translation>
    </message>
</context>
<context>
    <name>bitcliff::app::CliffEvalSet</name>
    <message>
        <source>Text:</source>
        <translation>テキスト:</translation>
    </message>
    <message>
        <source>Bundled passages</source>
        <translation>同梱の文章</translation>
    </message>
    <message>
        <source>A file or folder (choose one)</source>
        <translation>ファイルまたはフォルダー（選択してください）</translation>
    </message>
    <message>
        <source>No text (tasks only)</source>
        <translation>テキストなし（タスクのみ）</translation>
    </message>
    <message>
        <source>Text file…</source>
        <translation>テキストファイル…</translation>
    </message>
    <message>
        <source>Folder…</source>
        <translation>フォルダー…</translation>
    </message>
    <message>
        <source>A folder of &lt;language&gt;.txt files, evaluated one by one.</source>
        <translation>&lt;language&gt;.txt ファイルのフォルダー。1 つずつ評価されます。</translation>
    </message>
    <message>
        <source>Tasks:</source>
        <translation>タスク:</translation>
    </message>
    <message>
        <source>Arithmetic</source>
        <translation>算数</translation>
    </message>
    <message>
        <source>Knowledge</source>
        <translation>知識</translation>
    </message>
    <message>
        <source>Reasoning</source>
        <translation>推論</translation>
    </message>
    <message>
        <source>Task file…</source>
        <translation>タスクファイル…</translation>
    </message>
    <message>
        <source>JSON Lines: multiple choice or generation items, optionally labelled with difficulty and language.</source>
        <translation>JSON Lines: 多肢選択式または生成式の問題。難易度と言語のラベルを任意で付けられます。</translation>
    </message>
    <message>
        <source>Folder of &lt;language&gt;.txt files</source>
        <translation>&lt;language&gt;.txt ファイルのフォルダー</translation>
    </message>
    <message>
        <source>Evaluation text</source>
        <translation>評価用テキスト</translation>
    </message>
    <message>
        <source>Text files (*.txt);;All files (*)</source>
        <translation>テキストファイル (*.txt);;すべてのファイル (*)</translation>
    </message>
    <message>
        <source>Task file</source>
        <translation>タスクファイル</translation>
    </message>
    <message>
        <source>JSON Lines (*.jsonl);;All files (*)</source>
        <translation>JSON Lines (*.jsonl);;すべてのファイル (*)</translation>
    </message>
</context>
<context>
    <name>bitcliff::app::CliffForm</name>
    <message>
        <source>Preset:</source>
        <translation>プリセット:</translation>
    </message>
    <message>
        <source>Quick (a few minutes)</source>
        <translation>クイック（数分）</translation>
    </message>
    <message>
        <source>Full (every method)</source>
        <translation>フル（全手法）</translation>
    </message>
    <message>
        <source>Custom</source>
        <translation>カスタム</translation>
    </message>
    <message>
        <source>Save spec…</source>
        <translation>仕様を保存…</translation>
    </message>
    <message>
        <source>The same JSON as bitcliff-cli sweep --spec FILE.</source>
        <translation>bitcliff-cli sweep --spec FILE と同じ JSON です。</translation>
    </message>
    <message>
        <source>Load spec…</source>
        <translation>仕様を読み込む…</translation>
    </message>
    <message>
        <source>Context:</source>
        <translation>コンテキスト:</translation>
    </message>
    <message>
        <source> tokens</source>
        <translation> トークン</translation>
    </message>
    <message>
        <source>n_ctx of llama.cpp&apos;s perplexity: the text is cut into chunks of this many tokens and the second half of each chunk is scored.</source>
        <translation>llama.cpp の perplexity における n_ctx: テキストをこのトークン数ずつのチャンクに分割し、各チャンクの後半を評価します。</translation>
    </message>
    <message>
        <source>Answer length:</source>
        <translation>回答の長さ:</translation>
    </message>
    <message>
        <source>The most tokens generated for a generation task&apos;s answer.</source>
        <translation>生成式の問題の回答で生成する最大トークン数。</translation>
    </message>
    <message>
        <source>Output folder:</source>
        <translation>出力フォルダー:</translation>
    </message>
    <message>
        <source>sweep.json and results.jsonl go here; running again with the same folder resumes.</source>
        <translation>sweep.json と results.jsonl はここに保存されます。同じフォルダーで再実行すると続きから再開します。</translation>
    </message>
    <message>
        <source>Choose…</source>
        <translation>選択…</translation>
    </message>
    <message>
        <source>Open a model first.</source>
        <translation>先にモデルを開いてください。</translation>
    </message>
    <message>
        <source>Check at least one scheme.</source>
        <translation>方式を 1 つ以上選択してください。</translation>
    </message>
    <message>
        <source>Choose a text or at least one task set.</source>
        <translation>テキストまたは 1 つ以上のタスクセットを選択してください。</translation>
    </message>
    <message>
        <source>Sweep output folder</source>
        <translation>スイープの出力フォルダー</translation>
    </message>
    <message>
        <source>Saved the spec to %1.</source>
        <translation>仕様を %1 に保存しました。</translation>
    </message>
    <message>
        <source>Loaded the spec from %1.</source>
        <translation>%1 から仕様を読み込みました。</translation>
    </message>
    <message>
        <source>It names the model %1; the sweep runs on the open model.</source>
        <translation>仕様にはモデル %1 が指定されていますが、スイープは開いているモデルで実行されます。</translation>
    </message>
    <message>
        <source>Save sweep spec</source>
        <translation>スイープ仕様を保存</translation>
    </message>
    <message>
        <source>JSON (*.json);;All files (*)</source>
        <translation>JSON (*.json);;すべてのファイル (*)</translation>
    </message>
    <message>
        <source>Load sweep spec</source>
        <translation>スイープ仕様を読み込む</translation>
    </message>
    <message>
        <source>The text gptq cells calibrate on, cut into sequences × tokens; part of the sweep&apos;s measurement, like the evaluation set.</source>
        <translation>gptq のセルがキャリブレーションに使うテキスト（シーケンス × トークンに分割）。評価セットと同じく、スイープの測定条件の一部です。</translation>
    </message>
    <message>
        <source>%1 needs calibration text: choose it under Calibration.</source>
        <translation>%1 にはキャリブレーション用テキストが必要です: 「キャリブレーション」で選んでください。</translation>
    </message>
</context>
<context>
    <name>bitcliff::app::CliffPage</name>
    <message numerus="yes">
        <source>All %n cell(s) already finished in %1: nothing to run.</source>
        <translation>
            <numerusform>%1 の %n 個のセルはすべて完了済みです。実行するものはありません。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1 of %n cell(s) already finished in %2: resuming. Progress, time left and Cancel are in the Jobs panel.</source>
        <translation>
            <numerusform>%2 で %n 個中 %1 個のセルが完了済みです。再開します。進捗、残り時間、キャンセルは「ジョブ」パネルにあります。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Sweeping %n cell(s) into %1. Progress, time left and Cancel are in the Jobs panel.</source>
        <translation>
            <numerusform>%n 個のセルをスイープし、%1 に保存します。進捗、残り時間、キャンセルは「ジョブ」パネルにあります。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Cancelled: the %n finished cell(s) stay in %1; run again to resume.</source>
        <translation>
            <numerusform>キャンセルしました。完了した %n 個のセルは %1 に残ります。再実行すると再開します。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Opened %n cell(s) from %1.</source>
        <translation>
            <numerusform>%1 から %n 個のセルを開きました。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Skipped %n unreadable line(s): %1</source>
        <translation>
            <numerusform>読み取れない %n 行をスキップしました: %1</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Wrote %n file(s) to %1.</source>
        <translation>
            <numerusform>%n 個のファイルを %1 に書き込みました。</numerusform>
        </translation>
    </message>
    <message>
        <source>Run sweep</source>
        <translation>スイープを実行</translation>
    </message>
    <message>
        <source>Runs the unquantized model and every checked scheme on the evaluation set; each finished cell is saved at once, so running again with the same folder resumes.</source>
        <translation>評価セットで未量子化モデルと選択したすべての方式を実行します。完了したセルはすぐに保存されるため、同じフォルダーで再実行すると続きから再開します。</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>キャンセル</translation>
    </message>
    <message>
        <source>Open results…</source>
        <translation>結果を開く…</translation>
    </message>
    <message>
        <source>Shows the results of an earlier sweep (a folder with results.jsonl and sweep.json).</source>
        <translation>以前のスイープの結果を表示します（results.jsonl と sweep.json を含むフォルダー）。</translation>
    </message>
    <message>
        <source>Export report…</source>
        <translation>レポートをエクスポート…</translation>
    </message>
    <message>
        <source>Charts (PNG, SVG, PDF), report.html and results.csv/json of the cells shown.</source>
        <translation>表示中のセルのグラフ（PNG、SVG、PDF）、report.html、results.csv/json。</translation>
    </message>
    <message>
        <source>The accuracy cliff: how each quantization method&apos;s damage grows as its bits per weight shrink. Check schemes and an evaluation set, then run.</source>
        <translation>精度の崖: 重みあたりのビット数が減るにつれて、各量子化手法の劣化がどう大きくなるかを示します。方式と評価セットを選択して実行してください。</translation>
    </message>
    <message>
        <source>Fix the scheme text first: %1</source>
        <translation>先に方式の文字列を修正してください: %1</translation>
    </message>
    <message>
        <source>Choose an output folder.</source>
        <translation>出力フォルダーを選択してください。</translation>
    </message>
    <message>
        <source>Opening the model and the evaluation set…</source>
        <translation>モデルと評価セットを開いています…</translation>
    </message>
    <message numerus="yes">
        <source>Sweep finished in %1: %n cell(s)</source>
        <translation>
            <numerusform>%1 のスイープが完了しました: %n 個のセル</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>, %n resumed</source>
        <translation>
            <numerusform>、うち %n 個は前回の結果</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>, %n failed (see the table)</source>
        <translation>
            <numerusform>、%n 個が失敗（表を参照）</numerusform>
        </translation>
    </message>
    <message>
        <source>Opening %1…</source>
        <translation>%1 を開いています…</translation>
    </message>
    <message>
        <source>Writing the report to %1…</source>
        <translation>レポートを %1 に書き込んでいます…</translation>
    </message>
    <message>
        <source>Open sweep results</source>
        <translation>スイープ結果を開く</translation>
    </message>
    <message>
        <source>Export the sweep report to</source>
        <translation>スイープレポートのエクスポート先</translation>
    </message>
</context>
<context>
    <name>bitcliff::app::CliffResultsView</name>
    <message>
        <source>ln PPL ratio</source>
        <translation>ln PPL 比</translation>
    </message>
    <message>
        <source>KL divergence</source>
        <translation>KL ダイバージェンス</translation>
    </message>
    <message>
        <source>same top token</source>
        <translation>トップトークン一致率</translation>
    </message>
    <message>
        <source>task accuracy</source>
        <translation>タスク正解率</translation>
    </message>
    <message>
        <source>perplexity</source>
        <translation>パープレキシティ</translation>
    </message>
    <message>
        <source>Metric:</source>
        <translation>指標:</translation>
    </message>
    <message>
        <source>Bits:</source>
        <translation>ビット:</translation>
    </message>
    <message>
        <source>stored bits/weight</source>
        <translation>保存時のビット/重み</translation>
    </message>
    <message>
        <source>nominal bits</source>
        <translation>公称ビット数</translation>
    </message>
    <message>
        <source>Stored: the bits each weight takes with its scales and zero points; nominal: the code bits of the scheme (q4_k and rtn:b4 are both 4).</source>
        <translation>保存時: スケールとゼロ点を含めて各重みが占めるビット数。公称: 方式の符号ビット数（q4_k と rtn:b4 はどちらも 4）。</translation>
    </message>
    <message>
        <source>View:</source>
        <translation>表示:</translation>
    </message>
    <message>
        <source>Single chart</source>
        <translation>単一のグラフ</translation>
    </message>
    <message>
        <source>By difficulty</source>
        <translation>難易度別</translation>
    </message>
    <message>
        <source>By language</source>
        <translation>言語別</translation>
    </message>
    <message>
        <source>By task file</source>
        <translation>タスクファイル別</translation>
    </message>
    <message>
        <source>Metric disagreement</source>
        <translation>指標間の不一致</translation>
    </message>
    <message>
        <source>One chart, small multiples (a panel per difficulty tier, language or task file on shared axes), or per language the three measures of damage side by side.</source>
        <translation>1 つのグラフ、スモールマルチプル（難易度、言語、タスクファイルごとのパネルを共通の軸で並べる）、または言語ごとに 3 つの劣化指標を並べた表示。</translation>
    </message>
    <message>
        <source>No results yet: run a sweep or open the results of one.</source>
        <translation>まだ結果がありません。スイープを実行するか、以前のスイープの結果を開いてください。</translation>
    </message>
    <message>
        <source>No finished cell has this metric yet.</source>
        <translation>この指標を持つ完了済みのセルはまだありません。</translation>
    </message>
    <message>
        <source>No panels for this metric in this view: text metrics split by language (texts that name their language), task accuracy by difficulty, language and task file.</source>
        <translation>このビューにはこの指標のパネルがありません。テキストの指標は言語別（言語が指定されたテキスト）に、タスク正解率は難易度・言語・タスクファイル別に分かれます。</translation>
    </message>
    <message>
        <source>By language and difficulty</source>
        <translation>言語と難易度別</translation>
    </message>
    <message>
        <source>answer loss</source>
        <translation>回答の損失</translation>
    </message>
</context>
<context>
    <name>bitcliff::app::CliffSchemeGrid</name>
    <message>
        <source>%1 bits</source>
        <translation>%1 ビット</translation>
    </message>
    <message>
        <source>GGUF K-quants</source>
        <translation>GGUF K-quant 系</translation>
    </message>
    <message>
        <source>GGUF legacy</source>
        <translation>GGUF レガシー</translation>
    </message>
    <message>
        <source>GGUF legacy with minimum</source>
        <translation>GGUF レガシー（最小値付き）</translation>
    </message>
    <message>
        <source>RTN g128 symmetric</source>
        <translation>RTN g128 対称</translation>
    </message>
    <message>
        <source>RTN g128 asymmetric</source>
        <translation>RTN g128 非対称</translation>
    </message>
    <message>
        <source>HQQ g64</source>
        <translation>HQQ g64</translation>
    </message>
    <message>
        <source>Float and lookup formats</source>
        <translation>浮動小数点・ルックアップ形式</translation>
    </message>
    <message>
        <source>Schemes:</source>
        <translation>方式:</translation>
    </message>
    <message>
        <source>Other scheme:</source>
        <translation>その他の方式:</translation>
    </message>
    <message>
        <source>any scheme text, e.g. rtn:b3:g64:asym or nf4:g128:dq, then Enter</source>
        <translation>任意の方式文字列（例: rtn:b3:g64:asym、nf4:g128:dq）を入力して Enter</translation>
    </message>
    <message>
        <source>The scheme grammar is in bitcliff-cli --help.</source>
        <translation>方式の文法は bitcliff-cli --help を参照してください。</translation>
    </message>
    <message>
        <source>GPTQ g128 symmetric</source>
        <translation>GPTQ g128 対称</translation>
    </message>
    <message>
        <source>GPTQ g128 asymmetric</source>
        <translation>GPTQ g128 非対称</translation>
    </message>
    <message>
        <source>Calibrated on the text chosen under Calibration: slower than rounding, and needs that text.</source>
        <translation>「キャリブレーション」で選んだテキストでキャリブレーションします。丸めより遅く、そのテキストが必要です。</translation>
    </message>
    <message>
        <source>AWQ g128 asymmetric</source>
        <translation>AWQ g128 非対称</translation>
    </message>
    <message>
        <source>RTN g128 asymmetric, rotated</source>
        <translation>RTN g128 非対称・回転</translation>
    </message>
</context>
<context>
    <name>bitcliff::app::EvalCharts</name>
    <message>
        <source>Text (language)</source>
        <translation>テキスト（言語）</translation>
    </message>
    <message>
        <source>Perplexity per language</source>
        <translation>言語ごとのパープレキシティ</translation>
    </message>
    <message>
        <source>KL divergence per language</source>
        <translation>言語ごとの KL ダイバージェンス</translation>
    </message>
    <message>
        <source>Same top token per language</source>
        <translation>言語ごとのトップトークン一致率</translation>
    </message>
    <message>
        <source>Accuracy per difficulty</source>
        <translation>難易度ごとの正解率</translation>
    </message>
    <message>
        <source>Accuracy per language</source>
        <translation>言語ごとの正解率</translation>
    </message>
    <message>
        <source>Accuracy per task file</source>
        <translation>タスクファイルごとの正解率</translation>
    </message>
    <message>
        <source>Tokens per character (fertility)</source>
        <translation>文字あたりのトークン数（fertility）</translation>
    </message>
    <message>
        <source>Perplexity (log scale, lower is better)</source>
        <translation>パープレキシティ（対数スケール、低いほど良い）</translation>
    </message>
    <message>
        <source>Mean KLD to unquantized (nats)</source>
        <translation>未量子化モデルとの平均 KLD（nats）</translation>
    </message>
    <message>
        <source>Tokens per character</source>
        <translation>文字あたりのトークン数</translation>
    </message>
    <message>
        <source>tokenizer</source>
        <translation>トークナイザー</translation>
    </message>
    <message>
        <source>Difficulty</source>
        <translation>難易度</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>言語</translation>
    </message>
    <message>
        <source>Task file</source>
        <translation>タスクファイル</translation>
    </message>
    <message>
        <source>%1 · %2 bpw</source>
        <translation>%1 · %2 bpw</translation>
    </message>
    <message>
        <source>Same top token as unquantized (%, 0–100)</source>
        <translation>非量子化と同じ最上位トークン（%、0–100）</translation>
    </message>
    <message>
        <source>Accuracy (%, 0–100)</source>
        <translation>正解率（%、0–100）</translation>
    </message>
</context>
<context>
    <name>bitcliff::app::EvalTables</name>
    <message>
        <source>Run</source>
        <translation>実行</translation>
    </message>
    <message>
        <source>Text</source>
        <translation>テキスト</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>言語</translation>
    </message>
    <message>
        <source>Tokens</source>
        <translation>トークン数</translation>
    </message>
    <message>
        <source>Tokens/char</source>
        <translation>トークン/文字</translation>
    </message>
    <message>
        <source>Tokens/word</source>
        <translation>トークン/単語</translation>
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
        <translation>トップ一致 %</translation>
    </message>
    <message>
        <source>RMS Δp %</source>
        <translation>RMS Δp %</translation>
    </message>
    <message>
        <source>Items</source>
        <translation>項目数</translation>
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
        <translation>ビット/重み</translation>
    </message>
    <message>
        <source>Bits/weight (quantized tensors)</source>
        <translation>ビット/重み（量子化テンソル）</translation>
    </message>
    <message>
        <source>Bits/weight (model)</source>
        <translation>ビット/重み（モデル）</translation>
    </message>
    <message>
        <source>Tensors as asked</source>
        <translation>指定どおりのテンソル</translation>
    </message>
    <message>
        <source>Fell back</source>
        <translation>フォールバック</translation>
    </message>
    <message>
        <source>Kept</source>
        <translation>そのまま</translation>
    </message>
    <message>
        <source>What was done</source>
        <translation>実施内容</translation>
    </message>
    <message>
        <source>as stored</source>
        <translation>保存形式のまま</translation>
    </message>
</context>
<context>
    <name>bitcliff::app::EvaluateController</name>
    <message>
        <source>Evaluating the unquantized model</source>
        <translation>未量子化モデルを評価中</translation>
    </message>
    <message>
        <source>Evaluating %1</source>
        <translation>%1 を評価中</translation>
    </message>
    <message>
        <source>Evaluating %1 on the model and on %2</source>
        <translation>%1 をモデルと %2 で評価中</translation>
    </message>
</context>
<context>
    <name>bitcliff::app::EvaluateForm</name>
    <message>
        <source>Text:</source>
        <translation>テキスト:</translation>
    </message>
    <message>
        <source>Bundled passages (%1 languages)</source>
        <translation>同梱の文章（%1 言語）</translation>
    </message>
    <message>
        <source>No text (tasks only)</source>
        <translation>テキストなし（タスクのみ）</translation>
    </message>
    <message>
        <source>Other text</source>
        <translation>その他のテキスト</translation>
    </message>
    <message>
        <source>Text file…</source>
        <translation>テキストファイル…</translation>
    </message>
    <message>
        <source>Folder of parallel texts…</source>
        <translation>対訳テキストのフォルダー…</translation>
    </message>
    <message>
        <source>A UTF-8 text file, or a folder of &lt;language&gt;.txt files evaluated one by one.</source>
        <translation>UTF-8 テキストファイル、または &lt;language&gt;.txt ファイルのフォルダー（1 ファイルずつ評価）。</translation>
    </message>
    <message>
        <source>Tasks:</source>
        <translation>タスク:</translation>
    </message>
    <message>
        <source>Task file…</source>
        <translation>タスクファイル…</translation>
    </message>
    <message>
        <source>JSON Lines: multiple choice or generation items, optionally labelled with difficulty and language.</source>
        <translation>JSON Lines: 多肢選択式または生成式の問題。難易度と言語のラベルを任意で付けられます。</translation>
    </message>
    <message>
        <source>Schemes:</source>
        <translation>方式:</translation>
    </message>
    <message>
        <source>Context:</source>
        <translation>コンテキスト:</translation>
    </message>
    <message>
        <source> tokens</source>
        <translation> トークン</translation>
    </message>
    <message>
        <source>n_ctx of llama.cpp&apos;s perplexity: the text is cut into chunks of this many tokens and the second half of each chunk is scored.</source>
        <translation>llama.cpp の perplexity における n_ctx: テキストをこのトークン数ずつのチャンクに分割し、各チャンクの後半を評価します。</translation>
    </message>
    <message>
        <source>Evaluate</source>
        <translation>評価</translation>
    </message>
    <message>
        <source>Folder of &lt;language&gt;.txt files</source>
        <translation>&lt;language&gt;.txt ファイルのフォルダー</translation>
    </message>
    <message>
        <source>Evaluation text</source>
        <translation>評価用テキスト</translation>
    </message>
    <message>
        <source>Text files (*.txt);;All files (*)</source>
        <translation>テキストファイル (*.txt);;すべてのファイル (*)</translation>
    </message>
    <message>
        <source>Task file</source>
        <translation>タスクファイル</translation>
    </message>
    <message>
        <source>JSON Lines (*.jsonl);;All files (*)</source>
        <translation>JSON Lines (*.jsonl);;すべてのファイル (*)</translation>
    </message>
    <message>
        <source>Arithmetic</source>
        <translation>算数</translation>
    </message>
    <message>
        <source>Knowledge</source>
        <translation>知識</translation>
    </message>
    <message>
        <source>Reasoning</source>
        <translation>推論</translation>
    </message>
    <message>
        <source>Bundled task set “%1”</source>
        <translation>同梱のタスクセット「%1」</translation>
    </message>
    <message>
        <source>Compare with:</source>
        <translation>比較対象:</translation>
    </message>
    <message>
        <source>Choose…</source>
        <translation>選択…</translation>
    </message>
    <message>
        <source>Check at least one scheme: the model to compare with runs under each checked scheme.</source>
        <translation>スキームを少なくとも 1 つ選んでください。比較対象のモデルは選んだ各スキームで実行されます。</translation>
    </message>
    <message>
        <source>Trained checkpoint to compare with</source>
        <translation>比較する学習済みチェックポイント</translation>
    </message>
    <message>
        <source>Optional: a trained checkpoint of this model</source>
        <translation>任意: このモデルの学習済みチェックポイント</translation>
    </message>
    <message>
        <source>A folder with config.json and safetensors of the same architecture (e.g. from the Train page), run beside the model under each checked scheme. Its runs are labelled scheme@folder and measured against the unquantized model.</source>
        <translation>同じアーキテクチャの config.json と safetensors を含むフォルダー（例: 学習ページの出力）。選んだ各スキームでモデルと並べて実行します。その実行は スキーム@フォルダー と表示され、未量子化モデルと比較して測定されます。</translation>
    </message>
    <message>
        <source>Add a scheme, e.g. rtn:b3:g128:asym or gptq:b3:g128, and press Enter</source>
        <translation>方式を追加（例: rtn:b3:g128:asym や gptq:b3:g128）して Enter</translation>
    </message>
    <message>
        <source>%1 needs calibration text: choose it under Calibration.</source>
        <translation>%1 にはキャリブレーション用テキストが必要です: 「キャリブレーション」で選んでください。</translation>
    </message>
</context>
<context>
    <name>bitcliff::app::EvaluatePage</name>
    <message>
        <source>Choose a text or at least one task set.</source>
        <translation>テキストまたは 1 つ以上のタスクセットを選択してください。</translation>
    </message>
    <message>
        <source>Evaluation failed: %1</source>
        <translation>評価に失敗しました: %1</translation>
    </message>
    <message>
        <source>Evaluating in the background; progress and cancel are in the Jobs panel.</source>
        <translation>バックグラウンドで評価中です。進捗の確認とキャンセルは「ジョブ」パネルで行えます。</translation>
    </message>
    <message>
        <source>Runs the unquantized model and every checked scheme on the text (perplexity as llama.cpp computes it, KL divergence and same-top-token against the unquantized model) and on the task sets (accuracy per difficulty and language).</source>
        <translation>未量子化モデルとチェックしたすべての方式を、テキスト（llama.cpp と同じ方法で計算するパープレキシティ、未量子化モデルに対する KL ダイバージェンスとトップトークン一致率）とタスクセット（難易度・言語ごとの正解率）で実行します。</translation>
    </message>
    <message>
        <source>PPL %1</source>
        <translation>PPL %1</translation>
    </message>
    <message>
        <source>, KLD %1, same top %2%</source>
        <translation>, KLD %1, トップ一致 %2%</translation>
    </message>
    <message>
        <source>acc %1%</source>
        <translation>acc %1%</translation>
    </message>
    <message>
        <source> (weights streamed from the file: they do not fit in memory as float32)</source>
        <translation> (重みをファイルからストリーミング：float32 ではメモリに収まりません)</translation>
    </message>
</context>
<context>
    <name>bitcliff::app::EvaluateResults</name>
    <message>
        <source>Nothing to chart in these results</source>
        <translation>この結果にはグラフにできる値がありません</translation>
    </message>
    <message>
        <source>Results appear here after an evaluation</source>
        <translation>評価を実行すると結果がここに表示されます</translation>
    </message>
    <message>
        <source>Show:</source>
        <translation>表示:</translation>
    </message>
    <message>
        <source>Export…</source>
        <translation>エクスポート…</translation>
    </message>
    <message>
        <source>Save the chart as PNG and SVG, the tables as CSV and every figure as JSON.</source>
        <translation>グラフを PNG と SVG、表を CSV、すべての数値を JSON で保存します。</translation>
    </message>
    <message>
        <source>Chart</source>
        <translation>グラフ</translation>
    </message>
    <message>
        <source>Perplexity and KLD</source>
        <translation>パープレキシティと KLD</translation>
    </message>
    <message>
        <source>Task accuracy</source>
        <translation>タスク正解率</translation>
    </message>
    <message>
        <source>Export evaluation</source>
        <translation>評価結果をエクスポート</translation>
    </message>
    <message>
        <source>Chart and data (*.png)</source>
        <translation>グラフとデータ (*.png)</translation>
    </message>
    <message>
        <source>Could not write %1.*</source>
        <translation>%1.* を書き込めませんでした</translation>
    </message>
    <message>
        <source>Bits per weight</source>
        <translation>重みあたりのビット数</translation>
    </message>
    <message>
        <source>Results appear here after an evaluation.</source>
        <translation>評価の後、ここに結果が表示されます。</translation>
    </message>
    <message>
        <source>No text was evaluated: choose the bundled passages or a text of your own to see perplexity and KL divergence.</source>
        <translation>テキストは評価されていません。パープレキシティと KL ダイバージェンスを見るには、同梱の文章か独自のテキストを選んでください。</translation>
    </message>
    <message>
        <source>No task set was evaluated: check one under Tasks to see accuracy.</source>
        <translation>タスクセットは評価されていません。正解率を見るには「タスク」で選択してください。</translation>
    </message>
</context>
<context>
    <name>bitcliff::app::JobRunner</name>
    <message>
        <source>cancelled</source>
        <translation>キャンセル済み</translation>
    </message>
</context>
<context>
    <name>bitcliff::app::JobsPanel</name>
    <message>
        <source>No background jobs.</source>
        <translation>バックグラウンドジョブはありません。</translation>
    </message>
    <message>
        <source>estimating…</source>
        <translation>推定中…</translation>
    </message>
    <message>
        <source>about 00:00:00 left</source>
        <translation>残り約 00:00:00</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>キャンセル</translation>
    </message>
    <message>
        <source>about %1 left</source>
        <translation>残り約 %1</translation>
    </message>
    <message>
        <source>Dismiss</source>
        <translation>閉じる</translation>
    </message>
    <message numerus="yes">
        <source>%n s</source>
        <translation>
            <numerusform>%n 秒</numerusform>
        </translation>
    </message>
    <message>
        <source>Clear finished</source>
        <translation>完了分を消去</translation>
    </message>
    <message>
        <source>Remove the jobs that have ended from this list.</source>
        <translation>終了したジョブをこの一覧から削除します。</translation>
    </message>
    <message>
        <source>done at %1 (took %2)</source>
        <translation>%1 に完了（所要 %2）</translation>
    </message>
    <message>
        <source>cancelled at %1</source>
        <translation>%1 にキャンセル</translation>
    </message>
    <message>
        <source>failed at %1</source>
        <translation>%1 に失敗</translation>
    </message>
</context>
<context>
    <name>bitcliff::app::LanguageMenu</name>
    <message>
        <source>&amp;Language</source>
        <translation>言語(&amp;L)</translation>
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
        <translation>外れ値マップ</translation>
    </message>
    <message>
        <source>Tensor</source>
        <translation>テンソル</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>モデル</translation>
    </message>
    <message>
        <source>Jobs</source>
        <translation>ジョブ</translation>
    </message>
    <message>
        <source>Main toolbar</source>
        <translation>メインツールバー</translation>
    </message>
    <message>
        <source> Outlier rule: absmax &gt; k × median, k = </source>
        <translation> 外れ値の基準: absmax &gt; k × 中央値、k = </translation>
    </message>
    <message>
        <source>A channel is flagged as an outlier when its absmax exceeds k times the median channel absmax of the same tensor.</source>
        <translation>チャネルの absmax が同じテンソル内のチャネル absmax の中央値の k 倍を超えると、そのチャネルは外れ値としてマークされます。</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>ファイル(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>表示(&amp;V)</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>ヘルプ(&amp;H)</translation>
    </message>
    <message>
        <source>&amp;Open File…</source>
        <translation>ファイルを開く(&amp;O)…</translation>
    </message>
    <message>
        <source>Open &amp;Folder…</source>
        <translation>フォルダーを開く(&amp;F)…</translation>
    </message>
    <message>
        <source>Open &amp;Demo Model</source>
        <translation>デモモデルを開く(&amp;D)</translation>
    </message>
    <message>
        <source>&amp;Export Charts…</source>
        <translation>グラフをエクスポート(&amp;E)…</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>終了(&amp;Q)</translation>
    </message>
    <message>
        <source>&amp;About BitCliff</source>
        <translation>BitCliff について(&amp;A)</translation>
    </message>
    <message>
        <source>Open &amp;Recent</source>
        <translation>最近使ったファイル(&amp;R)</translation>
    </message>
    <message>
        <source>Open a safetensors file, a GGUF file or a Hugging Face folder — or drop one here.</source>
        <translation>safetensors ファイル、GGUF ファイル、Hugging Face フォルダーのいずれかを開いてください — ここにドロップすることもできます。</translation>
    </message>
    <message>
        <source>Opening %1…</source>
        <translation>%1 を開いています…</translation>
    </message>
    <message>
        <source>Open Model</source>
        <translation>モデルを開く</translation>
    </message>
    <message>
        <source>Model files (*.safetensors *.gguf);;All files (*)</source>
        <translation>モデルファイル (*.safetensors *.gguf);;すべてのファイル (*)</translation>
    </message>
    <message>
        <source>Open Hugging Face Checkpoint Folder</source>
        <translation>Hugging Face チェックポイントフォルダーを開く</translation>
    </message>
    <message>
        <source>Export Charts To</source>
        <translation>グラフのエクスポート先</translation>
    </message>
    <message numerus="yes">
        <source>Exported %n file(s) to %1</source>
        <translation>
            <numerusform>%n 個のファイルを %1 にエクスポートしました</numerusform>
        </translation>
    </message>
    <message>
        <source>About BitCliff</source>
        <translation>BitCliff について</translation>
    </message>
    <message>
        <source>&lt;h3&gt;BitCliff %1&lt;/h3&gt;&lt;p&gt;See what quantization does to a large language model: outlier channels, quantization error and the accuracy cliff.&lt;/p&gt;</source>
        <translation>&lt;h3&gt;BitCliff %1&lt;/h3&gt;&lt;p&gt;量子化が大規模言語モデルに何をもたらすかを可視化します: 外れ値チャネル、量子化誤差、そして精度の急落。&lt;/p&gt;</translation>
    </message>
    <message numerus="yes">
        <source>%1: %n tensor(s), computing statistics…</source>
        <translation>
            <numerusform>%1: テンソル %n 個、統計量を計算中…</numerusform>
        </translation>
    </message>
    <message>
        <source>%1: statistics ready</source>
        <translation>%1: 統計量の計算が完了しました</translation>
    </message>
    <message>
        <source>Quantize</source>
        <translation>量子化</translation>
    </message>
    <message>
        <source>Evaluate</source>
        <translation>評価</translation>
    </message>
    <message>
        <source>Capturing activations</source>
        <translation>活性化を取得中</translation>
    </message>
    <message>
        <source>%1: done</source>
        <translation>%1: 完了</translation>
    </message>
    <message>
        <source>Quit BitCliff</source>
        <translation>BitCliff を終了</translation>
    </message>
    <message>
        <source>%1: cannot write the evaluation files</source>
        <translation>%1: 評価ファイルを書き込めません</translation>
    </message>
    <message numerus="yes">
        <source>Background jobs still running: %n. Quit anyway and cancel them?</source>
        <translation>
            <numerusform>%n 個のバックグラウンドジョブが実行中です。キャンセルして終了しますか？</numerusform>
        </translation>
    </message>
    <message>
        <source>Cliff</source>
        <translation>精度の崖</translation>
    </message>
    <message>
        <source>Train</source>
        <translation>学習</translation>
    </message>
    <message>
        <source>Opening the demo model…</source>
        <translation>デモモデルを開いています…</translation>
    </message>
</context>
<context>
    <name>bitcliff::app::ModelPage</name>
    <message>
        <source>Weights:</source>
        <translation>重み:</translation>
    </message>
    <message>
        <source>Log color scale</source>
        <translation>対数カラースケール</translation>
    </message>
    <message>
        <source>No model open.</source>
        <translation>モデルが開かれていません。</translation>
    </message>
    <message>
        <source>&lt;b&gt;%1&lt;/b&gt; — %2, %3 tensors, %4 parameters</source>
        <translation>&lt;b&gt;%1&lt;/b&gt; — %2、テンソル %3 個、パラメータ %4 個</translation>
    </message>
    <message>
        <source>%1: %2 layers, hidden size %3, %4 heads (%5 KV heads, head dim %6), vocabulary %7, tied embeddings: %8, RoPE θ %9</source>
        <translation>%1: %2 層、隠れ層サイズ %3、ヘッド数 %4（KV ヘッド数 %5、ヘッド次元 %6）、語彙数 %7、埋め込みの共有: %8、RoPE θ %9</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>はい</translation>
    </message>
    <message>
        <source>no</source>
        <translation>いいえ</translation>
    </message>
    <message>
        <source>Computing statistics…</source>
        <translation>統計量を計算中…</translation>
    </message>
    <message>
        <source>Show:</source>
        <translation>表示:</translation>
    </message>
    <message>
        <source>Weights</source>
        <translation>重み</translation>
    </message>
    <message>
        <source>Activations (absmax)</source>
        <translation>活性化（absmax）</translation>
    </message>
    <message>
        <source>Activations (mean |x|)</source>
        <translation>活性化（平均 |x|）</translation>
    </message>
    <message>
        <source>Capture activations</source>
        <translation>活性化を取得</translation>
    </message>
    <message>
        <source>Runs the unquantized model over the bundled multilingual passages (2,048 tokens) and records every linear layer&apos;s per-channel input magnitude.</source>
        <translation>同梱の多言語の文章（2,048 トークン）で未量子化モデルを実行し、すべての線形層についてチャネルごとの入力の大きさを記録します。</translation>
    </message>
    <message>
        <source>Input:</source>
        <translation>入力:</translation>
    </message>
    <message>
        <source>Each row is a layer, each column a hidden channel; the color is the largest (or mean) |activation| entering those linear layers. A few channels with massive activations in every layer are what makes activation quantization hard.</source>
        <translation>各行が層、各列が隠れチャネルを表し、色はこれらの線形層に入力される |活性化| の最大値（または平均値）を示します。すべての層で巨大な活性化を持つ少数のチャネルが、活性化の量子化を難しくしています。</translation>
    </message>
    <message>
        <source>No activations captured yet: press Capture activations.</source>
        <translation>まだ活性化が取得されていません: 「活性化を取得」を押してください。</translation>
    </message>
    <message>
        <source>Each row is a layer, each column an input channel; the color is the largest |weight| in that channel divided by the layer&apos;s median channel, and the line on the color bar marks the outlier rule&apos;s k. Channels that are outliers in every layer show up as vertical lines. Scroll to zoom, drag to pan, double-click to reset, click a row to open that tensor.</source>
        <translation>各行が層、各列が入力チャネルです。色はそのチャネルの最大 |重み| を層の中央値チャネルで割った値で、カラーバーの線は外れ値規則の k を示します。すべての層で外れ値のチャネルは縦線として現れます。スクロールでズーム、ドラッグで移動、ダブルクリックでリセット、行をクリックするとそのテンソルを開きます。</translation>
    </message>
    <message numerus="yes">
        <source>… and %n more matrices of types BitCliff cannot read yet</source>
        <translation>
            <numerusform>… ほかに BitCliff がまだ読めない型の行列が %n 個</numerusform>
        </translation>
    </message>
    <message>
        <source>None of the %1 matrices can be read: %2</source>
        <translation>%1 の行列はどれも読み込めません：%2</translation>
    </message>
    <message>
        <source>Compare with rotation (QuaRot)</source>
        <translation>回転と比較 (QuaRot)</translation>
    </message>
    <message>
        <source>Shows beside this map the same map of the model rotated as the +rot recipes rotate it: norms folded into the linears, the residual stream turned by a random Hadamard matrix. The model computes the same function.</source>
        <translation>+rot レシピと同じ回転を施したモデルの同じマップをこのマップの隣に表示します。正規化の重みを線形層に畳み込み、残差ストリームをランダムなアダマール行列で回転します。モデルが計算する関数は変わりません。</translation>
    </message>
    <message>
        <source>No activations captured yet.</source>
        <translation>まだ活性化を取得していません。</translation>
    </message>
    <message>
        <source>The rotated model has no readable %1 matrices.</source>
        <translation>回転後のモデルには読み取れる %1 行列がありません。</translation>
    </message>
</context>
<context>
    <name>bitcliff::app::ModelSession</name>
    <message>
        <source>Opening %1</source>
        <translation>%1 を開いています</translation>
    </message>
    <message>
        <source>Generating the synthetic demo model</source>
        <translation>合成デモモデルを生成中</translation>
    </message>
    <message>
        <source>Flagging outliers (k = %1)</source>
        <translation>外れ値をマーク中（k = %1）</translation>
    </message>
    <message>
        <source>Statistics of %1</source>
        <translation>%1 の統計量</translation>
    </message>
    <message>
        <source>Unpacking the demo model</source>
        <translation>デモモデルを展開しています</translation>
    </message>
    <message>
        <source>The rotation was cancelled.</source>
        <translation>回転はキャンセルされました。</translation>
    </message>
    <message>
        <source>Rotating %1 (QuaRot)</source>
        <translation>%1 を回転中 (QuaRot)</translation>
    </message>
</context>
<context>
    <name>bitcliff::app::ModelTreePanel</name>
    <message>
        <source>Filter tensors by name or role…</source>
        <translation>名前または役割でテンソルを絞り込み…</translation>
    </message>
    <message>
        <source>Right-click to choose the columns.</source>
        <translation>右クリックで列を選択します。</translation>
    </message>
</context>
<context>
    <name>bitcliff::app::OutlierMapText</name>
    <message>
        <source>%1: per-input-channel absmax ÷ the layer&apos;s median channel</source>
        <translation>%1: 入力チャネルごとの absmax ÷ 層の中央値チャネル</translation>
    </message>
    <message>
        <source>%1: no outlier channels at k = %2 (absmax ÷ median channel)</source>
        <translation>%1: k = %2 で外れ値チャネルなし（absmax ÷ 中央値チャネル）</translation>
    </message>
    <message>
        <source>absmax ÷ median channel absmax</source>
        <translation>absmax ÷ 中央値チャネルの absmax</translation>
    </message>
    <message>
        <source>no statistics</source>
        <translation>統計なし</translation>
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
        <translation>%1 と %2 で量子化中</translation>
    </message>
    <message>
        <source>Quantizing with %1</source>
        <translation>%1 で量子化中</translation>
    </message>
    <message>
        <source>Error maps</source>
        <translation>誤差マップ</translation>
    </message>
    <message>
        <source>Quantizing the model with %1 and %2 with %3</source>
        <translation>モデルを %1 で、%2 を %3 で量子化中</translation>
    </message>
</context>
<context>
    <name>bitcliff::app::QuantizeForm</name>
    <message>
        <source>Scheme:</source>
        <translation>方式:</translation>
    </message>
    <message>
        <source>A preset, or any scheme text such as rtn:b3:g128:asym, or a calibrated recipe such as gptq:b4:g128 (see bitcliff-cli --help).</source>
        <translation>プリセット、rtn:b3:g128:asym のような任意の方式文字列、または gptq:b4:g128 のようなキャリブレーション付きレシピ（bitcliff-cli --help を参照）。</translation>
    </message>
    <message>
        <source>Compare with:</source>
        <translation>比較対象:</translation>
    </message>
    <message>
        <source>Quantize</source>
        <translation>量子化</translation>
    </message>
    <message>
        <source>Second model:</source>
        <translation>2 つ目のモデル:</translation>
    </message>
    <message>
        <source>Optional: e.g. a checkpoint trained from this model</source>
        <translation>任意: このモデルから学習したチェックポイントなど</translation>
    </message>
    <message>
        <source>A model folder (config.json and safetensors) or GGUF file. The scheme (or the Compare-with scheme) also quantizes it, and its maps stand beside this model&apos;s: after quantization-aware training its weights lose less.</source>
        <translation>モデルフォルダー (config.json と safetensors) または GGUF ファイル。スキーム (または比較対象のスキーム) でこのモデルも量子化し、そのマップをこのモデルのマップの横に表示します。量子化を考慮した学習の後は、重みの誤差が小さくなります。</translation>
    </message>
    <message>
        <source>Choose…</source>
        <translation>選択…</translation>
    </message>
    <message>
        <source>Selected tensor only</source>
        <translation>選択したテンソルのみ</translation>
    </message>
    <message>
        <source>Quantize just the tensor selected in the model tree (quick), instead of every weight matrix of the model.</source>
        <translation>モデル全体の重み行列ではなく、モデルツリーで選択したテンソルだけを量子化します（高速）。</translation>
    </message>
    <message>
        <source>Second model to quantize</source>
        <translation>量子化する 2 つ目のモデル</translation>
    </message>
    <message>
        <source>%1 needs calibration text: choose it under Calibration.</source>
        <translation>%1 にはキャリブレーション用テキストが必要です: 「キャリブレーション」で選んでください。</translation>
    </message>
    <message>
        <source>%1 quantizes the layers in turn, each on the outputs of those before it: uncheck “Selected tensor only”.</source>
        <translation>%1 は層を順番に、それぞれ前の層の出力を使って量子化します。「選択したテンソルのみ」のチェックを外してください。</translation>
    </message>
</context>
<context>
    <name>bitcliff::app::QuantizePage</name>
    <message>
        <source>Quantizing… (see the Jobs panel for progress; Cancel stops it)</source>
        <translation>量子化中…（進捗は「ジョブ」パネルを参照。「キャンセル」で中止できます）</translation>
    </message>
    <message>
        <source>Overview</source>
        <translation>概要</translation>
    </message>
    <message>
        <source>Selected tensor</source>
        <translation>選択中のテンソル</translation>
    </message>
    <message>
        <source>Choose a scheme and quantize: every weight matrix is quantized and compared with the original.</source>
        <translation>方式を選んで量子化してください: すべての重み行列が量子化され、元の値と比較されます。</translation>
    </message>
    <message>
        <source>Select a tensor in the model tree, or click a cell of the overview.</source>
        <translation>モデルツリーでテンソルを選択するか、概要のセルをクリックしてください。</translation>
    </message>
    <message>
        <source>This tensor was not quantized (norms, biases and tensors whose rows do not fit the scheme&apos;s blocks are kept).</source>
        <translation>このテンソルは量子化されていません（正規化、バイアス、および行が方式のブロックに収まらないテンソルはそのまま保持されます）。</translation>
    </message>
    <message>
        <source>%1: mean squared error per output channel and group of input channels</source>
        <translation>%1: 出力チャネルと入力チャネルのグループごとの平均二乗誤差</translation>
    </message>
    <message>
        <source>Press Quantize: the SQNR of every weight matrix appears here, layers × roles.</source>
        <translation>「量子化」を押すと、すべての重み行列の SQNR がここに表示されます（層 × 役割）。</translation>
    </message>
    <message>
        <source>Quantize, then select a weight matrix: its error map appears here.</source>
        <translation>量子化してから重み行列を選択すると、その誤差マップがここに表示されます。</translation>
    </message>
    <message>
        <source>Compare two schemes to see where their errors differ.</source>
        <translation>2 つのスキームを比較すると、誤差の違う箇所がここに表示されます。</translation>
    </message>
    <message>
        <source>%1; %2; mean squared error %3</source>
        <translation>%1。%2。平均二乗誤差 %3</translation>
    </message>
    <message>
        <source>%1: mean squared error per output channel and group of input channels; both schemes&apos; maps share one color scale</source>
        <translation>%1: 出力チャネルと入力チャネルのグループごとの平均二乗誤差。両スキームのマップは同じカラースケールを共有します</translation>
    </message>
    <message>
        <source>Calibration: %1</source>
        <translation>キャリブレーション: %1</translation>
    </message>
</context>
<context>
    <name>bitcliff::app::RecentFilesMenu</name>
    <message>
        <source>Open &amp;Recent</source>
        <translation>最近使ったファイル(&amp;R)</translation>
    </message>
    <message>
        <source>(none)</source>
        <translation>（なし）</translation>
    </message>
    <message>
        <source>Clear List</source>
        <translation>リストをクリア</translation>
    </message>
</context>
<context>
    <name>bitcliff::app::RotationComparison</name>
    <message>
        <source>%1 — one color scale for both maps</source>
        <translation>%1 — 両マップ共通のカラースケール</translation>
    </message>
    <message>
        <source>Right: the same model rotated as the +rot recipes rotate it (QuaRot), which spreads each channel of the residual stream over all of them. Outlier lines entering attn_q/k/v, ffn_gate/up and lm_head fade; the inputs of attn_o and ffn_down are not rotated.</source>
        <translation>右: +rot レシピと同じく回転したモデル (QuaRot)。残差ストリームの各チャネルが全チャネルに広がります。attn_q/k/v、ffn_gate/up、lm_head に入る外れ値の線は薄れます。attn_o と ffn_down の入力は回転されません。</translation>
    </message>
    <message>
        <source>&lt;b&gt;Original&lt;/b&gt;</source>
        <translation>&lt;b&gt;元のモデル&lt;/b&gt;</translation>
    </message>
    <message>
        <source>&lt;b&gt;Rotated (QuaRot)&lt;/b&gt;: %1</source>
        <translation>&lt;b&gt;回転後 (QuaRot)&lt;/b&gt;: %1</translation>
    </message>
    <message>
        <source>&lt;b&gt;Rotated (QuaRot)&lt;/b&gt;</source>
        <translation>&lt;b&gt;回転後 (QuaRot)&lt;/b&gt;</translation>
    </message>
    <message>
        <source>No rotated map: %1</source>
        <translation>回転後のマップなし: %1</translation>
    </message>
    <message>
        <source>Rotating the model and analysing it…</source>
        <translation>モデルを回転して解析中…</translation>
    </message>
</context>
<context>
    <name>bitcliff::app::RotationComparisonText</name>
    <message>
        <source>%1: per-input-channel absmax ÷ the layer&apos;s median channel</source>
        <translation>%1: 入力チャネルごとの absmax ÷ 層の中央値チャネル</translation>
    </message>
    <message>
        <source>%1: per-channel mean |activation|</source>
        <translation>%1: チャネルごとの平均 |活性化|</translation>
    </message>
    <message>
        <source>%1: per-channel activation absmax</source>
        <translation>%1: チャネルごとの活性化 absmax</translation>
    </message>
</context>
<context>
    <name>bitcliff::app::TensorPage</name>
    <message>
        <source>Channels:</source>
        <translation>チャネル:</translation>
    </message>
    <message>
        <source>Input channels (columns)</source>
        <translation>入力チャネル（列）</translation>
    </message>
    <message>
        <source>Output channels (rows)</source>
        <translation>出力チャネル（行）</translation>
    </message>
    <message>
        <source>Order:</source>
        <translation>並び順:</translation>
    </message>
    <message>
        <source>By index</source>
        <translation>インデックス順</translation>
    </message>
    <message>
        <source>Sorted, largest first</source>
        <translation>大きい順</translation>
    </message>
    <message>
        <source>Log scale</source>
        <translation>対数スケール</translation>
    </message>
    <message>
        <source>Select a tensor in the model tree.</source>
        <translation>モデルツリーでテンソルを選択してください。</translation>
    </message>
    <message>
        <source>Open a model: File ▸ Open, drop a file here, or try the demo.</source>
        <translation>モデルを開いてください: ファイル ▸ ファイルを開く、ここにファイルをドロップ、またはデモを試す。</translation>
    </message>
    <message>
        <source>Computing statistics…</source>
        <translation>統計量を計算中…</translation>
    </message>
    <message>
        <source>No statistics for this tensor: %1</source>
        <translation>このテンソルの統計量はありません: %1</translation>
    </message>
    <message>
        <source>%1 — BitCliff cannot decode this type yet, so this tensor has no statistics and the model cannot be quantized or evaluated.</source>
        <translation>%1 — BitCliff はこの型をまだデコードできないため、このテンソルには統計がなく、モデルを量子化・評価できません。</translation>
    </message>
</context>
<context>
    <name>bitcliff::app::TrainController</name>
    <message numerus="yes">
        <source>Training %1 for %n step(s)</source>
        <translation>
            <numerusform>%1 を %n ステップ学習</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>bitcliff::app::TrainForm</name>
    <message>
        <source>Model:</source>
        <translation>モデル:</translation>
    </message>
    <message>
        <source>Training data:</source>
        <translation>学習データ:</translation>
    </message>
    <message>
        <source>A .txt file (one document per paragraph), a .jsonl file, or a folder of them</source>
        <translation>.txt ファイル（段落ごとに 1 文書）、.jsonl ファイル、またはそれらを含むフォルダー</translation>
    </message>
    <message>
        <source>Choose</source>
        <translation>選択</translation>
    </message>
    <message>
        <source>File…</source>
        <translation>ファイル…</translation>
    </message>
    <message>
        <source>Folder…</source>
        <translation>フォルダー…</translation>
    </message>
    <message>
        <source>Plain text: paragraphs separated by blank lines are documents. JSON Lines: {&quot;text&quot;: …} or {&quot;prompt&quot;: …, &quot;answer&quot;: …} (loss on the answer only). A folder: every .txt and .jsonl file in it.</source>
        <translation>プレーンテキスト: 空行で区切られた段落がそれぞれ文書になります。JSON Lines: {&quot;text&quot;: …} または {&quot;prompt&quot;: …, &quot;answer&quot;: …}（損失は回答のみ）。フォルダー: その中のすべての .txt と .jsonl ファイル。</translation>
    </message>
    <message>
        <source>Steps:</source>
        <translation>ステップ数:</translation>
    </message>
    <message>
        <source>Learning rate:</source>
        <translation>学習率:</translation>
    </message>
    <message>
        <source>Peak learning rate of AdamW; the cosine schedule decays it to a tenth.</source>
        <translation>AdamW の最大学習率。コサインスケジュールで 10 分の 1 まで減衰します。</translation>
    </message>
    <message>
        <source>Batch:</source>
        <translation>バッチ:</translation>
    </message>
    <message>
        <source> sequences</source>
        <translation> シーケンス</translation>
    </message>
    <message>
        <source>Context:</source>
        <translation>コンテキスト:</translation>
    </message>
    <message>
        <source> tokens</source>
        <translation> トークン</translation>
    </message>
    <message>
        <source>Tokens per training sequence; a document longer than this is refused.</source>
        <translation>学習シーケンスあたりのトークン数。これより長い文書は受け付けません。</translation>
    </message>
    <message>
        <source>Quantization-aware:</source>
        <translation>量子化を考慮:</translation>
    </message>
    <message>
        <source>Trains through the fake-quantized weights of this scheme (straight-through), so that the model learns to live with its quantization error.</source>
        <translation>このスキームで疑似量子化した重みを通して学習し（ストレートスルー）、モデルが量子化誤差に耐えられるようにします。</translation>
    </message>
    <message>
        <source>A preset or any scheme text, e.g. rtn:b3:g32:asym.</source>
        <translation>プリセット、または任意のスキーム文字列（例: rtn:b3:g32:asym）。</translation>
    </message>
    <message>
        <source>Output folder:</source>
        <translation>出力フォルダー:</translation>
    </message>
    <message>
        <source>The checkpoint goes here (a Hugging Face folder BitCliff opens as a model). Never the model&apos;s own folder.</source>
        <translation>チェックポイントの保存先（BitCliff がモデルとして開ける Hugging Face フォルダー）。モデル自身のフォルダーは使えません。</translation>
    </message>
    <message>
        <source>Choose…</source>
        <translation>選択…</translation>
    </message>
    <message>
        <source>Threads:</source>
        <translation>スレッド数:</translation>
    </message>
    <message>
        <source>all cores</source>
        <translation>全コア</translation>
    </message>
    <message>
        <source>Worker threads of the training run; the losses depend on the count.</source>
        <translation>学習実行のワーカースレッド数。損失の値はこの数に依存します。</translation>
    </message>
    <message>
        <source>none open</source>
        <translation>開いていません</translation>
    </message>
    <message>
        <source>The learning rate %1 is not a positive number (e.g. 1e-4).</source>
        <translation>学習率 %1 は正の数ではありません（例: 1e-4）。</translation>
    </message>
    <message>
        <source>The QAT scheme: %1</source>
        <translation>QAT スキーム: %1</translation>
    </message>
    <message>
        <source>That does not fit: use a smaller batch or context.</source>
        <translation>収まりません。バッチかコンテキストを小さくしてください。</translation>
    </message>
    <message>
        <source>Folder of training files</source>
        <translation>学習ファイルのフォルダー</translation>
    </message>
    <message>
        <source>Training data</source>
        <translation>学習データ</translation>
    </message>
    <message>
        <source>Training text (*.txt *.jsonl);;All files (*)</source>
        <translation>学習テキスト (*.txt *.jsonl);;すべてのファイル (*)</translation>
    </message>
    <message>
        <source>Checkpoint folder</source>
        <translation>チェックポイントのフォルダー</translation>
    </message>
</context>
<context>
    <name>bitcliff::app::TrainPage</name>
    <message numerus="yes">
        <source>Training on %1 document(s) packed into %n sequence(s); %2 document(s) held out for the held-out loss. Cancel keeps a checkpoint of the steps done.</source>
        <translation>
            <numerusform>%1 件の文書を %n 個のシーケンスに詰めて学習中。%2 件の文書を検証損失のために取り分けています。キャンセルしても完了したステップのチェックポイントは残ります。</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Finished %n step(s); checkpoint in %1.</source>
        <translation>
            <numerusform>%n ステップ完了。チェックポイントは %1 にあります。</numerusform>
        </translation>
    </message>
    <message>
        <source>Stopped at step %1; checkpoint in %2.</source>
        <translation>ステップ %1 で停止しました。チェックポイントは %2 にあります。</translation>
    </message>
    <message>
        <source>Cancelled before the first step: nothing was written.</source>
        <translation>最初のステップの前にキャンセルしました。何も書き込まれていません。</translation>
    </message>
    <message>
        <source>Training failed: %1</source>
        <translation>学習に失敗しました: %1</translation>
    </message>
    <message>
        <source>Train</source>
        <translation>学習</translation>
    </message>
    <message>
        <source>Trains the open model on the data in the background; the checkpoint opens as a model.</source>
        <translation>開いているモデルをバックグラウンドでデータで学習します。チェックポイントはモデルとして開けます。</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>キャンセル</translation>
    </message>
    <message>
        <source>Stops after the current step and writes the checkpoint of the steps done.</source>
        <translation>現在のステップの後で停止し、完了したステップのチェックポイントを書き出します。</translation>
    </message>
    <message>
        <source>Compare with the original</source>
        <translation>元のモデルと比較</translation>
    </message>
    <message>
        <source>Open trained model</source>
        <translation>学習済みモデルを開く</translation>
    </message>
    <message>
        <source>Opens the checkpoint as the model of every page.</source>
        <translation>チェックポイントをすべてのページのモデルとして開きます。</translation>
    </message>
    <message>
        <source>step %v of %m</source>
        <translation>ステップ %v / %m</translation>
    </message>
    <message>
        <source>Fine-tune the open model on your own text, optionally through the quantization it will get (QAT), and watch the loss fall.</source>
        <translation>開いているモデルを自分のテキストでファインチューニングします。後で適用する量子化を通して学習すること（QAT）もできます。損失が下がる様子を確認できます。</translation>
    </message>
    <message>
        <source>Step %1 of %2</source>
        <translation>ステップ %1 / %2</translation>
    </message>
    <message>
        <source>about %1 left</source>
        <translation>残り約 %1</translation>
    </message>
    <message>
        <source>%1 tokens/s</source>
        <translation>%1 トークン/秒</translation>
    </message>
    <message>
        <source>loss %1</source>
        <translation>損失 %1</translation>
    </message>
    <message>
        <source>held-out loss %1</source>
        <translation>検証損失 %1</translation>
    </message>
    <message>
        <source>Loading the training data and the weights…</source>
        <translation>学習データと重みを読み込んでいます…</translation>
    </message>
    <message>
        <source>On the Evaluate page: each checked scheme runs on the original and on the trained model, both measured against the unquantized original. On the Quantize page: the trained model is the second model, its error maps beside the original&apos;s.</source>
        <translation>評価ページ: チェックした各スキームを元のモデルと学習済みモデルで実行し、どちらも量子化前の元のモデルと比べて測ります。量子化ページ: 学習済みモデルを 2 つ目のモデルとし、その誤差マップを元のモデルの横に表示します。</translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <source>See what quantization does to a language model.</source>
        <translation>量子化が言語モデルに与える影響を可視化します。</translation>
    </message>
    <message>
        <source>A .safetensors or .gguf file, or a checkpoint folder.</source>
        <translation>.safetensors または .gguf ファイル、あるいはチェックポイントフォルダー。</translation>
    </message>
    <message>
        <source>Open the demo model (trained by BitCliff).</source>
        <translation>デモモデルを開きます（BitCliff で学習済み）。</translation>
    </message>
</context>
</TS>
