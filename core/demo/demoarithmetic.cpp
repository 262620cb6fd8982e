#include "demo/demoarithmetic.h"

#include "util/error.h"

#include <array>

namespace bitcliff {

const char *demoTierName(DemoTier tier)
{
    switch (tier) {
    case DemoTier::Easy: return "easy";
    case DemoTier::Medium: return "medium";
    case DemoTier::Hard: return "hard";
    }
    return "?";
}

std::vector<int> DemoQuestion::values() const
{
    std::vector<int> out{start};
    for (const int step : steps)
        out.push_back(out.back() + step);
    return out;
}

int DemoQuestion::result() const { return values().back(); }

namespace {

// "+7" / "-7".
std::string signedStep(int step) { return (step < 0 ? "-" : "+") + std::to_string(step < 0 ? -step : step); }

} // namespace

std::string DemoQuestion::key() const { return renderQuestion(*this, DemoScript::Common).prompt; }

DemoItem renderQuestion(const DemoQuestion &question, DemoScript script)
{
    if (question.steps.empty())
        throw Error("demo arithmetic: a question without steps");
    DemoItem item;
    const std::vector<int> values = question.values();
    item.prompt = std::to_string(question.start);
    for (const int step : question.steps)
        item.prompt += signedStep(step);
    if (question.tier == DemoTier::Hard) {
        item.prompt += ':';
        for (size_t i = 0; i < question.steps.size(); ++i)
            item.answer += (i ? ";" : "") + std::to_string(values[i]) + signedStep(question.steps[i]) + "="
                         + std::to_string(values[i + 1]);
    } else {
        item.prompt += '=';
        item.answer = std::to_string(values.back());
    }
    item.prompt = inDemoScript(item.prompt, script);
    item.answer = inDemoScript(item.answer, script);
    return item;
}

std::optional<DemoTier> twoOperandTier(int a, char op, int b)
{
    if (a < 10 || a > 99 || b < 10 || b > 99 || (op != '+' && op != '-'))
        return std::nullopt;
    if (op == '+') {
        const bool unitsCarry = a % 10 + b % 10 >= 10;
        const bool tensCarry = a / 10 + b / 10 + (unitsCarry ? 1 : 0) >= 10;
        return unitsCarry || tensCarry ? DemoTier::Medium : DemoTier::Easy;
    }
    if (a < b)
        return std::nullopt;
    return a % 10 < b % 10 ? DemoTier::Medium : DemoTier::Easy; // a borrow from the tens
}

DemoQuestion sampleQuestion(DemoTier tier, DemoRng &rng)
{
    DemoQuestion question;
    question.tier = tier;
    if (tier != DemoTier::Hard) {
        const char op = rng.chance(0.5) ? '+' : '-';
        for (;;) { // rejection: uniform among the operator's items of the tier
            const int a = rng.between(10, 99), b = rng.between(10, 99);
            if (twoOperandTier(a, op, b) == tier) {
                question.start = a;
                question.steps = {op == '+' ? b : -b};
                return question;
            }
        }
    }
    const int steps = rng.between(kDemoHardMinSteps, kDemoHardMaxSteps);
    question.start = rng.between(10, kDemoHardMaxValue);
    int value = question.start;
    for (int i = 0; i < steps; ++i) {
        for (;;) {
            const int operand = rng.between(1, kDemoHardMaxOperand);
            const int step = rng.chance(0.5) ? operand : -operand;
            if (value + step >= 0 && value + step <= kDemoHardMaxValue) {
                question.steps.push_back(step);
                value += step;
                break;
            }
        }
    }
    return question;
}

uint64_t demoQuestionCount(DemoTier tier)
{
    if (tier != DemoTier::Hard) {
        uint64_t count = 0;
        for (int a = 10; a <= 99; ++a)
            for (int b = 10; b <= 99; ++b)
                for (const char op : {'+', '-'})
                    count += twoOperandTier(a, op, b) == tier;
        return count;
    }
    // Walks: ways[v] = step sequences so far that end at value v.
    std::array<uint64_t, kDemoHardMaxValue + 1> ways{};
    for (int v = 10; v <= kDemoHardMaxValue; ++v)
        ways[size_t(v)] = 1;
    uint64_t count = 0;
    for (int step = 1; step <= kDemoHardMaxSteps; ++step) {
        std::array<uint64_t, kDemoHardMaxValue + 1> next{};
        for (int v = 0; v <= kDemoHardMaxValue; ++v)
            for (int operand = 1; operand <= kDemoHardMaxOperand; ++operand)
                for (const int to : {v + operand, v - operand})
                    if (to >= 0 && to <= kDemoHardMaxValue)
                        next[size_t(to)] += ways[size_t(v)];
        ways = next;
        if (step >= kDemoHardMinSteps)
            for (const uint64_t w : ways)
                count += w;
    }
    return count;
}

} // namespace bitcliff
