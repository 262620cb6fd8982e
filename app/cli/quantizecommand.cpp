// `quantize`: fake-quantize a model with one scheme and print the error of every tensor;
// --out DIR writes a fake-quantized HF checkpoint, --out FILE.gguf a quantized GGUF file.
#include "cli/cliargs.h"
#include "cli/commands.h"
#include "cli/terminalprogress.h"
#include "quant/fakequantexport.h"
#include "quant/ggufexport.h"
#include "quant/plansummary.h"
#include "report/quantjson.h"

#include <cstdio>
#include <iostream>

namespace bitcliff::cli {

int runQuantize(const std::vector<std::string> &argv)
{
    const CliArgs args(argv, { "--scheme", "--tensor", "--threads", "--out" }, { "--json" });
    if (args.positional().size() != 1)
        throw UsageError("quantize takes exactly one PATH");
    QuantizeOptions options;
    options.scheme = QuantScheme::parse(args.required("--scheme"));
    options.threads = static_cast<int>(args.number("--threads", 0, 0, 256));
    if (const auto tensor = args.value("--tensor"))
        options.onlyTensors = { *tensor };
    const auto out = args.value("--out");
    const auto model = openModel(args.positional()[0]);
    checkQuantizable(*model, options); // before a file is written
    if (out && out->ends_with(".gguf")) {
        TerminalProgress exporting("exporting");
        std::vector<std::string> notes;
        const int count = exportQuantizedGguf(*model, options.scheme, *out, exporting.callback(), &notes);
        exporting.done();
        for (const std::string &note : notes)
            std::fprintf(stderr, "note: %s\n", note.c_str());
        std::fprintf(stderr, "wrote %s (%d tensors quantized: %s)\n", out->c_str(), count,
            summarizePlan(*model, options.scheme).describe().c_str());
    } else if (out) {
        TerminalProgress exporting("exporting");
        const int count = exportFakeQuantized(*model, options.scheme, *out, exporting.callback());
        exporting.done();
        std::fprintf(stderr, "wrote %s/model.safetensors (%d tensors fake-quantized: %s)\n", out->c_str(), count,
            summarizePlan(*model, options.scheme).describe().c_str());
    }
    TerminalProgress progress("quantizing");
    const auto report = quantizeModel(model, options, progress.callback());
    progress.done();
    if (args.has("--json")) {
        std::cout << app::quantReportJson(*report).dump(2) << '\n';
        return 0;
    }
    std::printf("%s with %s\n", model->sourcePath().c_str(), report->scheme.toString().c_str());
    std::printf("%-48s %12s %9s %12s %7s\n", "tensor", "mse", "sqnr dB", "max |err|", "bpw");
    for (const TensorQuantResult &t : report->tensors) {
        if (t.quantized)
            std::printf("%-48s %12.4g %9.2f %12.4g %7.3f%s\n", t.name.c_str(), t.error.mse, t.error.sqnrDb,
                t.error.maxAbsError, t.bitsPerWeight,
                t.fallback.empty() ? "" : ("  fell back to " + t.fallback + ": " + t.fallbackReason).c_str());
        else if (t.keptReason != "not selected")
            std::printf("%-48s kept: %s\n", t.name.c_str(), t.keptReason.c_str());
    }
    std::printf("%s\nquantized %lld parameters at %.3f bits/weight (whole model %.3f), mean squared error %.4g\n",
        report->summary.describe().c_str(), static_cast<long long>(report->quantizedParameters),
        report->quantizedBitsPerWeight, report->modelBitsPerWeight, report->quantizedMse);
    return 0;
}

} // namespace bitcliff::cli
