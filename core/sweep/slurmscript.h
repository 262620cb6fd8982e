#pragma once
// The Slurm batch script of a sweep (bitcliff-cli sweep ... --slurm): one job array task per
// cell, and a merge job that runs once every task has ended. Cluster users submit it as is
// with `sbatch DIR/sweep.sbatch`.
#include <filesystem>
#include <string>

namespace bitcliff {

struct SlurmScriptOptions
{
    std::string cliPath; // absolute path of bitcliff-cli on the cluster's nodes
    std::string sweepDir; // absolute path of the sweep's DIR (with sweep.json), shared by the nodes
    int cellCount = 0; // cells of the sweep: array tasks 0 .. cellCount-1
    std::string jobName = "bitcliff-sweep"; // the merge job is called jobName + "-merge"
    int cpusPerTask = 0; // 0: the cluster's default
    std::string time; // --time of each task ("2:00:00"); empty: the partition's default
    std::string memory; // --mem of each task ("16G"); empty: the cluster's default
    std::string partition; // of the tasks and the merge job; empty: the default partition
    int maxParallel = 0; // at most this many tasks at once (%N of --array); 0: no limit
};

// The script's text. Throws Error when an option cannot work: cellCount < 1, a relative path,
// a path with a control character (it would break the #SBATCH line) or, for sweepDir, a
// backslash (Slurm then stops expanding %a in the log file names), a negative count, or a
// job name, time, memory or partition that is not one plain word.
std::string slurmSweepScript(const SlurmScriptOptions &options);

// Writes slurmSweepScript(options) to DIR/sweep.sbatch atomically and creates DIR/logs, which
// must exist before the job starts (Slurm opens the log files there). Returns the script's path.
// Throws Error as slurmSweepScript does, or naming the file or folder it could not write.
std::filesystem::path writeSlurmSweepScript(const SlurmScriptOptions &options);

} // namespace bitcliff
