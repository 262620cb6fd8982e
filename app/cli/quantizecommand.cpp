// `quantize`: fake-quantize a model with one scheme and print the error of every tensor;
// --out DIR writes a fake-quantized HF checkpoint, --out FILE.gguf a quantized GGUF file.
// Calibrated recipes (gptq:...) run in quantizecalibrated.cpp.
#include "cli/calibrationargs.h"
#include "cli/cliargs.h"
#include "cli/commands.h"
#include "cli/quantizecalibrated.h"
#include "cli/terminalprogress.h"
#include "quant/fakequantexport.h"
#include "quant/ggufexport.h"
#include "quant/plansummary.h"
#include "report/quantjson.h"

#include <cstdio>
#include <iostream>

namespace bitcliff::cli {

void printQuantReport(const QuantReport &report, bool json, const std::string &calibration)
{
    if (json) {
        nlohmann::ordered_json out = app::quantReportJson(report);
        if (!calibration.empty())
            out["calibration"] = calibration;
        std::cout << out.dump(2) << '\n';
        return;
    }
    std::printf("%s with %s\n", report.model->sourcePath().c_str(), report.recipe().c_str());
    if (!calibration.empty())
        std::printf("%s\n", calibration.c_str());
    std::printf("%-48s %12s %9s %12s %7s\n", "tensor", "mse", "sqnr dB", "max |err|", "bpw");
    for (const TensorQuantResult &t : report.tensors) {
        if (t.quantized)
            std::printf("%-48s %12.4g %9.2f %12.4g %7.3f%s\n", t.name.c_str(), t.error.mse, t.error.sqnrDb,
                t.error.maxAbsError, t.bitsPerWeight,
                t.fallback.empty() ? "" : ("  fell back to " + t.fallback + ": " + t.fallbackReason).c_str());
        else if (t.keptReason != "not selected")
            std::printf("%-48s kept: %s\n", t.name.c_str(), t.keptReason.c_str());
    }
    std::printf("%s\nquantized %lld parameters at %.3f bits/weight (whole model %.3f), mean squared error %.4g\n",
        report.summary.describe().c_str(), static_cast<long long>(report.quantizedParameters),
        report.quantizedBitsPerWeight, report.modelBitsPerWeight, report.quantizedMse);
}

int runQuantize(const std::vector<std::string> &argv)
{
    std::set<std::string> options = { "--scheme", "--tensor", "--threads", "--out", "--format" };
    options.insert(kCalibrationOptions.begin(), kCalibrationOptions.end());
    const CliArgs args(argv, options, { "--json" });
    if (args.positional().size() != 1)
        throw UsageError("quantize takes exactly one PATH");
    const QuantRecipe recipe = QuantRecipe::parse(args.required("--scheme"));
    const auto out = args.value("--out");
    const auto format = args.value("--format");
    if (format && *format != "gptq" && *format != "fake")
        throw UsageError("--format is gptq or fake, not '" + *format + "'");
    if (format && (!out || out->ends_with(".gguf")))
        throw UsageError("--format gptq|fake chooses what --out DIR holds (FILE.gguf is always GGUF)");
    if (!recipe.isPlainScheme())
        return quantizeCalibrated(args, recipe);
    if (args.value("--calib"))
        throw UsageError(recipe.toString() + " rounds each tensor on its own: --calib is for calibrated recipes (gptq, awq, +smooth)");
    if (format && *format == "gptq")
        throw UsageError("--format gptq writes GPTQ's results: give a gptq recipe (--scheme gptq:b4:g128)");

    QuantizeOptions quantize;
    quantize.scheme = recipe.scheme;
    quantize.threads = static_cast<int>(args.number("--threads", 0, 0, 256));
    if (const auto tensor = args.value("--tensor"))
        quantize.onlyTensors = { *tensor };
    const auto model = openModel(args.positional()[0]);
    checkQuantizable(*model, quantize); // before a file is written
    if (out && out->ends_with(".gguf")) {
        TerminalProgress exporting("exporting");
        std::vector<std::string> notes;
        const int count = exportQuantizedGguf(*model, quantize.scheme, *out, exporting.callback(), &notes);
        exporting.done();
        for (const std::string &note : notes)
            std::fprintf(stderr, "note: %s\n", note.c_str());
        std::fprintf(stderr, "wrote %s (%d tensors quantized: %s)\n", out->c_str(), count,
            summarizePlan(*model, quantize.scheme).describe().c_str());
    } else if (out) {
        TerminalProgress exporting("exporting");
        const int count = exportFakeQuantized(*model, quantize.scheme, *out, exporting.callback());
        exporting.done();
        std::fprintf(stderr, "wrote %s/model.safetensors (%d tensors fake-quantized: %s)\n", out->c_str(), count,
            summarizePlan(*model, quantize.scheme).describe().c_str());
    }
    TerminalProgress progress("quantizing");
    const auto report = quantizeModel(model, quantize, progress.callback());
    progress.done();
    printQuantReport(*report, args.has("--json"));
    return 0;
}

} // namespace bitcliff::cli
