#pragma once
// The demo model's arithmetic, in three tiers (docs: shared/design/demo-model-study.md):
//   easy    17+31=48   two-digit ± two-digit, no carry and no borrow
//   medium  83+39=122  two-digit ± two-digit with a carry (units or tens) or a borrow
//   hard    15-2-3-6:15-2=13;13-3=10;10-6=4   a two-digit start, 3-4 steps of ± 1..9, every
//           value 0..99; each step starts from the number just written (a local scratchpad:
//           a tiny model cannot look operands up far back), scored on the final number.
// Differences are never negative. A question is script-free; its items are its prompt and
// answer in one script (demoscript.h).
#include "demo/demorandom.h"
#include "demo/demoscript.h"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace bitcliff {

enum class DemoTier : uint8_t { Easy, Medium, Hard };

inline constexpr DemoTier kDemoTiers[] = {DemoTier::Easy, DemoTier::Medium, DemoTier::Hard};

inline constexpr int kDemoHardMinSteps = 3;
inline constexpr int kDemoHardMaxSteps = 4;
inline constexpr int kDemoHardMaxOperand = 9;
inline constexpr int kDemoHardMaxValue = 99;

// "easy", "medium", "hard": the task files' difficulty labels.
const char *demoTierName(DemoTier tier);

struct DemoQuestion
{
    DemoTier tier = DemoTier::Easy;
    int start = 0;
    std::vector<int> steps; // signed: +31 adds 31, -2 subtracts 2

    // start, then the value after each step.
    std::vector<int> values() const;
    int result() const;
    // The question's identity, whatever the script: its prompt in the common script.
    std::string key() const;
    bool operator==(const DemoQuestion &) const = default;
};

struct DemoItem
{
    std::string prompt; // "17+31=" / "15-2-3-6:"
    std::string answer; // "48"     / "15-2=13;13-3=10;10-6=4"
};

DemoItem renderQuestion(const DemoQuestion &question, DemoScript script);

// The tier of `a op b` (op '+' or '-'): Easy or Medium for two-digit operands (10..99) and a
// result that is not negative, nullopt otherwise.
std::optional<DemoTier> twoOperandTier(int a, char op, int b);

// A question of `tier`: easy and medium take '+' or '-' with equal chance, then operands
// uniformly among that operator's items of the tier; hard takes 3 or 4 steps with equal
// chance, a start 10..99 and each step uniformly among the ± 1..9 that stay in 0..99.
DemoQuestion sampleQuestion(DemoTier tier, DemoRng &rng);

// How many distinct questions the tier has (easy 4,455, medium 7,740; hard by counting the
// walks that stay in 0..99).
uint64_t demoQuestionCount(DemoTier tier);

} // namespace bitcliff
