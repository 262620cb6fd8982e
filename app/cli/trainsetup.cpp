#include "cli/trainsetup.h"

#include "cli/interruption.h"
#include "util/atomicwrite.h"
#include "util/error.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <sstream>
#include <unistd.h>

namespace bitcliff::cli {

namespace fs = std::filesystem;

namespace {

std::string text(double value)
{
    std::ostringstream out;
    out << value;
    return out.str();
}

std::string text(const std::optional<QuantScheme> &scheme) { return scheme ? scheme->toString() : "none"; }

std::string text(const train::HeldOutSplit &split)
{
    if (split.documents > 0)
        return std::to_string(split.documents);
    return split.fraction > 0 ? text(100 * split.fraction) + " %" : "0";
}

bool operator==(const train::HeldOutSplit &a, const train::HeldOutSplit &b)
{
    return a.documents == b.documents && a.fraction == b.fraction;
}

// Reads the options one by one: a given value replaces the field, except on a resumed run,
// where it must equal the run's own.
class OptionReader
{
public:
    OptionReader(const CliArgs &args, bool resumed)
        : m_args(args)
        , m_resumed(resumed)
    {
    }

    bool given(const std::string &name) const { return m_args.value(name).has_value(); }

    double whole(const std::string &name, double min, double max) const
    {
        const double value = m_args.number(name, 0, min, max);
        if (value != std::floor(value))
            throw UsageError(name + " must be a whole number, got '" + *m_args.value(name) + "'");
        return value;
    }

    template<class T>
    void integer(const std::string &name, T &field, double min, double max)
    {
        if (given(name))
            set(name, field, T(whole(name, min, max)), text(double(field)));
    }

    void real(const std::string &name, double &field, double min, double max)
    {
        if (given(name))
            set(name, field, m_args.number(name, 0, min, max), text(field));
    }

    // --held-out N: N documents; 0: none.
    void heldOut(train::HeldOutSplit &field)
    {
        if (given("--held-out"))
            set("--held-out", field, train::HeldOutSplit{int64_t(whole("--held-out", 0, 1e12)), 0.0}, text(field));
    }

    void qat(std::optional<QuantScheme> &field)
    {
        if (given("--qat"))
            set("--qat", field, std::optional<QuantScheme>(QuantScheme::parse(*m_args.value("--qat"))), text(field));
    }

private:
    template<class T>
    void set(const std::string &name, T &field, const T &value, const std::string &current)
    {
        if (m_resumed && !(value == field))
            throw Error(name + " " + *m_args.value(name) + " differs from the resumed run's " + current
                        + ": a resumed run keeps its options (leave " + name + " out)");
        field = value;
    }

    const CliArgs &m_args;
    bool m_resumed;
};

// Whether `inner` is `outer` or lies inside it (both canonical).
bool within(const fs::path &inner, const fs::path &outer)
{
    return std::mismatch(outer.begin(), outer.end(), inner.begin(), inner.end()).first == outer.end();
}

} // namespace

train::TrainOptions trainOptionsFromArgs(const CliArgs &args, const train::TrainOptions *resumed, int64_t modelContext)
{
    train::TrainOptions o;
    if (resumed) {
        o = *resumed;
    } else {
        o.ctx = modelContext > 0 ? std::min<int64_t>(o.ctx, modelContext) : o.ctx;
        o.heldOut.fraction = 0.05;
        if (!args.value("--steps"))
            throw UsageError("--steps is required (unless --resume continues a run)");
    }
    OptionReader read(args, resumed != nullptr);
    if (read.given("--steps")) // may extend a resumed run: Trainer::resume takes it
        o.steps = int64_t(read.whole("--steps", 1, 1e12));
    read.real("--lr", o.lr, 0, 10);
    read.integer("--batch", o.batchSequences, 1, 1e9);
    read.integer("--ctx", o.ctx, 2, 1e9);
    read.qat(o.qat);
    read.integer("--threads", o.threads, 0, 256);
    read.integer("--seed", o.seed, 0, 1e15);
    read.integer("--warmup", o.warmupSteps, 0, 1e12);
    read.heldOut(o.heldOut);
    if (!resumed)
        o.evalEvery = std::max<int64_t>(1, o.steps / 10);
    read.integer("--eval-every", o.evalEvery, 0, 1e12);
    read.integer("--checkpoint-every", o.checkpointEvery, 0, 1e12);
    return o;
}

void checkOutputFolder(const fs::path &out, const fs::path &inputModel)
{
    train::refuseOverwritingInput(out, inputModel);
    std::error_code ec;
    const fs::path input = fs::is_directory(inputModel, ec) ? inputModel : inputModel.parent_path();
    if (within(fs::weakly_canonical(fs::absolute(out), ec), fs::weakly_canonical(fs::absolute(input), ec)))
        throw Error(out.string() + ": the output folder is inside the input model's folder " + input.string()
                    + "; choose another one");
    if (fs::exists(out, ec)
        && !(fs::is_directory(out, ec) && (fs::is_empty(out, ec) || fs::exists(out / "config.json", ec))))
        throw Error(out.string() + ": exists and is not a model folder; refusing to replace it");
    // The checkpoint is written into a new folder beside `out` (atomicfolder.h): try one where
    // the nearest existing ancestor lets us.
    fs::path existing = out.parent_path();
    while (!existing.empty() && !fs::exists(existing, ec))
        existing = existing.parent_path();
    const fs::path probe = atomicTemporaryName((existing.empty() ? fs::path(".") : existing) / out.filename(),
                                               ::getpid(), 0x7fffffffu);
    if (!fs::create_directory(probe, ec) || ec)
        throw Error(out.string() + ": cannot write the output folder there ("
                    + (ec ? ec.message() : probe.string() + " exists") + ")");
    fs::remove(probe, ec);
}

std::string durationText(double seconds)
{
    const auto s = int64_t(seconds + 0.5);
    char out[32];
    if (s >= 3600)
        std::snprintf(out, sizeof out, "%lldh%02lldm", (long long)(s / 3600), (long long)(s / 60 % 60));
    else
        std::snprintf(out, sizeof out, "%lldm%02llds", (long long)(s / 60), (long long)(s % 60));
    return out;
}

bool TrainProgressLines::operator()(const train::TrainProgress &p)
{
    const auto now = std::chrono::steady_clock::now();
    if (!m_printed || p.heldOutLoss || p.step == p.steps || now - m_lastLine >= std::chrono::seconds(10)) {
        char heldOut[48] = "";
        if (p.heldOutLoss)
            std::snprintf(heldOut, sizeof heldOut, "  held-out %.4f", *p.heldOutLoss);
        std::printf("step %lld/%lld  loss %.4f%s  %.0f tokens/s  %s left\n", (long long)p.step, (long long)p.steps,
                    p.loss, heldOut, p.tokensPerSecond, durationText(p.secondsLeft).c_str());
        std::fflush(stdout);
        m_lastLine = now;
        m_printed = true;
    }
    return !Interruption::requested();
}

} // namespace bitcliff::cli
