#pragma once
#include <string>
#include <vector>

namespace bitcliff::cli {

// Each returns the process exit code; errors are thrown (Error / UsageError) to main.
int runInspect(const std::vector<std::string> &args);
int runOutliers(const std::vector<std::string> &args);
int runQuantize(const std::vector<std::string> &args);
int runTokenize(const std::vector<std::string> &args);
int runEval(const std::vector<std::string> &args);
int runSweep(const std::vector<std::string> &args);
int runSweepCell(const std::vector<std::string> &args);
int runSweepMerge(const std::vector<std::string> &args);
int runReport(int argc, char **argv, const std::vector<std::string> &args);
int runDemo(int argc, char **argv, const std::vector<std::string> &args);
int runTrainDemo(const std::vector<std::string> &args);
int runTrain(const std::vector<std::string> &args);

} // namespace bitcliff::cli
