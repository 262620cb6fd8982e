#include "sweep/slurmscript.h"

#include "util/atomicwrite.h"
#include "util/error.h"
#include "util/shellquote.h"

#include <algorithm>
#include <cstddef>
#include <span>
#include <system_error>

namespace bitcliff {

namespace {

bool hasControlCharacter(const std::string &text)
{
    return std::any_of(
        text.begin(), text.end(), [](char c) { return static_cast<unsigned char>(c) < 0x20 || c == 0x7f; });
}

void checkAbsolutePath(const char *what, const std::string &path)
{
    if (path.empty() || path.front() != '/')
        throw Error(std::string("Slurm script: ") + what + " must be an absolute path, not \"" + path + "\"");
    if (hasControlCharacter(path))
        throw Error(std::string("Slurm script: ") + what + " contains a control character (line break, tab...)");
}

// Job name, time, memory and partition go into #SBATCH lines and the merge job's sbatch call
// as they are: one plain word, so neither Slurm's directive parser nor the shell sees more.
void checkWord(const char *what, const std::string &value, bool mayBeEmpty)
{
    if (value.empty()) {
        if (mayBeEmpty)
            return;
        throw Error(std::string("Slurm script: the ") + what + " is empty");
    }
    const bool plain = std::all_of(value.begin(), value.end(), [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
            || std::string_view("._-+:,@=").find(c) != std::string_view::npos;
    });
    if (!plain)
        throw Error(std::string("Slurm script: the ") + what
            + (hasControlCharacter(value) ? std::string() : " \"" + value + "\"")
            + " may only have letters, digits and . _ - + : , @ =");
}

void validate(const SlurmScriptOptions &options)
{
    if (options.cellCount < 1)
        throw Error("Slurm script: a sweep needs at least one cell, not " + std::to_string(options.cellCount));
    checkAbsolutePath("the path of bitcliff-cli", options.cliPath);
    checkAbsolutePath("the sweep folder", options.sweepDir);
    if (options.sweepDir.find('\\') != std::string::npos)
        throw Error("Slurm script: the sweep folder \"" + options.sweepDir
            + "\" contains a backslash, which makes Slurm write every task's log to one file");
    if (options.cpusPerTask < 0)
        throw Error(
            "Slurm script: CPUs per task must be 0 (the default) or more, not " + std::to_string(options.cpusPerTask));
    if (options.maxParallel < 0)
        throw Error("Slurm script: the parallel task limit must be 0 (none) or more, not "
            + std::to_string(options.maxParallel));
    checkWord("job name", options.jobName, false);
    checkWord("time limit", options.time, true);
    checkWord("memory", options.memory, true);
    checkWord("partition", options.partition, true);
}

// A path inside Slurm's --output: '%' starts a pattern there (%a, %j), '%%' is a '%'.
std::string slurmFilename(const std::string &path)
{
    std::string escaped;
    for (const char c : path) {
        escaped += c;
        if (c == '%')
            escaped += '%';
    }
    return escaped;
}

// A value of an #SBATCH line in double quotes, which sbatch's directive parser removes; a
// double quote inside is written \" (backslashes are refused in the sweep folder).
std::string directiveQuoted(const std::string &value)
{
    std::string quoted = "\"";
    for (const char c : value) {
        if (c == '"')
            quoted += '\\';
        quoted += c;
    }
    quoted += '"';
    return quoted;
}

std::string trimmedSlash(std::string path)
{
    while (path.size() > 1 && path.back() == '/')
        path.pop_back();
    return path;
}

} // namespace

std::string slurmSweepScript(const SlurmScriptOptions &options)
{
    validate(options);
    const std::string dir = trimmedSlash(options.sweepDir);
    const std::string logs = dir + "/logs";
    const std::string lastTask = std::to_string(options.cellCount - 1);
    std::string array = "0-" + lastTask;
    if (options.maxParallel > 0)
        array += "%" + std::to_string(options.maxParallel);
    // The merge job's command: sbatch --wrap runs it with /bin/sh, so it is quoted for POSIX sh.
    const std::string mergeCommand = shellQuoted(options.cliPath) + " sweep-merge " + shellQuoted(dir);
    const std::string partitionOption = options.partition.empty() ? "" : " --partition=" + options.partition;

    std::string s;
    s += "#!/bin/bash\n";
    s += "# BitCliff sweep of " + std::to_string(options.cellCount) + " cells in " + dir + "\n";
    s += "# Submit it with:  sbatch " + shellQuoted(dir + "/sweep.sbatch") + "\n";
    s += "#\n";
    s += "# A Slurm job array with one task per cell (tasks 0-" + lastTask + "): each runs\n";
    s += "#   bitcliff-cli sweep-cell DIR\n";
    s += "# which evaluates the cell given by SLURM_ARRAY_TASK_ID and writes DIR/cells/cell-NNNN.json.\n";
    s += "# Task 0 also submits the merge job (" + options.jobName + "-merge), which runs once every task\n";
    s += "# has ended, failed ones included, and merges the cells into DIR/results.jsonl:\n";
    s += "#   bitcliff-cli sweep-merge DIR\n";
    s += "# Logs: DIR/logs/cell-<task>.out and DIR/logs/merge.out. To run cells again after a failure,\n";
    s += "# submit with --array=<their numbers> (sbatch --array=3,7 ...), then run sweep-merge.\n";
    s += "#SBATCH --job-name=" + options.jobName + "\n";
    s += "#SBATCH --array=" + array + "\n";
    s += "#SBATCH --output=" + directiveQuoted(slurmFilename(logs) + "/cell-%a.out") + "\n";
    if (options.cpusPerTask > 0)
        s += "#SBATCH --cpus-per-task=" + std::to_string(options.cpusPerTask) + "\n";
    if (!options.time.empty())
        s += "#SBATCH --time=" + options.time + "\n";
    if (!options.memory.empty())
        s += "#SBATCH --mem=" + options.memory + "\n";
    if (!options.partition.empty())
        s += "#SBATCH --partition=" + options.partition + "\n";
    s += "set -euo pipefail\n";
    s += "\n";
    s += "CLI=" + shellQuoted(options.cliPath) + "\n";
    s += "DIR=" + shellQuoted(dir) + "\n";
    s += "MERGE_LOG=" + shellQuoted(slurmFilename(logs) + "/merge.out") + " # '%' doubled: a Slurm file name\n";
    s += "MERGE_COMMAND=" + shellQuoted(mergeCommand) + "\n";
    s += "\n";
    s += "if [ -z \"${SLURM_ARRAY_TASK_ID:-}\" ]; then\n";
    s += "    echo \"This is a Slurm job array; submit it with: sbatch $DIR/sweep.sbatch\" >&2\n";
    s += "    exit 2\n";
    s += "fi\n";
    s += "\n";
    s += "# Task 0 submits the merge job once (not again when Slurm requeues the task). Should that\n";
    s += "# fail, the cell still runs and the task then fails, saying how to merge by hand. The merge\n";
    s += "# job is no array task: sbatch passes it this environment without the SLURM_ARRAY_ variables.\n";
    s += "merge_not_submitted=0\n";
    s += "if [ \"$SLURM_ARRAY_TASK_ID\" = 0 ] && [ \"${SLURM_RESTART_COUNT:-0}\" = 0 ]; then\n";
    s += "    array_job=$SLURM_ARRAY_JOB_ID\n";
    s += "    (unset \"${!SLURM_ARRAY_@}\"; sbatch --dependency=\"afterany:$array_job\" --job-name=" + options.jobName
        + "-merge" + partitionOption + " \\\n";
    s += "        --output=\"$MERGE_LOG\" --wrap=\"$MERGE_COMMAND\") || merge_not_submitted=1\n";
    s += "fi\n";
    s += "\n";
    s += "status=0\n";
    s += "\"$CLI\" sweep-cell \"$DIR\" || status=$?\n";
    s += "if [ \"$merge_not_submitted\" = 1 ]; then\n";
    s += "    echo \"bitcliff: could not submit the merge job; once every cell has run: $MERGE_COMMAND\" >&2\n";
    s += "    [ \"$status\" != 0 ] || status=1\n";
    s += "fi\n";
    s += "exit \"$status\"\n";
    return s;
}

std::filesystem::path writeSlurmSweepScript(const SlurmScriptOptions &options)
{
    const std::string script = slurmSweepScript(options);
    const std::filesystem::path dir = trimmedSlash(options.sweepDir);
    std::error_code error;
    std::filesystem::create_directories(dir / "logs", error);
    if (error)
        throw Error((dir / "logs").string() + ": cannot create the folder: " + error.message());
    const std::filesystem::path path = dir / "sweep.sbatch";
    writeFileAtomically(path, std::as_bytes(std::span(script.data(), script.size())));
    return path;
}

} // namespace bitcliff
