<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de">
<context>
    <name>CliffSeries</name>
    <message>
        <source>interval: ± 1 standard error</source>
        <translation>Intervall: ± 1 Standardfehler</translation>
    </message>
    <message>
        <source>interval: 95 % bootstrap over %1 chunks</source>
        <translation>Intervall: 95-%-Bootstrap über %1 Abschnitte</translation>
    </message>
    <message>
        <source>interval: 95 % Wilson</source>
        <translation>Intervall: 95 % Wilson</translation>
    </message>
    <message>
        <source>interval: 95 % Wilson, %1 items</source>
        <translation>Intervall: 95 % Wilson, %1 Einträge</translation>
    </message>
    <message>
        <source>ln(PPL ratio)</source>
        <translation>ln(PPL-Verhältnis)</translation>
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
        <translation>gleiches Top-Token</translation>
    </message>
    <message>
        <source>accuracy</source>
        <translation>Genauigkeit</translation>
    </message>
    <message>
        <source>by difficulty</source>
        <translation>nach Schwierigkeitsgrad</translation>
    </message>
    <message>
        <source>by language</source>
        <translation>nach Sprache</translation>
    </message>
    <message>
        <source>by task file</source>
        <translation>nach Task-Datei</translation>
    </message>
    <message>
        <source>overall</source>
        <translation>gesamt</translation>
    </message>
    <message>
        <source>%1 nominal bits, %2 bits per weight stored</source>
        <translation>%1 nominelle Bit, %2 Bit pro Gewicht gespeichert</translation>
    </message>
    <message>
        <source>ln(PPL quantized / PPL unquantized)</source>
        <translation>ln(PPL quantisiert / PPL unquantisiert)</translation>
    </message>
    <message>
        <source>perplexity</source>
        <translation>Perplexität</translation>
    </message>
    <message>
        <source>mean KLD to the unquantized model (nats)</source>
        <translation>mittlere KLD zum unquantisierten Modell (nats)</translation>
    </message>
    <message>
        <source>same top token as unquantized (%)</source>
        <translation>gleiches Top-Token wie unquantisiert (%)</translation>
    </message>
    <message>
        <source>task accuracy (%)</source>
        <translation>Task-Genauigkeit (%)</translation>
    </message>
    <message>
        <source>bits per weight as stored (scales included)</source>
        <translation>Bit pro Gewicht wie gespeichert (inkl. Skalen)</translation>
    </message>
    <message>
        <source>nominal bits per weight</source>
        <translation>nominelle Bit pro Gewicht</translation>
    </message>
    <message>
        <source>The accuracy cliff: %1</source>
        <translation>Die Genauigkeitsklippe: %1</translation>
    </message>
    <message>
        <source>The accuracy cliff: %1, %2</source>
        <translation>Die Genauigkeitsklippe: %1, %2</translation>
    </message>
    <message>
        <source>Per language: perplexity change, KLD and accuracy change at each scheme</source>
        <translation>Je Sprache: Änderung der Perplexität, KLD und Änderung der Genauigkeit je Schema</translation>
    </message>
    <message>
        <source>GGUF K-quants</source>
        <translation>GGUF-K-Quants</translation>
    </message>
    <message>
        <source>GGUF legacy</source>
        <translation>GGUF klassisch</translation>
    </message>
    <message>
        <source>unquantized</source>
        <translation>unquantisiert</translation>
    </message>
    <message>
        <source>by language and difficulty</source>
        <translation>nach Sprache und Schwierigkeit</translation>
    </message>
    <message>
        <source>answer loss</source>
        <translation>Antwortverlust</translation>
    </message>
    <message>
        <source>answer loss (nats/char)</source>
        <translation>Antwortverlust (Nats/Zeichen)</translation>
    </message>
</context>
<context>
    <name>ColorLegend</name>
    <message>
        <source>missing</source>
        <translation>fehlend</translation>
    </message>
    <message>
        <source>%1 (log)</source>
        <translation>%1 (log.)</translation>
    </message>
    <message>
        <source>%1 — flat: every cell %2</source>
        <translation>%1 — flach: jede Zelle %2</translation>
    </message>
</context>
<context>
    <name>HeatmapData</name>
    <message>
        <source>%1: per-input-channel absmax across layers</source>
        <translation>%1: absmax je Eingangskanal über alle Schichten</translation>
    </message>
    <message>
        <source>layer</source>
        <translation>Schicht</translation>
    </message>
    <message>
        <source>input channel</source>
        <translation>Eingangskanal</translation>
    </message>
    <message>
        <source>absmax |w|</source>
        <translation>absmax |w|</translation>
    </message>
    <message>
        <source>not readable yet</source>
        <translation>noch nicht lesbar</translation>
    </message>
</context>
<context>
    <name>PlanSummaryText</name>
    <message>
        <source>nothing quantized</source>
        <translation>nichts quantisiert</translation>
    </message>
    <message>
        <source>%1 bits/weight over the quantized tensors (%2 % of parameters), %3 over the model</source>
        <translation>%1 Bit/Gewicht über die quantisierten Tensoren (%2 % der Parameter), %3 über das Modell</translation>
    </message>
    <message numerus="yes">
        <source>tensors as asked: %n</source>
        <translation>
            <numerusform>Tensoren wie verlangt: %n</numerusform>
            <numerusform>Tensoren wie verlangt: %n</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>fell back to %1: %n (%2)</source>
        <translation>
            <numerusform>auf %1 zurückgefallen: %n (%2)</numerusform>
            <numerusform>auf %1 zurückgefallen: %n (%2)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>kept: %n (%1)</source>
        <translation>
            <numerusform>unverändert: %n (%1)</numerusform>
            <numerusform>unverändert: %n (%1)</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>QObject</name>
    <message>
        <source>%1 vs %2 (red: %1 has more error)</source>
        <translation>%1 vs. %2 (rot: %1 hat mehr Fehler)</translation>
    </message>
</context>
<context>
    <name>QuantHeatmaps</name>
    <message>
        <source>output channel</source>
        <translation>Ausgangskanal</translation>
    </message>
    <message>
        <source>input channel</source>
        <translation>Eingangskanal</translation>
    </message>
    <message>
        <source>group of %1 input channels</source>
        <translation>Gruppe von %1 Eingangskanälen</translation>
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
        <translation>%1 — %2 vs. %3 (rot: %2 hat mehr Fehler)</translation>
    </message>
    <message>
        <source>log10(MSE %1 / MSE %2)</source>
        <translation>log10(MSE %1 / MSE %2)</translation>
    </message>
    <message>
        <source>SQNR by layer and role — %1</source>
        <translation>SQNR nach Schicht und Rolle — %1</translation>
    </message>
    <message>
        <source>layer</source>
        <translation>Schicht</translation>
    </message>
    <message>
        <source>role</source>
        <translation>Rolle</translation>
    </message>
    <message>
        <source>SQNR (dB)</source>
        <translation>SQNR (dB)</translation>
    </message>
    <message>
        <source>not quantized</source>
        <translation>nicht quantisiert</translation>
    </message>
    <message>
        <source>not quantized, or exact (∞ dB)</source>
        <translation>nicht quantisiert oder exakt (∞ dB)</translation>
    </message>
    <message>
        <source>%1: kept as stored (%2)</source>
        <translation>%1: wie gespeichert belassen (%2)</translation>
    </message>
    <message>
        <source>%1: fell back to %2 (%3), %4 bits/weight</source>
        <translation>%1: auf %2 zurückgefallen (%3), %4 Bit/Gewicht</translation>
    </message>
    <message>
        <source>%1: %2 bits/weight</source>
        <translation>%1: %2 Bit/Gewicht</translation>
    </message>
    <message>
        <source> (%1 of %2 matrices fell back; the tooltip says to what)</source>
        <translation> (%1 von %2 Matrizen zurückgefallen; der Tooltip sagt, worauf)</translation>
    </message>
</context>
<context>
    <name>TrainChecks</name>
    <message>
        <source>Open a model first: training starts from the open model.</source>
        <translation>Öffnen Sie zuerst ein Modell: Das Training beginnt beim geöffneten Modell.</translation>
    </message>
    <message>
        <source>GGUF models cannot be trained: open the model&apos;s Hugging Face checkpoint (config.json and safetensors) instead.</source>
        <translation>GGUF-Modelle lassen sich nicht trainieren: Öffnen Sie stattdessen den Hugging Face-Checkpoint des Modells (config.json und safetensors).</translation>
    </message>
    <message>
        <source>This model cannot be trained: %1</source>
        <translation>Dieses Modell lässt sich nicht trainieren: %1</translation>
    </message>
    <message>
        <source>Training needs %1: weights %2, gradients %3, AdamW moments %4, QAT working copy %5, activations %6.</source>
        <translation>Das Training braucht %1: Gewichte %2, Gradienten %3, AdamW-Momente %4, QAT-Arbeitskopie %5, Aktivierungen %6.</translation>
    </message>
    <message>
        <source>Training needs %1: weights %2, gradients %3, AdamW moments %4, activations %5.</source>
        <translation>Das Training braucht %1: Gewichte %2, Gradienten %3, AdamW-Momente %4, Aktivierungen %5.</translation>
    </message>
    <message>
        <source>%1 available.</source>
        <translation>%1 verfügbar.</translation>
    </message>
    <message>
        <source>Choose the training data: a .txt or .jsonl file, or a folder of them.</source>
        <translation>Wählen Sie die Trainingsdaten: eine .txt- oder .jsonl-Datei oder einen Ordner mit solchen Dateien.</translation>
    </message>
    <message>
        <source>%1: no such file or folder.</source>
        <translation>%1: Datei oder Ordner nicht gefunden.</translation>
    </message>
    <message>
        <source>%1: the folder holds no .txt or .jsonl file.</source>
        <translation>%1: Der Ordner enthält keine .txt- oder .jsonl-Datei.</translation>
    </message>
    <message>
        <source>%1: the file is empty: there is nothing to train on.</source>
        <translation>%1: Die Datei ist leer: Es gibt nichts zu trainieren.</translation>
    </message>
    <message>
        <source>Choose an output folder for the checkpoint.</source>
        <translation>Wählen Sie einen Ausgabeordner für den Checkpoint.</translation>
    </message>
    <message>
        <source>%1 is the model&apos;s own folder or holds it: choose another output folder (training never replaces the model it starts from).</source>
        <translation>%1 ist der Ordner des Modells oder enthält ihn: Wählen Sie einen anderen Ausgabeordner (das Training ersetzt nie das Modell, von dem es ausgeht).</translation>
    </message>
    <message>
        <source>%1 is a file: choose a folder for the checkpoint.</source>
        <translation>%1 ist eine Datei: Wählen Sie einen Ordner für den Checkpoint.</translation>
    </message>
    <message>
        <source>%1 holds other files: choose an empty or new folder (a checkpoint replaces the folder&apos;s contents).</source>
        <translation>%1 enthält andere Dateien: Wählen Sie einen leeren oder neuen Ordner (ein Checkpoint ersetzt den Inhalt des Ordners).</translation>
    </message>
    <message>
        <source>Check the settings: %1</source>
        <translation>Prüfen Sie die Einstellungen: %1</translation>
    </message>
    <message>
        <source>The QAT scheme does not fit this model: %1</source>
        <translation>Das QAT-Schema passt nicht zu diesem Modell: %1</translation>
    </message>
    <message>
        <source>Not enough memory. %1 Use a smaller batch or context.</source>
        <translation>Nicht genug Speicher. %1 Verwenden Sie einen kleineren Batch oder Kontext.</translation>
    </message>
</context>
<context>
    <name>ViewFormat</name>
    <message>
        <source>scalar</source>
        <translation>Skalar</translation>
    </message>
    <message>
        <source>k</source>
        <comment>thousand</comment>
        <translation>Tsd.</translation>
    </message>
    <message>
        <source>M</source>
        <comment>million</comment>
        <translation>Mio.</translation>
    </message>
    <message>
        <source>B</source>
        <comment>billion</comment>
        <translation>Mrd.</translation>
    </message>
    <message>
        <source>T</source>
        <comment>trillion</comment>
        <translation>Bio.</translation>
    </message>
    <message>
        <source>%1 %2</source>
        <comment>number unit</comment>
        <translation>%1 %2</translation>
    </message>
    <message>
        <source>%1: not readable yet</source>
        <comment>tensor type BitCliff cannot decode</comment>
        <translation>%1: noch nicht lesbar</translation>
    </message>
    <message>
        <source>%1: %2 not readable yet</source>
        <comment>tensor name, tensor type BitCliff cannot decode</comment>
        <translation>%1: %2 noch nicht lesbar</translation>
    </message>
</context>
<context>
    <name>bitcliff::ChannelChartView</name>
    <message>
        <source>No tensor selected</source>
        <translation>Kein Tensor ausgewählt</translation>
    </message>
    <message>
        <source>input channel</source>
        <translation>Eingangskanal</translation>
    </message>
    <message>
        <source>output channel</source>
        <translation>Ausgangskanal</translation>
    </message>
    <message>
        <source>input channels, ranked by absmax</source>
        <translation>Eingangskanäle, nach absmax geordnet</translation>
    </message>
    <message>
        <source>output channels, ranked by absmax</source>
        <translation>Ausgangskanäle, nach absmax geordnet</translation>
    </message>
    <message>
        <source>absmax |w| (log scale)</source>
        <translation>absmax |w| (log. Skala)</translation>
    </message>
    <message>
        <source>absmax |w|</source>
        <translation>absmax |w|</translation>
    </message>
    <message>
        <source>absmax per channel</source>
        <translation>absmax je Kanal</translation>
    </message>
    <message>
        <source>median %1</source>
        <translation>Median %1</translation>
    </message>
    <message>
        <source>outlier threshold (%1 × median)</source>
        <translation>Ausreißerschwelle (%1 × Median)</translation>
    </message>
    <message>
        <source>outlier channels (%1)</source>
        <translation>Ausreißerkanäle (%1)</translation>
    </message>
</context>
<context>
    <name>bitcliff::ChannelErrorScatterView</name>
    <message>
        <source>input-channel absmax |w|</source>
        <translation>absmax |w| je Eingangskanal</translation>
    </message>
    <message>
        <source>per-channel MSE</source>
        <translation>MSE je Kanal</translation>
    </message>
    <message>
        <source>No tensor selected</source>
        <translation>Kein Tensor ausgewählt</translation>
    </message>
    <message>
        <source>%1: needs the model&apos;s per-channel statistics</source>
        <translation>%1: benötigt die Kanalstatistiken des Modells</translation>
    </message>
    <message>
        <source>input channels (%1)</source>
        <translation>Eingangskanäle (%1)</translation>
    </message>
    <message>
        <source>%1, … %2 more</source>
        <translation>%1, … %2 weitere</translation>
    </message>
    <message>
        <source>outlier channels: none</source>
        <translation>Ausreißerkanäle: keine</translation>
    </message>
    <message>
        <source>outlier channels (%1): %2</source>
        <translation>Ausreißerkanäle (%1): %2</translation>
    </message>
    <message>
        <source>zeros, on the axis floor (%1)</source>
        <translation>Nullwerte, am unteren Achsenende (%1)</translation>
    </message>
    <message>
        <source>tensor MSE %1</source>
        <translation>Tensor-MSE %1</translation>
    </message>
    <message>
        <source>Per input channel: quantization MSE against weight absmax. Outlier channels set their groups&apos; scale; the channels sharing those groups lose precision.</source>
        <translation>Je Eingangskanal: Quantisierungs-MSE gegen absmax der Gewichte. Ausreißerkanäle bestimmen die Skala ihrer Gruppen; die Kanäle, die diese Gruppen teilen, verlieren Genauigkeit.</translation>
    </message>
</context>
<context>
    <name>bitcliff::ChartExport</name>
    <message>
        <source>Exported by BitCliff</source>
        <translation>Exportiert mit BitCliff</translation>
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
        <translation>%1, log. Skala</translation>
    </message>
    <message>
        <source>unquantized</source>
        <translation>unquantisiert</translation>
    </message>
    <message>
        <source>%1-bit</source>
        <comment>the bit-width floor marker</comment>
        <translation>%1 Bit</translation>
    </message>
    <message>
        <source>%1: %2 bpw, %3 %4</source>
        <comment>scheme: bits per weight, metric value</comment>
        <translation>%1: %2 Bit/Gew., %3 %4</translation>
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
        <translation>Keine Daten</translation>
    </message>
    <message>
        <source>%1 (showing %2–%3 of %4)</source>
        <translation>%1 (%2–%3 von %4 angezeigt)</translation>
    </message>
    <message>
        <source>%1 %2, %3 %4: %5</source>
        <translation>%1 %2, %3 %4: %5</translation>
    </message>
    <message>
        <source>missing</source>
        <translation>fehlend</translation>
    </message>
    <message>
        <source>(the largest of the cells under the cursor)</source>
        <translation>(größter Wert der Zellen unter dem Cursor)</translation>
    </message>
    <message>
        <source>%1 range %2–%3</source>
        <translation>%1-Bereich %2–%3</translation>
    </message>
    <message>
        <source>(the cell farthest from %1 under the cursor)</source>
        <translation>(am weitesten von %1 entfernte Zelle unter dem Cursor)</translation>
    </message>
</context>
<context>
    <name>bitcliff::HistogramChartView</name>
    <message>
        <source>weight value</source>
        <translation>Gewichtswert</translation>
    </message>
    <message>
        <source>No tensor selected</source>
        <translation>Kein Tensor ausgewählt</translation>
    </message>
    <message>
        <source>count (log scale)</source>
        <translation>Anzahl (log. Skala)</translation>
    </message>
    <message>
        <source>count</source>
        <translation>Anzahl</translation>
    </message>
    <message>
        <source>weights, kurtosis %1</source>
        <translation>Gewichte, Kurtosis %1</translation>
    </message>
    <message>
        <source>weights</source>
        <translation>Gewichte</translation>
    </message>
    <message>
        <source>Gaussian, same mean and std</source>
        <translation>Gauß (gleicher Mittelwert, gleiche Std.-Abw.)</translation>
    </message>
</context>
<context>
    <name>bitcliff::LossCurveView</name>
    <message>
        <source>Training loss</source>
        <translation>Trainingsverlust</translation>
    </message>
    <message>
        <source>step</source>
        <translation>Schritt</translation>
    </message>
    <message>
        <source>loss (nats/token)</source>
        <translation>Verlust (nats/Token)</translation>
    </message>
    <message>
        <source>training loss per step</source>
        <translation>Trainingsverlust je Schritt</translation>
    </message>
    <message>
        <source>training loss</source>
        <translation>Trainingsverlust</translation>
    </message>
    <message numerus="yes">
        <source>training loss, smoothed over %n step(s)</source>
        <translation>
            <numerusform>Trainingsverlust, geglättet über %n Schritt</numerusform>
            <numerusform>Trainingsverlust, geglättet über %n Schritte</numerusform>
        </translation>
    </message>
    <message>
        <source>held-out loss</source>
        <translation>Verlust auf zurückgehaltenen Daten</translation>
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
        <translation>KLD (nats)</translation>
    </message>
    <message>
        <source>Δ accuracy (pp)</source>
        <comment>pp: percentage points</comment>
        <translation>Δ Genauigkeit (Pp.)</translation>
    </message>
    <message>
        <source>n/a</source>
        <comment>no value measured</comment>
        <translation>k. A.</translation>
    </message>
    <message>
        <source>Δ: change from the unquantized model (pp: percentage points). Bars: each metric&apos;s damage as a share of its worst value in this table; longer is worse.</source>
        <translation>Δ: Änderung gegenüber dem unquantisierten Modell (Pp.: Prozentpunkte). Balken: der Schaden jeder Metrik als Anteil ihres schlechtesten Werts in dieser Tabelle; länger ist schlechter.</translation>
    </message>
    <message>
        <source>%1, %2
%3: %4</source>
        <comment>language, scheme, metric: value</comment>
        <translation>%1, %2
%3: %4</translation>
    </message>
    <message>
        <source>%1% of the worst damage by this metric in the table</source>
        <translation>%1 % des größten Schadens dieser Metrik in der Tabelle</translation>
    </message>
</context>
<context>
    <name>bitcliff::ModelTreeModel</name>
    <message>
        <source>Not computed: %1</source>
        <translation>Nicht berechnet: %1</translation>
    </message>
    <message>
        <source>Statistics have not been computed yet</source>
        <translation>Statistiken wurden noch nicht berechnet</translation>
    </message>
    <message>
        <source>No statistics for this tensor</source>
        <translation>Keine Statistiken für diesen Tensor</translation>
    </message>
    <message>
        <source>Embeddings &amp; head</source>
        <translation>Embeddings &amp; Head</translation>
    </message>
    <message>
        <source>Layer %1</source>
        <translation>Schicht %1</translation>
    </message>
    <message>
        <source>1 tensor</source>
        <translation>1 Tensor</translation>
    </message>
    <message>
        <source>%1 tensors</source>
        <translation>%1 Tensoren</translation>
    </message>
    <message>
        <source>%1 parameters</source>
        <translation>%1 Parameter</translation>
    </message>
    <message>
        <source>No statistics for this group yet</source>
        <translation>Noch keine Statistiken für diese Gruppe</translation>
    </message>
    <message>
        <source>Pearson kurtosis (Gaussian = 3); heavy tails make it large</source>
        <translation>Pearson-Kurtosis (Gauß = 3); schwere Verteilungsränder machen sie groß</translation>
    </message>
    <message>
        <source>%1 of %2 input channels and %3 of %4 output channels exceed %5 (%6 × median)</source>
        <translation>%1 von %2 Eingangskanälen und %3 von %4 Ausgangskanälen überschreiten %5 (%6 × Median)</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>Rolle</translation>
    </message>
    <message>
        <source>Shape</source>
        <translation>Form</translation>
    </message>
    <message>
        <source>DType</source>
        <translation>DType</translation>
    </message>
    <message>
        <source>Parameters</source>
        <translation>Parameter</translation>
    </message>
    <message>
        <source>Absmax</source>
        <translation>Absmax</translation>
    </message>
    <message>
        <source>Kurtosis</source>
        <translation>Kurtosis</translation>
    </message>
    <message>
        <source>Shape in PyTorch order: output × input</source>
        <translation>Form in PyTorch-Reihenfolge: Ausgang × Eingang</translation>
    </message>
    <message>
        <source>Largest absolute weight |w|</source>
        <translation>Größter Gewichtsbetrag |w|</translation>
    </message>
    <message>
        <source>Pearson kurtosis of the weights (Gaussian = 3)</source>
        <translation>Pearson-Kurtosis der Gewichte (Gauß = 3)</translation>
    </message>
    <message>
        <source>Input channels whose absmax exceeds k × the median channel absmax</source>
        <translation>Eingangskanäle, deren absmax k × den Median der Kanal-absmax-Werte übersteigt</translation>
    </message>
    <message>
        <source>%1 — BitCliff cannot decode this type, so the tensor has no statistics</source>
        <translation>%1 — BitCliff kann diesen Typ nicht dekodieren, daher hat der Tensor keine Statistik</translation>
    </message>
    <message>
        <source>%1; the group&apos;s figures summarise them</source>
        <translation>%1; die Werte der Gruppe fassen sie zusammen</translation>
    </message>
    <message>
        <source>Absmax: the max over %1 with statistics</source>
        <translation>Absmax: das Maximum über %1 mit Statistik</translation>
    </message>
    <message>
        <source>Kurtosis is a per-tensor figure: see the tensors below</source>
        <translation>Die Kurtosis gilt je Tensor: siehe die Tensoren darunter</translation>
    </message>
    <message>
        <source>Outlier input channels, summed over %1 with statistics</source>
        <translation>Ausreißer-Eingangskanäle, summiert über %1 mit Statistik</translation>
    </message>
    <message>
        <source>Outliers</source>
        <translation>Ausreißer</translation>
    </message>
</context>
<context>
    <name>bitcliff::StatsPanel</name>
    <message>
        <source>Shape</source>
        <translation>Form</translation>
    </message>
    <message>
        <source>DType</source>
        <translation>DType</translation>
    </message>
    <message>
        <source>Elements</source>
        <translation>Elemente</translation>
    </message>
    <message>
        <source>Non-finite</source>
        <translation>Nicht endlich</translation>
    </message>
    <message>
        <source>Absmax</source>
        <translation>Absmax</translation>
    </message>
    <message>
        <source>Mean</source>
        <translation>Mittelwert</translation>
    </message>
    <message>
        <source>Std</source>
        <translation>Std.-Abw.</translation>
    </message>
    <message>
        <source>Kurtosis</source>
        <translation>Kurtosis</translation>
    </message>
    <message>
        <source>Outlier output channels</source>
        <translation>Ausreißer-Ausgangskanäle</translation>
    </message>
    <message>
        <source>Outlier input channels</source>
        <translation>Ausreißer-Eingangskanäle</translation>
    </message>
    <message>
        <source>Outlier threshold</source>
        <translation>Ausreißerschwelle</translation>
    </message>
    <message>
        <source>Axis</source>
        <translation>Achse</translation>
    </message>
    <message>
        <source>Channel</source>
        <translation>Kanal</translation>
    </message>
    <message>
        <source>× median</source>
        <translation>× Median</translation>
    </message>
    <message>
        <source>Channel absmax divided by the median channel absmax</source>
        <translation>Kanal-absmax geteilt durch den Median der Kanal-absmax-Werte</translation>
    </message>
    <message>
        <source>No tensor selected</source>
        <translation>Kein Tensor ausgewählt</translation>
    </message>
    <message>
        <source>Statistics have not been computed yet</source>
        <translation>Statistiken wurden noch nicht berechnet</translation>
    </message>
    <message>
        <source>Not computed: %1</source>
        <translation>Nicht berechnet: %1</translation>
    </message>
    <message>
        <source>NaN and infinite values, left out of every statistic</source>
        <translation>NaN- und unendliche Werte; in keiner Statistik berücksichtigt</translation>
    </message>
    <message>
        <source>Largest absolute value |w|</source>
        <translation>Größter Betrag |w|</translation>
    </message>
    <message>
        <source>Population standard deviation</source>
        <translation>Standardabweichung der Grundgesamtheit</translation>
    </message>
    <message>
        <source>%1 (Gaussian = 3)</source>
        <translation>%1 (Gauß = 3)</translation>
    </message>
    <message>
        <source>Pearson kurtosis: far above 3 means heavy tails, which waste quantization levels</source>
        <translation>Pearson-Kurtosis: Werte weit über 3 bedeuten schwere Verteilungsränder, die Quantisierungsstufen verschwenden</translation>
    </message>
    <message>
        <source>%1 of %2 %3</source>
        <translation>%1 von %2 %3</translation>
    </message>
    <message>
        <source>output channels</source>
        <translation>Ausgangskanälen</translation>
    </message>
    <message>
        <source>input channels</source>
        <translation>Eingangskanälen</translation>
    </message>
    <message>
        <source>%1 × median: %2 (output), %3 (input)</source>
        <translation>%1 × Median: %2 (Ausgang), %3 (Eingang)</translation>
    </message>
    <message>
        <source>A channel is an outlier when its absmax exceeds k times the median channel absmax</source>
        <translation>Ein Kanal gilt als Ausreißer, wenn sein absmax das k-Fache des Medians der Kanal-absmax-Werte übersteigt</translation>
    </message>
    <message>
        <source>input</source>
        <translation>Eingang</translation>
    </message>
    <message>
        <source>output</source>
        <translation>Ausgang</translation>
    </message>
    <message>
        <source>No outlier channels</source>
        <translation>Keine Ausreißerkanäle</translation>
    </message>
    <message>
        <source>Outlier channels</source>
        <translation>Ausreißerkanäle</translation>
    </message>
    <message>
        <source>Outlier channels (%1)</source>
        <translation>Ausreißerkanäle (%1)</translation>
    </message>
    <message>
        <source>Top %1 of %2 outlier channels</source>
        <translation>Top %1 von %2 Ausreißerkanälen</translation>
    </message>
</context>
<context>
    <name>bitcliff::SweepResultsModel</name>
    <message>
        <source>ok</source>
        <translation>OK</translation>
    </message>
    <message>
        <source>failed</source>
        <translation>fehlgeschlagen</translation>
    </message>
    <message>
        <source>This cell failed.</source>
        <translation>Diese Zelle ist fehlgeschlagen.</translation>
    </message>
    <message>
        <source>Failed: %1</source>
        <translation>Fehlgeschlagen: %1</translation>
    </message>
    <message>
        <source>Bits per weight as stored over the quantized tensors, scales included</source>
        <translation>Bit pro Gewicht wie gespeichert über die quantisierten Tensoren, Skalen inbegriffen</translation>
    </message>
    <message>
        <source>Mean KL divergence from the unquantized model&apos;s next-token distribution, in nats</source>
        <translation>Mittlere KL-Divergenz zur Verteilung des nächsten Tokens beim unquantisierten Modell, in nats</translation>
    </message>
    <message>
        <source>How often the most likely next token is the unquantized model&apos;s</source>
        <translation>Wie oft das wahrscheinlichste nächste Token dem des unquantisierten Modells entspricht</translation>
    </message>
    <message>
        <source>Scheme</source>
        <translation>Schema</translation>
    </message>
    <message>
        <source>Method</source>
        <translation>Methode</translation>
    </message>
    <message>
        <source>Bits</source>
        <translation>Bit</translation>
    </message>
    <message>
        <source>Bits/weight</source>
        <translation>Bit/Gewicht</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Zustand</translation>
    </message>
    <message>
        <source>PPL</source>
        <translation>PPL</translation>
    </message>
    <message>
        <source>KLD (nats)</source>
        <translation>KLD (nats)</translation>
    </message>
    <message>
        <source>Same top (%)</source>
        <translation>Gleiches Top-Token (%)</translation>
    </message>
    <message>
        <source>Accuracy (%)</source>
        <translation>Genauigkeit (%)</translation>
    </message>
    <message>
        <source>Time (s)</source>
        <translation>Zeit (s)</translation>
    </message>
</context>
<context>
    <name>bitcliff::app::ActivationHeatmaps</name>
    <message>
        <source>attention input (q/k/v)</source>
        <translation>Attention-Eingang (q/k/v)</translation>
    </message>
    <message>
        <source>attention output (o_proj input)</source>
        <translation>Attention-Ausgang (o_proj-Eingang)</translation>
    </message>
    <message>
        <source>MLP input (gate/up)</source>
        <translation>MLP-Eingang (gate/up)</translation>
    </message>
    <message>
        <source>MLP down_proj input</source>
        <translation>MLP-down_proj-Eingang</translation>
    </message>
    <message>
        <source>%1: per-channel mean |activation| over %2 tokens</source>
        <translation>%1: mittlere |Aktivierung| je Kanal über %2 Tokens</translation>
    </message>
    <message>
        <source>%1: per-channel activation absmax over %2 tokens</source>
        <translation>%1: Aktivierungs-absmax je Kanal über %2 Tokens</translation>
    </message>
    <message>
        <source>layer</source>
        <translation>Schicht</translation>
    </message>
    <message>
        <source>channel</source>
        <translation>Kanal</translation>
    </message>
    <message>
        <source>mean |x|</source>
        <translation>Mittelwert |x|</translation>
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
        <translation>Kalibrierung:</translation>
    </message>
    <message>
        <source>None (gptq schemes need text)</source>
        <translation>Keine (gptq-Schemata brauchen Text)</translation>
    </message>
    <message>
        <source>Bundled passages (the evaluation text too)</source>
        <translation>Mitgelieferte Passagen (auch der Evaluationstext)</translation>
    </message>
    <message>
        <source>Text that calibrated schemes (gptq) run the model on to see its activations. Text the evaluation also measures flatters them: prefer text of its own.</source>
        <translation>Text, auf dem kalibrierte Schemata (gptq) das Modell laufen lassen, um seine Aktivierungen zu sehen. Text, den auch die Evaluation misst, schönt sie: besser eigener Text.</translation>
    </message>
    <message>
        <source>Choose…</source>
        <translation>Wählen…</translation>
    </message>
    <message>
        <source> sequences</source>
        <translation> Sequenzen</translation>
    </message>
    <message>
        <source> tokens</source>
        <translation> Tokens</translation>
    </message>
    <message>
        <source>Calibration text</source>
        <translation>Kalibrierungstext</translation>
    </message>
    <message>
        <source>Text or task files (*.txt *.jsonl);;All files (*)</source>
        <translation>Text- oder Aufgabendateien (*.txt *.jsonl);;Alle Dateien (*)</translation>
    </message>
</context>
<context>
    <name>bitcliff::app::CliffController</name>
    <message numerus="yes">
        <source>Sweeping %n cell(s) into %1</source>
        <translation>
            <numerusform>Sweep über %n Zelle nach %1</numerusform>
            <numerusform>Sweep über %n Zellen nach %1</numerusform>
        </translation>
    </message>
    <message>
        <source>Opening the sweep in %1</source>
        <translation>Sweep in %1 wird geöffnet</translation>
    </message>
    <message>
        <source>Writing the sweep report to %1</source>
        <translation>Sweep-Bericht wird nach %1 geschrieben</translation>
    </message>
</context>
<context>
    <name>bitcliff::app::CliffEvalSet</name>
    <message>
        <source>Text:</source>
        <translation>Text:</translation>
    </message>
    <message>
        <source>Bundled passages</source>
        <translation>Mitgelieferte Textpassagen</translation>
    </message>
    <message>
        <source>A file or folder (choose one)</source>
        <translation>Datei oder Ordner (bitte wählen)</translation>
    </message>
    <message>
        <source>No text (tasks only)</source>
        <translation>Kein Text (nur Tasks)</translation>
    </message>
    <message>
        <source>Text file…</source>
        <translation>Textdatei…</translation>
    </message>
    <message>
        <source>Folder…</source>
        <translation>Ordner…</translation>
    </message>
    <message>
        <source>A folder of &lt;language&gt;.txt files, evaluated one by one.</source>
        <translation>Ein Ordner mit &lt;language&gt;.txt-Dateien, die einzeln ausgewertet werden.</translation>
    </message>
    <message>
        <source>Tasks:</source>
        <translation>Tasks:</translation>
    </message>
    <message>
        <source>Arithmetic</source>
        <translation>Arithmetik</translation>
    </message>
    <message>
        <source>Knowledge</source>
        <translation>Wissen</translation>
    </message>
    <message>
        <source>Reasoning</source>
        <translation>Schlussfolgern</translation>
    </message>
    <message>
        <source>Task file…</source>
        <translation>Task-Datei…</translation>
    </message>
    <message>
        <source>JSON Lines: multiple choice or generation items, optionally labelled with difficulty and language.</source>
        <translation>JSON Lines: Multiple-Choice- oder Generierungseinträge, optional mit Schwierigkeitsgrad und Sprache gekennzeichnet.</translation>
    </message>
    <message>
        <source>Folder of &lt;language&gt;.txt files</source>
        <translation>Ordner mit &lt;language&gt;.txt-Dateien</translation>
    </message>
    <message>
        <source>Evaluation text</source>
        <translation>Evaluierungstext</translation>
    </message>
    <message>
        <source>Text files (*.txt);;All files (*)</source>
        <translation>Textdateien (*.txt);;Alle Dateien (*)</translation>
    </message>
    <message>
        <source>Task file</source>
        <translation>Task-Datei</translation>
    </message>
    <message>
        <source>JSON Lines (*.jsonl);;All files (*)</source>
        <translation>JSON Lines (*.jsonl);;Alle Dateien (*)</translation>
    </message>
</context>
<context>
    <name>bitcliff::app::CliffForm</name>
    <message>
        <source>Preset:</source>
        <translation>Vorgabe:</translation>
    </message>
    <message>
        <source>Quick (a few minutes)</source>
        <translation>Schnell (wenige Minuten)</translation>
    </message>
    <message>
        <source>Full (every method)</source>
        <translation>Vollständig (alle Methoden)</translation>
    </message>
    <message>
        <source>Custom</source>
        <translation>Benutzerdefiniert</translation>
    </message>
    <message>
        <source>Save spec…</source>
        <translation>Spezifikation speichern…</translation>
    </message>
    <message>
        <source>The same JSON as bitcliff-cli sweep --spec FILE.</source>
        <translation>Dasselbe JSON wie bei bitcliff-cli sweep --spec FILE.</translation>
    </message>
    <message>
        <source>Load spec…</source>
        <translation>Spezifikation laden…</translation>
    </message>
    <message>
        <source>Context:</source>
        <translation>Kontext:</translation>
    </message>
    <message>
        <source> tokens</source>
        <translation> Tokens</translation>
    </message>
    <message>
        <source>n_ctx of llama.cpp&apos;s perplexity: the text is cut into chunks of this many tokens and the second half of each chunk is scored.</source>
        <translation>n_ctx wie bei perplexity von llama.cpp: Der Text wird in Abschnitte mit dieser Anzahl Tokens zerlegt, bewertet wird jeweils die zweite Hälfte jedes Abschnitts.</translation>
    </message>
    <message>
        <source>Answer length:</source>
        <translation>Antwortlänge:</translation>
    </message>
    <message>
        <source>The most tokens generated for a generation task&apos;s answer.</source>
        <translation>Höchstzahl an Tokens, die für die Antwort eines Generierungs-Tasks erzeugt werden.</translation>
    </message>
    <message>
        <source>Output folder:</source>
        <translation>Ausgabeordner:</translation>
    </message>
    <message>
        <source>sweep.json and results.jsonl go here; running again with the same folder resumes.</source>
        <translation>sweep.json und results.jsonl werden hier abgelegt; ein erneuter Lauf mit demselben Ordner setzt fort.</translation>
    </message>
    <message>
        <source>Choose…</source>
        <translation>Auswählen…</translation>
    </message>
    <message>
        <source>Open a model first.</source>
        <translation>Öffnen Sie zuerst ein Modell.</translation>
    </message>
    <message>
        <source>Check at least one scheme.</source>
        <translation>Wählen Sie mindestens ein Schema aus.</translation>
    </message>
    <message>
        <source>Choose a text or at least one task set.</source>
        <translation>Einen Text oder mindestens ein Task-Set auswählen.</translation>
    </message>
    <message>
        <source>Sweep output folder</source>
        <translation>Ausgabeordner des Sweeps</translation>
    </message>
    <message>
        <source>Saved the spec to %1.</source>
        <translation>Spezifikation in %1 gespeichert.</translation>
    </message>
    <message>
        <source>Loaded the spec from %1.</source>
        <translation>Spezifikation aus %1 geladen.</translation>
    </message>
    <message>
        <source>It names the model %1; the sweep runs on the open model.</source>
        <translation>Sie nennt das Modell %1; der Sweep läuft mit dem geöffneten Modell.</translation>
    </message>
    <message>
        <source>Save sweep spec</source>
        <translation>Sweep-Spezifikation speichern</translation>
    </message>
    <message>
        <source>JSON (*.json);;All files (*)</source>
        <translation>JSON (*.json);;Alle Dateien (*)</translation>
    </message>
    <message>
        <source>Load sweep spec</source>
        <translation>Sweep-Spezifikation laden</translation>
    </message>
    <message>
        <source>The text gptq cells calibrate on, cut into sequences × tokens; part of the sweep&apos;s measurement, like the evaluation set.</source>
        <translation>Der Text, auf dem gptq-Zellen kalibrieren, geschnitten in Sequenzen × Tokens; Teil der Messung des Sweeps, wie der Evaluationssatz.</translation>
    </message>
    <message>
        <source>%1 needs calibration text: choose it under Calibration.</source>
        <translation>%1 braucht Kalibrierungstext: unter Kalibrierung wählen.</translation>
    </message>
</context>
<context>
    <name>bitcliff::app::CliffPage</name>
    <message numerus="yes">
        <source>All %n cell(s) already finished in %1: nothing to run.</source>
        <translation>
            <numerusform>Die %n Zelle in %1 ist bereits fertig: nichts zu tun.</numerusform>
            <numerusform>Alle %n Zellen in %1 sind bereits fertig: nichts zu tun.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1 of %n cell(s) already finished in %2: resuming. Progress, time left and Cancel are in the Jobs panel.</source>
        <translation>
            <numerusform>%1 von %n Zelle in %2 bereits fertig: wird fortgesetzt. Fortschritt, Restzeit und „Abbrechen“ im Bereich „Aufgaben“.</numerusform>
            <numerusform>%1 von %n Zellen in %2 bereits fertig: wird fortgesetzt. Fortschritt, Restzeit und „Abbrechen“ im Bereich „Aufgaben“.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Sweeping %n cell(s) into %1. Progress, time left and Cancel are in the Jobs panel.</source>
        <translation>
            <numerusform>Sweep über %n Zelle nach %1. Fortschritt, Restzeit und „Abbrechen“ im Bereich „Aufgaben“.</numerusform>
            <numerusform>Sweep über %n Zellen nach %1. Fortschritt, Restzeit und „Abbrechen“ im Bereich „Aufgaben“.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Cancelled: the %n finished cell(s) stay in %1; run again to resume.</source>
        <translation>
            <numerusform>Abgebrochen: Die %n fertige Zelle bleibt in %1; zum Fortsetzen erneut starten.</numerusform>
            <numerusform>Abgebrochen: Die %n fertigen Zellen bleiben in %1; zum Fortsetzen erneut starten.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Opened %n cell(s) from %1.</source>
        <translation>
            <numerusform>%n Zelle aus %1 geöffnet.</numerusform>
            <numerusform>%n Zellen aus %1 geöffnet.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Skipped %n unreadable line(s): %1</source>
        <translation>
            <numerusform>%n unlesbare Zeile übersprungen: %1</numerusform>
            <numerusform>%n unlesbare Zeilen übersprungen: %1</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Wrote %n file(s) to %1.</source>
        <translation>
            <numerusform>%n Datei nach %1 geschrieben.</numerusform>
            <numerusform>%n Dateien nach %1 geschrieben.</numerusform>
        </translation>
    </message>
    <message>
        <source>Run sweep</source>
        <translation>Sweep starten</translation>
    </message>
    <message>
        <source>Runs the unquantized model and every checked scheme on the evaluation set; each finished cell is saved at once, so running again with the same folder resumes.</source>
        <translation>Führt das unquantisierte Modell und jedes ausgewählte Schema auf dem Evaluierungsset aus; jede fertige Zelle wird sofort gespeichert, daher setzt ein erneuter Lauf mit demselben Ordner fort.</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <source>Open results…</source>
        <translation>Ergebnisse öffnen…</translation>
    </message>
    <message>
        <source>Shows the results of an earlier sweep (a folder with results.jsonl and sweep.json).</source>
        <translation>Zeigt die Ergebnisse eines früheren Sweeps (ein Ordner mit results.jsonl und sweep.json).</translation>
    </message>
    <message>
        <source>Export report…</source>
        <translation>Bericht exportieren…</translation>
    </message>
    <message>
        <source>Charts (PNG, SVG, PDF), report.html and results.csv/json of the cells shown.</source>
        <translation>Diagramme (PNG, SVG, PDF), report.html und results.csv/json der angezeigten Zellen.</translation>
    </message>
    <message>
        <source>The accuracy cliff: how each quantization method&apos;s damage grows as its bits per weight shrink. Check schemes and an evaluation set, then run.</source>
        <translation>Die Genauigkeitsklippe: wie der Schaden jeder Quantisierungsmethode wächst, wenn ihre Bit pro Gewicht sinken. Wählen Sie Schemata und ein Evaluierungsset aus und starten Sie.</translation>
    </message>
    <message>
        <source>Fix the scheme text first: %1</source>
        <translation>Korrigieren Sie zuerst den Schema-Text: %1</translation>
    </message>
    <message>
        <source>Choose an output folder.</source>
        <translation>Wählen Sie einen Ausgabeordner.</translation>
    </message>
    <message>
        <source>Opening the model and the evaluation set…</source>
        <translation>Modell und Evaluierungsset werden geöffnet…</translation>
    </message>
    <message numerus="yes">
        <source>Sweep finished in %1: %n cell(s)</source>
        <translation>
            <numerusform>Sweep in %1 fertig: %n Zelle</numerusform>
            <numerusform>Sweep in %1 fertig: %n Zellen</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>, %n resumed</source>
        <translation>
            <numerusform>, davon %n übernommen</numerusform>
            <numerusform>, davon %n übernommen</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>, %n failed (see the table)</source>
        <translation>
            <numerusform>, %n fehlgeschlagen (siehe Tabelle)</numerusform>
            <numerusform>, %n fehlgeschlagen (siehe Tabelle)</numerusform>
        </translation>
    </message>
    <message>
        <source>Opening %1…</source>
        <translation>%1 wird geöffnet…</translation>
    </message>
    <message>
        <source>Writing the report to %1…</source>
        <translation>Bericht wird nach %1 geschrieben…</translation>
    </message>
    <message>
        <source>Open sweep results</source>
        <translation>Sweep-Ergebnisse öffnen</translation>
    </message>
    <message>
        <source>Export the sweep report to</source>
        <translation>Sweep-Bericht exportieren nach</translation>
    </message>
</context>
<context>
    <name>bitcliff::app::CliffResultsView</name>
    <message>
        <source>ln PPL ratio</source>
        <translation>ln PPL-Verhältnis</translation>
    </message>
    <message>
        <source>KL divergence</source>
        <translation>KL-Divergenz</translation>
    </message>
    <message>
        <source>same top token</source>
        <translation>gleiches Top-Token</translation>
    </message>
    <message>
        <source>task accuracy</source>
        <translation>Task-Genauigkeit</translation>
    </message>
    <message>
        <source>perplexity</source>
        <translation>Perplexität</translation>
    </message>
    <message>
        <source>Metric:</source>
        <translation>Metrik:</translation>
    </message>
    <message>
        <source>Bits:</source>
        <translation>Bit:</translation>
    </message>
    <message>
        <source>stored bits/weight</source>
        <translation>gespeicherte Bit/Gewicht</translation>
    </message>
    <message>
        <source>nominal bits</source>
        <translation>nominelle Bit</translation>
    </message>
    <message>
        <source>Stored: the bits each weight takes with its scales and zero points; nominal: the code bits of the scheme (q4_k and rtn:b4 are both 4).</source>
        <translation>Gespeichert: die Bit, die jedes Gewicht samt Skalen und Nullpunkten belegt; nominell: die Code-Bit des Schemas (q4_k und rtn:b4 haben beide 4).</translation>
    </message>
    <message>
        <source>View:</source>
        <translation>Ansicht:</translation>
    </message>
    <message>
        <source>Single chart</source>
        <translation>Ein Diagramm</translation>
    </message>
    <message>
        <source>By difficulty</source>
        <translation>Nach Schwierigkeitsgrad</translation>
    </message>
    <message>
        <source>By language</source>
        <translation>Nach Sprache</translation>
    </message>
    <message>
        <source>By task file</source>
        <translation>Nach Task-Datei</translation>
    </message>
    <message>
        <source>Metric disagreement</source>
        <translation>Uneinigkeit der Metriken</translation>
    </message>
    <message>
        <source>One chart, small multiples (a panel per difficulty tier, language or task file on shared axes), or per language the three measures of damage side by side.</source>
        <translation>Ein Diagramm, mehrere kleine Diagramme (eines je Schwierigkeitsstufe, Sprache oder Task-Datei auf gemeinsamen Achsen) oder je Sprache die drei Schadensmaße nebeneinander.</translation>
    </message>
    <message>
        <source>No results yet: run a sweep or open the results of one.</source>
        <translation>Noch keine Ergebnisse: Starten Sie einen Sweep oder öffnen Sie die Ergebnisse eines Sweeps.</translation>
    </message>
    <message>
        <source>No finished cell has this metric yet.</source>
        <translation>Noch keine fertige Zelle hat diese Metrik.</translation>
    </message>
    <message>
        <source>No panels for this metric in this view: text metrics split by language (texts that name their language), task accuracy by difficulty, language and task file.</source>
        <translation>Keine Diagramme für diese Metrik in dieser Ansicht: Textmetriken werden nach Sprache aufgeteilt (Texte, die ihre Sprache angeben), die Task-Genauigkeit nach Schwierigkeitsgrad, Sprache und Task-Datei.</translation>
    </message>
    <message>
        <source>By language and difficulty</source>
        <translation>Nach Sprache und Schwierigkeit</translation>
    </message>
    <message>
        <source>answer loss</source>
        <translation>Antwortverlust</translation>
    </message>
</context>
<context>
    <name>bitcliff::app::CliffSchemeGrid</name>
    <message>
        <source>%1 bits</source>
        <translation>%1 Bit</translation>
    </message>
    <message>
        <source>GGUF K-quants</source>
        <translation>GGUF-K-Quants</translation>
    </message>
    <message>
        <source>GGUF legacy</source>
        <translation>GGUF klassisch</translation>
    </message>
    <message>
        <source>GGUF legacy with minimum</source>
        <translation>GGUF klassisch mit Minimum</translation>
    </message>
    <message>
        <source>RTN g128 symmetric</source>
        <translation>RTN g128 symmetrisch</translation>
    </message>
    <message>
        <source>RTN g128 asymmetric</source>
        <translation>RTN g128 asymmetrisch</translation>
    </message>
    <message>
        <source>HQQ g64</source>
        <translation>HQQ g64</translation>
    </message>
    <message>
        <source>Float and lookup formats</source>
        <translation>Gleitkomma- und Lookup-Formate</translation>
    </message>
    <message>
        <source>Schemes:</source>
        <translation>Schemata:</translation>
    </message>
    <message>
        <source>Other scheme:</source>
        <translation>Weiteres Schema:</translation>
    </message>
    <message>
        <source>any scheme text, e.g. rtn:b3:g64:asym or nf4:g128:dq, then Enter</source>
        <translation>beliebiger Schema-Text, z. B. rtn:b3:g64:asym oder nf4:g128:dq, dann Eingabetaste</translation>
    </message>
    <message>
        <source>The scheme grammar is in bitcliff-cli --help.</source>
        <translation>Die Schema-Grammatik steht in bitcliff-cli --help.</translation>
    </message>
    <message>
        <source>GPTQ g128 symmetric</source>
        <translation>GPTQ g128 symmetrisch</translation>
    </message>
    <message>
        <source>GPTQ g128 asymmetric</source>
        <translation>GPTQ g128 asymmetrisch</translation>
    </message>
    <message>
        <source>Calibrated on the text chosen under Calibration: slower than rounding, and needs that text.</source>
        <translation>Kalibriert auf dem unter „Kalibrierung“ gewählten Text: langsamer als Runden und braucht diesen Text.</translation>
    </message>
    <message>
        <source>AWQ g128 asymmetric</source>
        <translation>AWQ g128 asymmetrisch</translation>
    </message>
    <message>
        <source>RTN g128 asymmetric, rotated</source>
        <translation>RTN g128 asymmetrisch, rotiert</translation>
    </message>
</context>
<context>
    <name>bitcliff::app::EvalCharts</name>
    <message>
        <source>Text (language)</source>
        <translation>Text (Sprache)</translation>
    </message>
    <message>
        <source>Perplexity per language</source>
        <translation>Perplexität je Sprache</translation>
    </message>
    <message>
        <source>KL divergence per language</source>
        <translation>KL-Divergenz je Sprache</translation>
    </message>
    <message>
        <source>Same top token per language</source>
        <translation>Gleiches Top-Token je Sprache</translation>
    </message>
    <message>
        <source>Accuracy per difficulty</source>
        <translation>Genauigkeit je Schwierigkeitsgrad</translation>
    </message>
    <message>
        <source>Accuracy per language</source>
        <translation>Genauigkeit je Sprache</translation>
    </message>
    <message>
        <source>Accuracy per task file</source>
        <translation>Genauigkeit je Task-Datei</translation>
    </message>
    <message>
        <source>Tokens per character (fertility)</source>
        <translation>Tokens je Zeichen (Fertility)</translation>
    </message>
    <message>
        <source>Perplexity (log scale, lower is better)</source>
        <translation>Perplexität (log. Skala, niedriger ist besser)</translation>
    </message>
    <message>
        <source>Mean KLD to unquantized (nats)</source>
        <translation>Mittlere KLD zum unquantisierten Modell (nats)</translation>
    </message>
    <message>
        <source>Tokens per character</source>
        <translation>Tokens je Zeichen</translation>
    </message>
    <message>
        <source>tokenizer</source>
        <translation>Tokenizer</translation>
    </message>
    <message>
        <source>Difficulty</source>
        <translation>Schwierigkeitsgrad</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>Sprache</translation>
    </message>
    <message>
        <source>Task file</source>
        <translation>Task-Datei</translation>
    </message>
    <message>
        <source>%1 · %2 bpw</source>
        <translation>%1 · %2 Bit/Gew.</translation>
    </message>
    <message>
        <source>Same top token as unquantized (%, 0–100)</source>
        <translation>Gleiches Top-Token wie unquantisiert (%, 0–100)</translation>
    </message>
    <message>
        <source>Accuracy (%, 0–100)</source>
        <translation>Genauigkeit (%, 0–100)</translation>
    </message>
</context>
<context>
    <name>bitcliff::app::EvalTables</name>
    <message>
        <source>Run</source>
        <translation>Lauf</translation>
    </message>
    <message>
        <source>Text</source>
        <translation>Text</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>Sprache</translation>
    </message>
    <message>
        <source>Tokens</source>
        <translation>Tokens</translation>
    </message>
    <message>
        <source>Tokens/char</source>
        <translation>Tokens/Zeichen</translation>
    </message>
    <message>
        <source>Tokens/word</source>
        <translation>Tokens/Wort</translation>
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
        <translation>Gleiches Top-Token %</translation>
    </message>
    <message>
        <source>RMS Δp %</source>
        <translation>RMS Δp %</translation>
    </message>
    <message>
        <source>Items</source>
        <translation>Einträge</translation>
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
        <translation>Bit/Gewicht</translation>
    </message>
    <message>
        <source>Bits/weight (quantized tensors)</source>
        <translation>Bit/Gewicht (quantisierte Tensoren)</translation>
    </message>
    <message>
        <source>Bits/weight (model)</source>
        <translation>Bit/Gewicht (Modell)</translation>
    </message>
    <message>
        <source>Tensors as asked</source>
        <translation>Tensoren wie verlangt</translation>
    </message>
    <message>
        <source>Fell back</source>
        <translation>Zurückgefallen</translation>
    </message>
    <message>
        <source>Kept</source>
        <translation>Unverändert</translation>
    </message>
    <message>
        <source>What was done</source>
        <translation>Was geschah</translation>
    </message>
    <message>
        <source>as stored</source>
        <translation>wie gespeichert</translation>
    </message>
</context>
<context>
    <name>bitcliff::app::EvaluateController</name>
    <message>
        <source>Evaluating the unquantized model</source>
        <translation>Unquantisiertes Modell wird evaluiert</translation>
    </message>
    <message>
        <source>Evaluating %1</source>
        <translation>%1 wird evaluiert</translation>
    </message>
    <message>
        <source>Evaluating %1 on the model and on %2</source>
        <translation>%1 wird am Modell und an %2 evaluiert</translation>
    </message>
</context>
<context>
    <name>bitcliff::app::EvaluateForm</name>
    <message>
        <source>Text:</source>
        <translation>Text:</translation>
    </message>
    <message>
        <source>Bundled passages (%1 languages)</source>
        <translation>Mitgelieferte Textpassagen (%1 Sprachen)</translation>
    </message>
    <message>
        <source>No text (tasks only)</source>
        <translation>Kein Text (nur Tasks)</translation>
    </message>
    <message>
        <source>Other text</source>
        <translation>Anderer Text</translation>
    </message>
    <message>
        <source>Text file…</source>
        <translation>Textdatei…</translation>
    </message>
    <message>
        <source>Folder of parallel texts…</source>
        <translation>Ordner mit Paralleltexten…</translation>
    </message>
    <message>
        <source>A UTF-8 text file, or a folder of &lt;language&gt;.txt files evaluated one by one.</source>
        <translation>Eine UTF-8-Textdatei oder ein Ordner mit &lt;language&gt;.txt-Dateien, die einzeln evaluiert werden.</translation>
    </message>
    <message>
        <source>Tasks:</source>
        <translation>Tasks:</translation>
    </message>
    <message>
        <source>Task file…</source>
        <translation>Task-Datei…</translation>
    </message>
    <message>
        <source>JSON Lines: multiple choice or generation items, optionally labelled with difficulty and language.</source>
        <translation>JSON Lines: Multiple-Choice- oder Generierungseinträge, optional mit Schwierigkeitsgrad und Sprache gekennzeichnet.</translation>
    </message>
    <message>
        <source>Schemes:</source>
        <translation>Schemata:</translation>
    </message>
    <message>
        <source>Context:</source>
        <translation>Kontext:</translation>
    </message>
    <message>
        <source> tokens</source>
        <translation> Tokens</translation>
    </message>
    <message>
        <source>n_ctx of llama.cpp&apos;s perplexity: the text is cut into chunks of this many tokens and the second half of each chunk is scored.</source>
        <translation>n_ctx wie bei perplexity von llama.cpp: Der Text wird in Abschnitte mit dieser Anzahl Tokens zerlegt, bewertet wird jeweils die zweite Hälfte jedes Abschnitts.</translation>
    </message>
    <message>
        <source>Evaluate</source>
        <translation>Evaluieren</translation>
    </message>
    <message>
        <source>Folder of &lt;language&gt;.txt files</source>
        <translation>Ordner mit &lt;language&gt;.txt-Dateien</translation>
    </message>
    <message>
        <source>Evaluation text</source>
        <translation>Evaluierungstext</translation>
    </message>
    <message>
        <source>Text files (*.txt);;All files (*)</source>
        <translation>Textdateien (*.txt);;Alle Dateien (*)</translation>
    </message>
    <message>
        <source>Task file</source>
        <translation>Task-Datei</translation>
    </message>
    <message>
        <source>JSON Lines (*.jsonl);;All files (*)</source>
        <translation>JSON Lines (*.jsonl);;Alle Dateien (*)</translation>
    </message>
    <message>
        <source>Arithmetic</source>
        <translation>Arithmetik</translation>
    </message>
    <message>
        <source>Knowledge</source>
        <translation>Wissen</translation>
    </message>
    <message>
        <source>Reasoning</source>
        <translation>Schlussfolgern</translation>
    </message>
    <message>
        <source>Bundled task set “%1”</source>
        <translation>Mitgelieferter Aufgabensatz „%1“</translation>
    </message>
    <message>
        <source>Compare with:</source>
        <translation>Vergleichen mit:</translation>
    </message>
    <message>
        <source>Choose…</source>
        <translation>Auswählen…</translation>
    </message>
    <message>
        <source>Check at least one scheme: the model to compare with runs under each checked scheme.</source>
        <translation>Wählen Sie mindestens ein Schema aus: Das Vergleichsmodell läuft unter jedem gewählten Schema.</translation>
    </message>
    <message>
        <source>Trained checkpoint to compare with</source>
        <translation>Trainierter Checkpoint zum Vergleich</translation>
    </message>
    <message>
        <source>Optional: a trained checkpoint of this model</source>
        <translation>Optional: ein trainierter Checkpoint dieses Modells</translation>
    </message>
    <message>
        <source>A folder with config.json and safetensors of the same architecture (e.g. from the Train page), run beside the model under each checked scheme. Its runs are labelled scheme@folder and measured against the unquantized model.</source>
        <translation>Ein Ordner mit config.json und safetensors derselben Architektur (z. B. von der Seite Training), der unter jedem gewählten Schema neben dem Modell läuft. Seine Läufe heißen Schema@Ordner und werden am unquantisierten Modell gemessen.</translation>
    </message>
    <message>
        <source>Add a scheme, e.g. rtn:b3:g128:asym or gptq:b3:g128, and press Enter</source>
        <translation>Schema hinzufügen, z. B. rtn:b3:g128:asym oder gptq:b3:g128, dann Enter</translation>
    </message>
    <message>
        <source>%1 needs calibration text: choose it under Calibration.</source>
        <translation>%1 braucht Kalibrierungstext: unter Kalibrierung wählen.</translation>
    </message>
</context>
<context>
    <name>bitcliff::app::EvaluatePage</name>
    <message>
        <source>Choose a text or at least one task set.</source>
        <translation>Einen Text oder mindestens ein Task-Set auswählen.</translation>
    </message>
    <message>
        <source>Evaluation failed: %1</source>
        <translation>Evaluierung fehlgeschlagen: %1</translation>
    </message>
    <message>
        <source>Evaluating in the background; progress and cancel are in the Jobs panel.</source>
        <translation>Evaluierung läuft im Hintergrund; Fortschritt und „Abbrechen“ im Bereich „Aufgaben“.</translation>
    </message>
    <message>
        <source>Runs the unquantized model and every checked scheme on the text (perplexity as llama.cpp computes it, KL divergence and same-top-token against the unquantized model) and on the task sets (accuracy per difficulty and language).</source>
        <translation>Führt das unquantisierte Modell und jedes ausgewählte Schema auf dem Text aus (Perplexität wie in llama.cpp berechnet, KL-Divergenz und gleiches Top-Token im Vergleich zum unquantisierten Modell) sowie auf den Task-Sets (Genauigkeit je Schwierigkeitsgrad und Sprache).</translation>
    </message>
    <message>
        <source>PPL %1</source>
        <translation>PPL %1</translation>
    </message>
    <message>
        <source>, KLD %1, same top %2%</source>
        <translation>, KLD %1, gleiches Top-Token %2 %</translation>
    </message>
    <message>
        <source>acc %1%</source>
        <translation>acc %1 %</translation>
    </message>
    <message>
        <source> (weights streamed from the file: they do not fit in memory as float32)</source>
        <translation> (Gewichte aus der Datei gestreamt: sie passen nicht als float32 in den Speicher)</translation>
    </message>
</context>
<context>
    <name>bitcliff::app::EvaluateResults</name>
    <message>
        <source>Nothing to chart in these results</source>
        <translation>Keine darstellbaren Werte in diesen Ergebnissen</translation>
    </message>
    <message>
        <source>Results appear here after an evaluation</source>
        <translation>Die Ergebnisse erscheinen hier nach einer Auswertung</translation>
    </message>
    <message>
        <source>Show:</source>
        <translation>Anzeigen:</translation>
    </message>
    <message>
        <source>Export…</source>
        <translation>Exportieren…</translation>
    </message>
    <message>
        <source>Save the chart as PNG and SVG, the tables as CSV and every figure as JSON.</source>
        <translation>Speichert das Diagramm als PNG und SVG, die Tabellen als CSV und alle Werte als JSON.</translation>
    </message>
    <message>
        <source>Chart</source>
        <translation>Diagramm</translation>
    </message>
    <message>
        <source>Perplexity and KLD</source>
        <translation>Perplexität und KLD</translation>
    </message>
    <message>
        <source>Task accuracy</source>
        <translation>Task-Genauigkeit</translation>
    </message>
    <message>
        <source>Export evaluation</source>
        <translation>Evaluierung exportieren</translation>
    </message>
    <message>
        <source>Chart and data (*.png)</source>
        <translation>Diagramm und Daten (*.png)</translation>
    </message>
    <message>
        <source>Could not write %1.*</source>
        <translation>%1.* konnte nicht geschrieben werden</translation>
    </message>
    <message>
        <source>Bits per weight</source>
        <translation>Bit pro Gewicht</translation>
    </message>
    <message>
        <source>Results appear here after an evaluation.</source>
        <translation>Ergebnisse erscheinen hier nach einer Auswertung.</translation>
    </message>
    <message>
        <source>No text was evaluated: choose the bundled passages or a text of your own to see perplexity and KL divergence.</source>
        <translation>Es wurde kein Text ausgewertet: Wählen Sie die mitgelieferten Textpassagen oder einen eigenen Text, um Perplexität und KL-Divergenz zu sehen.</translation>
    </message>
    <message>
        <source>No task set was evaluated: check one under Tasks to see accuracy.</source>
        <translation>Es wurde kein Aufgabensatz ausgewertet: Wählen Sie unter Aufgaben einen aus, um die Genauigkeit zu sehen.</translation>
    </message>
</context>
<context>
    <name>bitcliff::app::JobRunner</name>
    <message>
        <source>cancelled</source>
        <translation>abgebrochen</translation>
    </message>
</context>
<context>
    <name>bitcliff::app::JobsPanel</name>
    <message>
        <source>No background jobs.</source>
        <translation>Keine Hintergrundaufgaben.</translation>
    </message>
    <message>
        <source>estimating…</source>
        <translation>wird geschätzt…</translation>
    </message>
    <message>
        <source>about 00:00:00 left</source>
        <translation>noch ca. 00:00:00</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <source>about %1 left</source>
        <translation>noch ca. %1</translation>
    </message>
    <message>
        <source>Dismiss</source>
        <translation>Schließen</translation>
    </message>
    <message numerus="yes">
        <source>%n s</source>
        <translation>
            <numerusform>%n s</numerusform>
            <numerusform>%n s</numerusform>
        </translation>
    </message>
    <message>
        <source>Clear finished</source>
        <translation>Beendete entfernen</translation>
    </message>
    <message>
        <source>Remove the jobs that have ended from this list.</source>
        <translation>Beendete Aufträge aus dieser Liste entfernen.</translation>
    </message>
    <message>
        <source>done at %1 (took %2)</source>
        <translation>fertig um %1 (Dauer %2)</translation>
    </message>
    <message>
        <source>cancelled at %1</source>
        <translation>abgebrochen um %1</translation>
    </message>
    <message>
        <source>failed at %1</source>
        <translation>fehlgeschlagen um %1</translation>
    </message>
</context>
<context>
    <name>bitcliff::app::LanguageMenu</name>
    <message>
        <source>&amp;Language</source>
        <translation>&amp;Sprache</translation>
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
        <translation>Ausreißerkarte</translation>
    </message>
    <message>
        <source>Tensor</source>
        <translation>Tensor</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>Modell</translation>
    </message>
    <message>
        <source>Jobs</source>
        <translation>Aufgaben</translation>
    </message>
    <message>
        <source>Main toolbar</source>
        <translation>Hauptwerkzeugleiste</translation>
    </message>
    <message>
        <source> Outlier rule: absmax &gt; k × median, k = </source>
        <translation> Ausreißerregel: absmax &gt; k × Median, k = </translation>
    </message>
    <message>
        <source>A channel is flagged as an outlier when its absmax exceeds k times the median channel absmax of the same tensor.</source>
        <translation>Ein Kanal wird als Ausreißer markiert, wenn sein absmax das k-Fache des Medians der Kanal-absmax-Werte desselben Tensors übersteigt.</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Datei</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>&amp;Ansicht</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>&amp;Hilfe</translation>
    </message>
    <message>
        <source>&amp;Open File…</source>
        <translation>Datei ö&amp;ffnen…</translation>
    </message>
    <message>
        <source>Open &amp;Folder…</source>
        <translation>&amp;Ordner öffnen…</translation>
    </message>
    <message>
        <source>Open &amp;Demo Model</source>
        <translation>&amp;Demomodell öffnen</translation>
    </message>
    <message>
        <source>&amp;Export Charts…</source>
        <translation>Diagramme &amp;exportieren…</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Beenden</translation>
    </message>
    <message>
        <source>&amp;About BitCliff</source>
        <translation>Ü&amp;ber BitCliff</translation>
    </message>
    <message>
        <source>Open &amp;Recent</source>
        <translation>&amp;Zuletzt geöffnet</translation>
    </message>
    <message>
        <source>Open a safetensors file, a GGUF file or a Hugging Face folder — or drop one here.</source>
        <translation>Öffnen Sie eine safetensors-Datei, eine GGUF-Datei oder einen Hugging Face-Ordner — oder ziehen Sie sie hierher.</translation>
    </message>
    <message>
        <source>Opening %1…</source>
        <translation>%1 wird geöffnet…</translation>
    </message>
    <message>
        <source>Open Model</source>
        <translation>Modell öffnen</translation>
    </message>
    <message>
        <source>Model files (*.safetensors *.gguf);;All files (*)</source>
        <translation>Modelldateien (*.safetensors *.gguf);;Alle Dateien (*)</translation>
    </message>
    <message>
        <source>Open Hugging Face Checkpoint Folder</source>
        <translation>Hugging Face-Checkpoint-Ordner öffnen</translation>
    </message>
    <message>
        <source>Export Charts To</source>
        <translation>Diagramme exportieren nach</translation>
    </message>
    <message numerus="yes">
        <source>Exported %n file(s) to %1</source>
        <translation>
            <numerusform>%n Datei nach %1 exportiert</numerusform>
            <numerusform>%n Dateien nach %1 exportiert</numerusform>
        </translation>
    </message>
    <message>
        <source>About BitCliff</source>
        <translation>Über BitCliff</translation>
    </message>
    <message>
        <source>&lt;h3&gt;BitCliff %1&lt;/h3&gt;&lt;p&gt;See what quantization does to a large language model: outlier channels, quantization error and the accuracy cliff.&lt;/p&gt;</source>
        <translation>&lt;h3&gt;BitCliff %1&lt;/h3&gt;&lt;p&gt;Sehen Sie, was Quantisierung mit einem großen Sprachmodell macht: Ausreißerkanäle, Quantisierungsfehler und der abrupte Genauigkeitseinbruch.&lt;/p&gt;</translation>
    </message>
    <message numerus="yes">
        <source>%1: %n tensor(s), computing statistics…</source>
        <translation>
            <numerusform>%1: %n Tensor, Statistiken werden berechnet…</numerusform>
            <numerusform>%1: %n Tensoren, Statistiken werden berechnet…</numerusform>
        </translation>
    </message>
    <message>
        <source>%1: statistics ready</source>
        <translation>%1: Statistiken bereit</translation>
    </message>
    <message>
        <source>Quantize</source>
        <translation>Quantisieren</translation>
    </message>
    <message>
        <source>Evaluate</source>
        <translation>Evaluieren</translation>
    </message>
    <message>
        <source>Capturing activations</source>
        <translation>Aktivierungen werden erfasst</translation>
    </message>
    <message>
        <source>%1: done</source>
        <translation>%1: fertig</translation>
    </message>
    <message>
        <source>Quit BitCliff</source>
        <translation>BitCliff beenden</translation>
    </message>
    <message>
        <source>%1: cannot write the evaluation files</source>
        <translation>%1: Die Auswertungsdateien können nicht geschrieben werden</translation>
    </message>
    <message numerus="yes">
        <source>Background jobs still running: %n. Quit anyway and cancel them?</source>
        <translation>
            <numerusform>%n Hintergrundauftrag läuft noch. Trotzdem beenden und ihn abbrechen?</numerusform>
            <numerusform>%n Hintergrundaufträge laufen noch. Trotzdem beenden und sie abbrechen?</numerusform>
        </translation>
    </message>
    <message>
        <source>Cliff</source>
        <translation>Klippe</translation>
    </message>
    <message>
        <source>Train</source>
        <translation>Training</translation>
    </message>
    <message>
        <source>Opening the demo model…</source>
        <translation>Demomodell wird geöffnet…</translation>
    </message>
</context>
<context>
    <name>bitcliff::app::ModelPage</name>
    <message>
        <source>Weights:</source>
        <translation>Gewichte:</translation>
    </message>
    <message>
        <source>Log color scale</source>
        <translation>Logarithmische Farbskala</translation>
    </message>
    <message>
        <source>No model open.</source>
        <translation>Kein Modell geöffnet.</translation>
    </message>
    <message>
        <source>&lt;b&gt;%1&lt;/b&gt; — %2, %3 tensors, %4 parameters</source>
        <translation>&lt;b&gt;%1&lt;/b&gt; — %2, %3 Tensoren, %4 Parameter</translation>
    </message>
    <message>
        <source>%1: %2 layers, hidden size %3, %4 heads (%5 KV heads, head dim %6), vocabulary %7, tied embeddings: %8, RoPE θ %9</source>
        <translation>%1: %2 Schichten, Hidden Size %3, %4 Heads (%5 KV-Heads, Head-Dimension %6), Vokabular %7, gekoppelte Embeddings: %8, RoPE θ %9</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>ja</translation>
    </message>
    <message>
        <source>no</source>
        <translation>nein</translation>
    </message>
    <message>
        <source>Computing statistics…</source>
        <translation>Statistiken werden berechnet…</translation>
    </message>
    <message>
        <source>Show:</source>
        <translation>Anzeigen:</translation>
    </message>
    <message>
        <source>Weights</source>
        <translation>Gewichte</translation>
    </message>
    <message>
        <source>Activations (absmax)</source>
        <translation>Aktivierungen (absmax)</translation>
    </message>
    <message>
        <source>Activations (mean |x|)</source>
        <translation>Aktivierungen (Mittelwert |x|)</translation>
    </message>
    <message>
        <source>Capture activations</source>
        <translation>Aktivierungen erfassen</translation>
    </message>
    <message>
        <source>Runs the unquantized model over the bundled multilingual passages (2,048 tokens) and records every linear layer&apos;s per-channel input magnitude.</source>
        <translation>Führt das unquantisierte Modell über die mitgelieferten mehrsprachigen Textpassagen (2.048 Tokens) aus und zeichnet für jede lineare Schicht den Eingangsbetrag je Kanal auf.</translation>
    </message>
    <message>
        <source>Input:</source>
        <translation>Eingang:</translation>
    </message>
    <message>
        <source>Each row is a layer, each column a hidden channel; the color is the largest (or mean) |activation| entering those linear layers. A few channels with massive activations in every layer are what makes activation quantization hard.</source>
        <translation>Jede Zeile ist eine Schicht, jede Spalte ein Hidden-Kanal; die Farbe zeigt die größte (bzw. mittlere) |Aktivierung|, die in diese linearen Schichten eingeht. Einige wenige Kanäle mit massiven Aktivierungen in jeder Schicht machen die Quantisierung von Aktivierungen schwierig.</translation>
    </message>
    <message>
        <source>No activations captured yet: press Capture activations.</source>
        <translation>Noch keine Aktivierungen erfasst: „Aktivierungen erfassen“ drücken.</translation>
    </message>
    <message>
        <source>Each row is a layer, each column an input channel; the color is the largest |weight| in that channel divided by the layer&apos;s median channel, and the line on the color bar marks the outlier rule&apos;s k. Channels that are outliers in every layer show up as vertical lines. Scroll to zoom, drag to pan, double-click to reset, click a row to open that tensor.</source>
        <translation>Jede Zeile ist eine Schicht, jede Spalte ein Eingangskanal; die Farbe ist das größte |Gewicht| in diesem Kanal geteilt durch den Median-Kanal der Schicht, und die Linie auf der Farbskala markiert das k der Ausreißerregel. Kanäle, die in jeder Schicht Ausreißer sind, erscheinen als senkrechte Linien. Scrollen zum Zoomen, Ziehen zum Verschieben, Doppelklick zum Zurücksetzen, Klick auf eine Zeile öffnet diesen Tensor.</translation>
    </message>
    <message numerus="yes">
        <source>… and %n more matrices of types BitCliff cannot read yet</source>
        <translation>
            <numerusform>… und %n weitere Matrix eines Typs, den BitCliff noch nicht lesen kann</numerusform>
            <numerusform>… und %n weitere Matrizen von Typen, die BitCliff noch nicht lesen kann</numerusform>
        </translation>
    </message>
    <message>
        <source>None of the %1 matrices can be read: %2</source>
        <translation>Keine der %1-Matrizen kann gelesen werden: %2</translation>
    </message>
    <message>
        <source>Compare with rotation (QuaRot)</source>
        <translation>Mit Rotation vergleichen (QuaRot)</translation>
    </message>
    <message>
        <source>Shows beside this map the same map of the model rotated as the +rot recipes rotate it: norms folded into the linears, the residual stream turned by a random Hadamard matrix. The model computes the same function.</source>
        <translation>Zeigt neben dieser Karte dieselbe Karte des Modells, rotiert wie die +rot-Rezepte es rotieren: Normen in die linearen Schichten gefaltet, der Residualstrom mit einer zufälligen Hadamard-Matrix gedreht. Das Modell berechnet dieselbe Funktion.</translation>
    </message>
    <message>
        <source>No activations captured yet.</source>
        <translation>Noch keine Aktivierungen erfasst.</translation>
    </message>
    <message>
        <source>The rotated model has no readable %1 matrices.</source>
        <translation>Das rotierte Modell hat keine lesbaren %1-Matrizen.</translation>
    </message>
</context>
<context>
    <name>bitcliff::app::ModelSession</name>
    <message>
        <source>Opening %1</source>
        <translation>%1 wird geöffnet</translation>
    </message>
    <message>
        <source>Generating the synthetic demo model</source>
        <translation>Synthetisches Demomodell wird erzeugt</translation>
    </message>
    <message>
        <source>Flagging outliers (k = %1)</source>
        <translation>Ausreißer werden markiert (k = %1)</translation>
    </message>
    <message>
        <source>Statistics of %1</source>
        <translation>Statistiken für %1</translation>
    </message>
    <message>
        <source>Unpacking the demo model</source>
        <translation>Demomodell wird entpackt</translation>
    </message>
    <message>
        <source>The rotation was cancelled.</source>
        <translation>Die Rotation wurde abgebrochen.</translation>
    </message>
    <message>
        <source>Rotating %1 (QuaRot)</source>
        <translation>%1 wird rotiert (QuaRot)</translation>
    </message>
</context>
<context>
    <name>bitcliff::app::ModelTreePanel</name>
    <message>
        <source>Filter tensors by name or role…</source>
        <translation>Tensoren nach Name oder Rolle filtern…</translation>
    </message>
    <message>
        <source>Right-click to choose the columns.</source>
        <translation>Rechtsklick, um die Spalten zu wählen.</translation>
    </message>
</context>
<context>
    <name>bitcliff::app::OutlierMapText</name>
    <message>
        <source>%1: per-input-channel absmax ÷ the layer&apos;s median channel</source>
        <translation>%1: absmax je Eingangskanal ÷ Median-Kanal der Schicht</translation>
    </message>
    <message>
        <source>%1: no outlier channels at k = %2 (absmax ÷ median channel)</source>
        <translation>%1: keine Ausreißerkanäle bei k = %2 (absmax ÷ Median-Kanal)</translation>
    </message>
    <message>
        <source>absmax ÷ median channel absmax</source>
        <translation>absmax ÷ absmax des Median-Kanals</translation>
    </message>
    <message>
        <source>no statistics</source>
        <translation>keine Statistik</translation>
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
        <translation>Quantisierung mit %1 und %2</translation>
    </message>
    <message>
        <source>Quantizing with %1</source>
        <translation>Quantisierung mit %1</translation>
    </message>
    <message>
        <source>Error maps</source>
        <translation>Fehlerkarten</translation>
    </message>
    <message>
        <source>Quantizing the model with %1 and %2 with %3</source>
        <translation>Quantisiere das Modell mit %1 und %2 mit %3</translation>
    </message>
</context>
<context>
    <name>bitcliff::app::QuantizeForm</name>
    <message>
        <source>Scheme:</source>
        <translation>Schema:</translation>
    </message>
    <message>
        <source>A preset, or any scheme text such as rtn:b3:g128:asym, or a calibrated recipe such as gptq:b4:g128 (see bitcliff-cli --help).</source>
        <translation>Eine Vorgabe, ein beliebiger Schema-Text wie rtn:b3:g128:asym oder ein kalibriertes Rezept wie gptq:b4:g128 (siehe bitcliff-cli --help).</translation>
    </message>
    <message>
        <source>Compare with:</source>
        <translation>Vergleichen mit:</translation>
    </message>
    <message>
        <source>Quantize</source>
        <translation>Quantisieren</translation>
    </message>
    <message>
        <source>Second model:</source>
        <translation>Zweites Modell:</translation>
    </message>
    <message>
        <source>Optional: e.g. a checkpoint trained from this model</source>
        <translation>Optional: z. B. ein aus diesem Modell trainierter Checkpoint</translation>
    </message>
    <message>
        <source>A model folder (config.json and safetensors) or GGUF file. The scheme (or the Compare-with scheme) also quantizes it, and its maps stand beside this model&apos;s: after quantization-aware training its weights lose less.</source>
        <translation>Ein Modellordner (config.json und safetensors) oder eine GGUF-Datei. Das Schema (oder das Schema unter „Vergleichen mit“) quantisiert auch dieses Modell, seine Karten stehen neben denen dieses Modells: nach quantisierungsbewusstem Training verlieren seine Gewichte weniger.</translation>
    </message>
    <message>
        <source>Choose…</source>
        <translation>Auswählen…</translation>
    </message>
    <message>
        <source>Selected tensor only</source>
        <translation>Nur ausgewählter Tensor</translation>
    </message>
    <message>
        <source>Quantize just the tensor selected in the model tree (quick), instead of every weight matrix of the model.</source>
        <translation>Nur den im Modellbaum ausgewählten Tensor quantisieren (schnell) statt aller Gewichtsmatrizen des Modells.</translation>
    </message>
    <message>
        <source>Second model to quantize</source>
        <translation>Zweites Modell zum Quantisieren</translation>
    </message>
    <message>
        <source>%1 needs calibration text: choose it under Calibration.</source>
        <translation>%1 braucht Kalibrierungstext: unter Kalibrierung wählen.</translation>
    </message>
    <message>
        <source>%1 quantizes the layers in turn, each on the outputs of those before it: uncheck “Selected tensor only”.</source>
        <translation>%1 quantisiert die Schichten nacheinander, jede auf den Ausgaben der vorherigen: „Nur ausgewählter Tensor“ abwählen.</translation>
    </message>
</context>
<context>
    <name>bitcliff::app::QuantizePage</name>
    <message>
        <source>Quantizing… (see the Jobs panel for progress; Cancel stops it)</source>
        <translation>Wird quantisiert… (Fortschritt im Bereich „Aufgaben“; „Abbrechen“ hält den Vorgang an)</translation>
    </message>
    <message>
        <source>Overview</source>
        <translation>Übersicht</translation>
    </message>
    <message>
        <source>Selected tensor</source>
        <translation>Ausgewählter Tensor</translation>
    </message>
    <message>
        <source>Choose a scheme and quantize: every weight matrix is quantized and compared with the original.</source>
        <translation>Wählen Sie ein Schema und quantisieren Sie: Jede Gewichtsmatrix wird quantisiert und mit dem Original verglichen.</translation>
    </message>
    <message>
        <source>Select a tensor in the model tree, or click a cell of the overview.</source>
        <translation>Wählen Sie einen Tensor im Modellbaum aus oder klicken Sie auf eine Zelle der Übersicht.</translation>
    </message>
    <message>
        <source>This tensor was not quantized (norms, biases and tensors whose rows do not fit the scheme&apos;s blocks are kept).</source>
        <translation>Dieser Tensor wurde nicht quantisiert (Normalisierungen, Biases und Tensoren, deren Zeilen nicht in die Blöcke des Schemas passen, bleiben unverändert).</translation>
    </message>
    <message>
        <source>%1: mean squared error per output channel and group of input channels</source>
        <translation>%1: mittlerer quadratischer Fehler je Ausgangskanal und Gruppe von Eingangskanälen</translation>
    </message>
    <message>
        <source>Press Quantize: the SQNR of every weight matrix appears here, layers × roles.</source>
        <translation>Klicken Sie auf „Quantisieren“: Hier erscheint das SQNR jeder Gewichtsmatrix, Schichten × Rollen.</translation>
    </message>
    <message>
        <source>Quantize, then select a weight matrix: its error map appears here.</source>
        <translation>Quantisieren Sie und wählen Sie dann eine Gewichtsmatrix: Hier erscheint ihre Fehlerkarte.</translation>
    </message>
    <message>
        <source>Compare two schemes to see where their errors differ.</source>
        <translation>Vergleichen Sie zwei Schemata, um zu sehen, wo sich ihre Fehler unterscheiden.</translation>
    </message>
    <message>
        <source>%1; %2; mean squared error %3</source>
        <translation>%1; %2; mittlerer quadratischer Fehler %3</translation>
    </message>
    <message>
        <source>%1: mean squared error per output channel and group of input channels; both schemes&apos; maps share one color scale</source>
        <translation>%1: mittlerer quadratischer Fehler je Ausgangskanal und Gruppe von Eingangskanälen; beide Karten teilen eine Farbskala</translation>
    </message>
    <message>
        <source>Calibration: %1</source>
        <translation>Kalibrierung: %1</translation>
    </message>
</context>
<context>
    <name>bitcliff::app::RecentFilesMenu</name>
    <message>
        <source>Open &amp;Recent</source>
        <translation>&amp;Zuletzt geöffnet</translation>
    </message>
    <message>
        <source>(none)</source>
        <translation>(keine)</translation>
    </message>
    <message>
        <source>Clear List</source>
        <translation>Liste leeren</translation>
    </message>
</context>
<context>
    <name>bitcliff::app::RotationComparison</name>
    <message>
        <source>%1 — one color scale for both maps</source>
        <translation>%1 – eine Farbskala für beide Karten</translation>
    </message>
    <message>
        <source>Right: the same model rotated as the +rot recipes rotate it (QuaRot), which spreads each channel of the residual stream over all of them. Outlier lines entering attn_q/k/v, ffn_gate/up and lm_head fade; the inputs of attn_o and ffn_down are not rotated.</source>
        <translation>Rechts: dasselbe Modell, rotiert wie die +rot-Rezepte es rotieren (QuaRot); jeder Kanal des Residualstroms verteilt sich über alle. Ausreißerlinien in attn_q/k/v, ffn_gate/up und lm_head verblassen; die Eingänge von attn_o und ffn_down werden nicht rotiert.</translation>
    </message>
    <message>
        <source>&lt;b&gt;Original&lt;/b&gt;</source>
        <translation>&lt;b&gt;Original&lt;/b&gt;</translation>
    </message>
    <message>
        <source>&lt;b&gt;Rotated (QuaRot)&lt;/b&gt;: %1</source>
        <translation>&lt;b&gt;Rotiert (QuaRot)&lt;/b&gt;: %1</translation>
    </message>
    <message>
        <source>&lt;b&gt;Rotated (QuaRot)&lt;/b&gt;</source>
        <translation>&lt;b&gt;Rotiert (QuaRot)&lt;/b&gt;</translation>
    </message>
    <message>
        <source>No rotated map: %1</source>
        <translation>Keine rotierte Karte: %1</translation>
    </message>
    <message>
        <source>Rotating the model and analysing it…</source>
        <translation>Modell wird rotiert und analysiert …</translation>
    </message>
</context>
<context>
    <name>bitcliff::app::RotationComparisonText</name>
    <message>
        <source>%1: per-input-channel absmax ÷ the layer&apos;s median channel</source>
        <translation>%1: Absolutmaximum je Eingangskanal ÷ Median-Kanal der Schicht</translation>
    </message>
    <message>
        <source>%1: per-channel mean |activation|</source>
        <translation>%1: mittleres |Aktivierung| je Kanal</translation>
    </message>
    <message>
        <source>%1: per-channel activation absmax</source>
        <translation>%1: Absolutmaximum der Aktivierung je Kanal</translation>
    </message>
</context>
<context>
    <name>bitcliff::app::TensorPage</name>
    <message>
        <source>Channels:</source>
        <translation>Kanäle:</translation>
    </message>
    <message>
        <source>Input channels (columns)</source>
        <translation>Eingangskanäle (Spalten)</translation>
    </message>
    <message>
        <source>Output channels (rows)</source>
        <translation>Ausgangskanäle (Zeilen)</translation>
    </message>
    <message>
        <source>Order:</source>
        <translation>Reihenfolge:</translation>
    </message>
    <message>
        <source>By index</source>
        <translation>Nach Index</translation>
    </message>
    <message>
        <source>Sorted, largest first</source>
        <translation>Sortiert, größte zuerst</translation>
    </message>
    <message>
        <source>Log scale</source>
        <translation>Log. Skala</translation>
    </message>
    <message>
        <source>Select a tensor in the model tree.</source>
        <translation>Wählen Sie einen Tensor im Modellbaum aus.</translation>
    </message>
    <message>
        <source>Open a model: File ▸ Open, drop a file here, or try the demo.</source>
        <translation>Öffnen Sie ein Modell: Datei ▸ Datei öffnen, eine Datei hierher ziehen oder die Demo ausprobieren.</translation>
    </message>
    <message>
        <source>Computing statistics…</source>
        <translation>Statistiken werden berechnet…</translation>
    </message>
    <message>
        <source>No statistics for this tensor: %1</source>
        <translation>Keine Statistiken für diesen Tensor: %1</translation>
    </message>
    <message>
        <source>%1 — BitCliff cannot decode this type yet, so this tensor has no statistics and the model cannot be quantized or evaluated.</source>
        <translation>%1 — BitCliff kann diesen Typ noch nicht dekodieren; dieser Tensor hat daher keine Statistik, und das Modell kann weder quantisiert noch ausgewertet werden.</translation>
    </message>
</context>
<context>
    <name>bitcliff::app::TrainController</name>
    <message numerus="yes">
        <source>Training %1 for %n step(s)</source>
        <translation>
            <numerusform>%1 wird %n Schritt trainiert</numerusform>
            <numerusform>%1 wird %n Schritte trainiert</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>bitcliff::app::TrainForm</name>
    <message>
        <source>Model:</source>
        <translation>Modell:</translation>
    </message>
    <message>
        <source>Training data:</source>
        <translation>Trainingsdaten:</translation>
    </message>
    <message>
        <source>A .txt file (one document per paragraph), a .jsonl file, or a folder of them</source>
        <translation>Eine .txt-Datei (ein Dokument je Absatz), eine .jsonl-Datei oder ein Ordner mit solchen Dateien</translation>
    </message>
    <message>
        <source>Choose</source>
        <translation>Auswählen</translation>
    </message>
    <message>
        <source>File…</source>
        <translation>Datei…</translation>
    </message>
    <message>
        <source>Folder…</source>
        <translation>Ordner…</translation>
    </message>
    <message>
        <source>Plain text: paragraphs separated by blank lines are documents. JSON Lines: {&quot;text&quot;: …} or {&quot;prompt&quot;: …, &quot;answer&quot;: …} (loss on the answer only). A folder: every .txt and .jsonl file in it.</source>
        <translation>Reiner Text: Durch Leerzeilen getrennte Absätze sind Dokumente. JSON Lines: {&quot;text&quot;: …} oder {&quot;prompt&quot;: …, &quot;answer&quot;: …} (Verlust nur auf der Antwort). Ein Ordner: jede .txt- und .jsonl-Datei darin.</translation>
    </message>
    <message>
        <source>Steps:</source>
        <translation>Schritte:</translation>
    </message>
    <message>
        <source>Learning rate:</source>
        <translation>Lernrate:</translation>
    </message>
    <message>
        <source>Peak learning rate of AdamW; the cosine schedule decays it to a tenth.</source>
        <translation>Höchste Lernrate von AdamW; der Kosinus-Verlauf senkt sie auf ein Zehntel.</translation>
    </message>
    <message>
        <source>Batch:</source>
        <translation>Batch:</translation>
    </message>
    <message>
        <source> sequences</source>
        <translation> Sequenzen</translation>
    </message>
    <message>
        <source>Context:</source>
        <translation>Kontext:</translation>
    </message>
    <message>
        <source> tokens</source>
        <translation> Tokens</translation>
    </message>
    <message>
        <source>Tokens per training sequence; a document longer than this is refused.</source>
        <translation>Tokens je Trainingssequenz; ein längeres Dokument wird abgelehnt.</translation>
    </message>
    <message>
        <source>Quantization-aware:</source>
        <translation>Quantisierungsbewusst:</translation>
    </message>
    <message>
        <source>Trains through the fake-quantized weights of this scheme (straight-through), so that the model learns to live with its quantization error.</source>
        <translation>Trainiert durch die simuliert quantisierten Gewichte dieses Schemas (Straight-Through), damit das Modell lernt, mit seinem Quantisierungsfehler zu leben.</translation>
    </message>
    <message>
        <source>A preset or any scheme text, e.g. rtn:b3:g32:asym.</source>
        <translation>Eine Vorgabe oder ein beliebiger Schema-Text, z. B. rtn:b3:g32:asym.</translation>
    </message>
    <message>
        <source>Output folder:</source>
        <translation>Ausgabeordner:</translation>
    </message>
    <message>
        <source>The checkpoint goes here (a Hugging Face folder BitCliff opens as a model). Never the model&apos;s own folder.</source>
        <translation>Hierhin kommt der Checkpoint (ein Hugging Face-Ordner, den BitCliff als Modell öffnet). Nie der Ordner des Modells selbst.</translation>
    </message>
    <message>
        <source>Choose…</source>
        <translation>Auswählen…</translation>
    </message>
    <message>
        <source>Threads:</source>
        <translation>Threads:</translation>
    </message>
    <message>
        <source>all cores</source>
        <translation>alle Kerne</translation>
    </message>
    <message>
        <source>Worker threads of the training run; the losses depend on the count.</source>
        <translation>Arbeitsthreads des Trainingslaufs; die Verluste hängen von ihrer Anzahl ab.</translation>
    </message>
    <message>
        <source>none open</source>
        <translation>keines geöffnet</translation>
    </message>
    <message>
        <source>The learning rate %1 is not a positive number (e.g. 1e-4).</source>
        <translation>Die Lernrate %1 ist keine positive Zahl (z. B. 1e-4).</translation>
    </message>
    <message>
        <source>The QAT scheme: %1</source>
        <translation>Das QAT-Schema: %1</translation>
    </message>
    <message>
        <source>That does not fit: use a smaller batch or context.</source>
        <translation>Das passt nicht: Verwenden Sie einen kleineren Batch oder Kontext.</translation>
    </message>
    <message>
        <source>Folder of training files</source>
        <translation>Ordner mit Trainingsdateien</translation>
    </message>
    <message>
        <source>Training data</source>
        <translation>Trainingsdaten</translation>
    </message>
    <message>
        <source>Training text (*.txt *.jsonl);;All files (*)</source>
        <translation>Trainingstext (*.txt *.jsonl);;Alle Dateien (*)</translation>
    </message>
    <message>
        <source>Checkpoint folder</source>
        <translation>Checkpoint-Ordner</translation>
    </message>
</context>
<context>
    <name>bitcliff::app::TrainPage</name>
    <message numerus="yes">
        <source>Training on %1 document(s) packed into %n sequence(s); %2 document(s) held out for the held-out loss. Cancel keeps a checkpoint of the steps done.</source>
        <translation>
            <numerusform>Training auf %1 Dokument(en), gepackt in %n Sequenz; %2 Dokument(e) für den Verlust auf zurückgehaltenen Daten beiseitegelegt. Abbrechen behält einen Checkpoint der erledigten Schritte.</numerusform>
            <numerusform>Training auf %1 Dokument(en), gepackt in %n Sequenzen; %2 Dokument(e) für den Verlust auf zurückgehaltenen Daten beiseitegelegt. Abbrechen behält einen Checkpoint der erledigten Schritte.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Finished %n step(s); checkpoint in %1.</source>
        <translation>
            <numerusform>%n Schritt abgeschlossen; Checkpoint in %1.</numerusform>
            <numerusform>%n Schritte abgeschlossen; Checkpoint in %1.</numerusform>
        </translation>
    </message>
    <message>
        <source>Stopped at step %1; checkpoint in %2.</source>
        <translation>Bei Schritt %1 angehalten; Checkpoint in %2.</translation>
    </message>
    <message>
        <source>Cancelled before the first step: nothing was written.</source>
        <translation>Vor dem ersten Schritt abgebrochen: Es wurde nichts geschrieben.</translation>
    </message>
    <message>
        <source>Training failed: %1</source>
        <translation>Training fehlgeschlagen: %1</translation>
    </message>
    <message>
        <source>Train</source>
        <translation>Trainieren</translation>
    </message>
    <message>
        <source>Trains the open model on the data in the background; the checkpoint opens as a model.</source>
        <translation>Trainiert das geöffnete Modell im Hintergrund auf den Daten; der Checkpoint lässt sich als Modell öffnen.</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <source>Stops after the current step and writes the checkpoint of the steps done.</source>
        <translation>Hält nach dem laufenden Schritt an und schreibt den Checkpoint der erledigten Schritte.</translation>
    </message>
    <message>
        <source>Compare with the original</source>
        <translation>Mit dem Original vergleichen</translation>
    </message>
    <message>
        <source>Open trained model</source>
        <translation>Trainiertes Modell öffnen</translation>
    </message>
    <message>
        <source>Opens the checkpoint as the model of every page.</source>
        <translation>Öffnet den Checkpoint als Modell aller Seiten.</translation>
    </message>
    <message>
        <source>step %v of %m</source>
        <translation>Schritt %v von %m</translation>
    </message>
    <message>
        <source>Fine-tune the open model on your own text, optionally through the quantization it will get (QAT), and watch the loss fall.</source>
        <translation>Feintunen Sie das geöffnete Modell auf Ihrem eigenen Text, wahlweise durch die Quantisierung hindurch, die es bekommen wird (QAT), und sehen Sie den Verlust sinken.</translation>
    </message>
    <message>
        <source>Step %1 of %2</source>
        <translation>Schritt %1 von %2</translation>
    </message>
    <message>
        <source>about %1 left</source>
        <translation>noch ca. %1</translation>
    </message>
    <message>
        <source>%1 tokens/s</source>
        <translation>%1 Tokens/s</translation>
    </message>
    <message>
        <source>loss %1</source>
        <translation>Verlust %1</translation>
    </message>
    <message>
        <source>held-out loss %1</source>
        <translation>zurückgehaltener Verlust %1</translation>
    </message>
    <message>
        <source>Loading the training data and the weights…</source>
        <translation>Trainingsdaten und Gewichte werden geladen…</translation>
    </message>
    <message>
        <source>On the Evaluate page: each checked scheme runs on the original and on the trained model, both measured against the unquantized original. On the Quantize page: the trained model is the second model, its error maps beside the original&apos;s.</source>
        <translation>Auf der Seite Evaluieren: jedes angehakte Schema läuft auf dem Original und auf dem trainierten Modell, beide gemessen am unquantisierten Original. Auf der Seite Quantisieren: das trainierte Modell ist das zweite Modell, seine Fehlerkarten neben denen des Originals.</translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <source>See what quantization does to a language model.</source>
        <translation>Zeigt, was Quantisierung mit einem Sprachmodell macht.</translation>
    </message>
    <message>
        <source>A .safetensors or .gguf file, or a checkpoint folder.</source>
        <translation>Eine .safetensors- oder .gguf-Datei oder ein Checkpoint-Ordner.</translation>
    </message>
    <message>
        <source>Open the demo model (trained by BitCliff).</source>
        <translation>Das Demomodell öffnen (von BitCliff trainiert).</translation>
    </message>
</context>
</TS>
