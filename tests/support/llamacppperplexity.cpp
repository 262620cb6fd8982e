#include "support/llamacppperplexity.h"

#include "support/clirunner.h"

#include <fstream>

namespace bitcliff::test {

nlohmann::json llamaCppPerplexity(const QString &node, const std::filesystem::path &llamaCpp,
                                  const std::filesystem::path &gguf, const std::string &text, int nCtx)
{
    if (node.isEmpty() || node.endsWith(QStringLiteral("NOTFOUND")))
        return {{"error", "node was not found when the build was configured (tools/install-deps.sh)"}};
    nlohmann::json model = nlohmann::json::object();
    model["model"] = gguf.string();
    model["perplexity"] = {{"text", text}, {"n_ctx", nCtx}};
    nlohmann::json request = nlohmann::json::object();
    request["models"] = nlohmann::json::array({model});
    const std::filesystem::path file = gguf.string() + ".request.json";
    std::ofstream(file) << request.dump();
    const CliRun run = runCli(node, {QString::fromStdString((llamaCpp / "reference.mjs").string()),
                                     QString::fromStdString(file.string())}, 300000);
    if (run.exitCode != 0)
        return {{"error", run.err.trimmed().toStdString()}};
    const nlohmann::json reply = nlohmann::json::parse(run.out.toStdString())["models"][0];
    if (reply.contains("error"))
        return {{"error", reply["error"]}};
    return reply["perplexity"];
}

} // namespace bitcliff::test
