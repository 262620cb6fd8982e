#include "formats/tensorrole.h"

#include <QTest>

using namespace bitcliff;

class TestTensorRole : public QObject
{
    Q_OBJECT

private slots:
    void classify_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<int>("layer");
        QTest::addColumn<QString>("role");
        QTest::newRow("hf q") << "model.layers.3.self_attn.q_proj.weight" << 3 << "attn_q";
        QTest::newRow("hf q bias") << "model.layers.3.self_attn.q_proj.bias" << 3 << "attn_q";
        QTest::newRow("hf o") << "model.layers.12.self_attn.o_proj.weight" << 12 << "attn_o";
        QTest::newRow("hf down") << "model.layers.0.mlp.down_proj.weight" << 0 << "ffn_down";
        QTest::newRow("hf norm") << "model.layers.7.input_layernorm.weight" << 7 << "norm";
        QTest::newRow("hf qwen3 q_norm") << "model.layers.7.self_attn.q_norm.weight" << 7 << "norm";
        QTest::newRow("hf embed") << "model.embed_tokens.weight" << -1 << "embed";
        QTest::newRow("hf head") << "lm_head.weight" << -1 << "lm_head";
        QTest::newRow("hf final norm") << "model.norm.weight" << -1 << "norm";
        QTest::newRow("gguf q") << "blk.3.attn_q.weight" << 3 << "attn_q";
        QTest::newRow("gguf o") << "blk.3.attn_output.weight" << 3 << "attn_o";
        QTest::newRow("gguf gate") << "blk.10.ffn_gate.weight" << 10 << "ffn_gate";
        QTest::newRow("gguf up") << "blk.10.ffn_up.weight" << 10 << "ffn_up";
        QTest::newRow("gguf down") << "blk.10.ffn_down.weight" << 10 << "ffn_down";
        QTest::newRow("gguf attn_norm") << "blk.1.attn_norm.weight" << 1 << "norm";
        QTest::newRow("gguf embed") << "token_embd.weight" << -1 << "embed";
        QTest::newRow("gguf output") << "output.weight" << -1 << "lm_head";
        QTest::newRow("gguf output_norm") << "output_norm.weight" << -1 << "norm";
        QTest::newRow("rope freqs") << "rope_freqs.weight" << -1 << "other";
        QTest::newRow("bad layer number") << "model.layers.x.mlp.up_proj.weight" << -1 << "ffn_up";
    }

    void classify()
    {
        QFETCH(QString, name);
        QFETCH(int, layer);
        QFETCH(QString, role);
        const TensorPlace place = classifyTensorName(name.toStdString());
        QCOMPARE(place.layer, layer);
        QCOMPARE(QString::fromLatin1(roleName(place.role).data()), role);
    }
};

QTEST_APPLESS_MAIN(TestTensorRole)
#include "tst_tensorrole.moc"
