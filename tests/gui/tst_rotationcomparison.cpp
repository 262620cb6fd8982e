// The Model page's rotation comparison, offscreen: with "Compare with rotation (QuaRot)" on,
// the rotated model's map appears beside the original on one color scale, and the outlier
// channel that stands out in the original has faded in the rotated map — in the weights (a
// tiny Llama whose q/k/v read one input channel 20 times larger) and in the captured
// activations (the bundled demo model, which has no massive activation of its own, with one
// residual channel of its embedding planted 30 times larger). Off, or another model, and
// the comparison goes away; a model the engine cannot run shows why in place of the rotated
// map. Screenshots at 1024×700 and 1600×1000 (into $BITCLIFF_SCREENSHOT_DIR when set).
#include "analysis/bundleddemo.h"
#include "formats/safetensorswriter.h"
#include "gui/mainwindow.h"
#include "gui/modelpage.h"
#include "gui/modelsession.h"
#include "gui/rotationcomparison.h"
#include "guitestutils.h"
#include "heatmapwidget.h"
#include "jobs/jobrunner.h"
#include "report/rotatedanalysis.h"
#include "support/fixtures.h"
#include "support/tinytransformer.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDir>
#include <QFile>
#include <QLabel>
#include <QPushButton>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <cmath>

using namespace bitcliff;
using namespace bitcliff::app;

namespace {

struct Peak
{
    float value = 0.0f;
    int col = -1;
};

Peak peakOf(const HeatmapData &data)
{
    Peak peak;
    for (int r = 0; r < data.rows; ++r)
        for (int c = 0; c < data.cols; ++c)
            if (std::isfinite(data.at(r, c)) && data.at(r, c) > peak.value)
                peak = { data.at(r, c), c };
    return peak;
}

// The demo model in `to` with channel `channel` of its residual stream times `factor` where
// it is written — the (tied) embedding's column, attn_o's and ffn_down's row — so that one
// channel is massive in every layer, as in large models.
void plantResidualOutlier(const QString &demo, const QString &to, int channel, float factor)
{
    QDir().mkpath(to);
    for (const QString &file : QDir(demo).entryList({ QStringLiteral("*.json") }, QDir::Files))
        QFile::copy(QDir(demo).filePath(file), QDir(to).filePath(file));
    const auto model = openModel(demo.toStdString());
    std::vector<SafetensorsEntry> entries;
    for (const TensorInfo &tensor : model->tensors()) {
        std::vector<float> values = test::tensorValues(*model, tensor.name);
        const size_t cols = size_t(tensor.cols());
        if (tensor.role == TensorRole::Embed)
            for (size_t row = 0; row < values.size() / cols; ++row)
                values[row * cols + size_t(channel)] *= factor;
        if (tensor.role == TensorRole::AttnO || tensor.role == TensorRole::FfnDown)
            for (size_t col = 0; col < cols; ++col)
                values[size_t(channel) * cols + col] *= factor;
        entries.push_back(test::f32Entry(tensor.name, tensor.shape, values));
    }
    writeSafetensors(std::filesystem::path(to.toStdString()) / "model.safetensors", entries);
}

// Opens `path` in `window` and waits for its statistics.
bool openAndWait(MainWindow &window, const QString &path)
{
    QSignalSpy ready(window.session(), &ModelSession::analysisReady);
    window.openPath(path);
    return ready.wait(60000);
}

// Turns the comparison on and waits for the rotated analysis (or its failure).
bool compareAndWait(MainWindow &window)
{
    QSignalSpy ready(window.session(), &ModelSession::rotationReady);
    QSignalSpy failed(window.session(), &ModelSession::rotationFailed);
    window.modelPage()->compareBox()->setChecked(true);
    return QTest::qWaitFor([&] { return !ready.isEmpty() || !failed.isEmpty(); }, 60000);
}

} // namespace

class TestRotationComparison : public QObject
{
    Q_OBJECT

public:
    static void initMain() { test::initGuiTestMain(); }

private slots:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QVERIFY(m_dir.isValid());
        QVERIFY(m_shots.init());
        m_tiny = m_dir.filePath(QStringLiteral("tiny"));
        test::writeTinyLlama(m_tiny.toStdString(), 4, 128, kOutlierChannel);
    }

    // attn_q's input channel 5 is 20 times the others in every layer: a bright line on the
    // left; rotated, no channel stands out, and both maps share one color scale.
    void weightOutlierLineFades()
    {
        MainWindow window;
        window.setConfirmClose(false);
        window.resize(1024, 700);
        window.show();
        QVERIFY(openAndWait(window, m_tiny));
        ModelPage *page = window.modelPage();
        const int q = page->roleBox()->findData(QStringLiteral("attn_q"));
        QVERIFY(q >= 0);
        page->roleBox()->setCurrentIndex(q);
        QVERIFY(!page->comparison()->rotated()->isVisible());
        QVERIFY(compareAndWait(window));

        RotationComparison *comparison = page->comparison();
        QVERIFY(comparison->rotated()->isVisible());
        const auto original = page->heatmap()->data();
        const auto rotated = comparison->rotated()->data();
        QVERIFY(original);
        QVERIFY2(rotated, qPrintable(comparison->rotated()->emptyText()));
        QCOMPARE(rotated->rows, original->rows);
        QCOMPARE(rotated->cols, original->cols);
        const Peak before = peakOf(*original);
        const Peak after = peakOf(*rotated);
        QCOMPARE(before.col, kOutlierChannel);
        QVERIFY2(before.value > 8.0f, qPrintable(QString::number(before.value)));
        QVERIFY2(after.value < 0.5f * before.value,
            qPrintable(QStringLiteral("%1 rotated against %2").arg(after.value).arg(before.value)));
        QVERIFY2(after.value < float(window.session()->outlierRule().k),
            qPrintable(QString::number(after.value))); // no channel is an outlier any more
        // One scale for both, and each map draws its legend.
        QCOMPARE(rotated->scaleMax, original->scaleMax);
        QCOMPARE(rotated->scaleMin, original->scaleMin);
        QVERIFY(page->heatmap()->colorLegend().has_value());
        QVERIFY(comparison->rotated()->colorLegend().has_value());
        // One caption names both (and says so); each side has its header.
        QVERIFY(original->title.isEmpty());
        QVERIFY(rotated->title.isEmpty());
        QVERIFY2(comparison->caption()->text().startsWith(QStringLiteral("attn_q: "))
                && comparison->caption()->text().contains(QStringLiteral("one color scale for both maps")),
            qPrintable(comparison->caption()->text()));
        QVERIFY(comparison->originalHeader()->isVisible());
        QVERIFY2(comparison->rotatedHeader()->text().contains(QStringLiteral("Hadamard")),
            qPrintable(comparison->rotatedHeader()->text()));

        m_shots.grab(&window, QSize(1024, 700), QStringLiteral("rotation-weights-1024x700"));
        for (const HeatmapWidget *map : { page->heatmap(), comparison->rotated() }) // not squeezed
            QVERIFY2(map->plotRect().width() >= 150 && map->plotRect().height() >= 250,
                qPrintable(QStringLiteral("%1 × %2").arg(map->plotRect().width()).arg(map->plotRect().height())));
        m_shots.grab(&window, QSize(1600, 1000), QStringLiteral("rotation-weights-1600x1000"));

        // Another role keeps the comparison, on the rotated model's map of that role.
        page->roleBox()->setCurrentIndex(page->roleBox()->findData(QStringLiteral("ffn_gate")));
        QVERIFY(comparison->rotated()->data());
        QVERIFY(comparison->caption()->text().startsWith(QStringLiteral("ffn_gate: ")));

        // A new outlier rule flags the rotated statistics again.
        QSignalSpy again(window.session(), &ModelSession::rotationReady);
        window.session()->setOutlierRule({ 6.0 });
        QVERIFY(again.wait(30000));
        QCOMPARE(comparison->rotation()->analysis->stats->rule.k, 6.0);

        // Off: the original map alone, at its own scale.
        page->compareBox()->setChecked(false);
        QVERIFY(!comparison->rotated()->isVisible());
        QVERIFY(!comparison->rotatedHeader()->isVisible());
        QVERIFY(!comparison->caption()->isVisible());
        QVERIFY(std::isnan(page->heatmap()->data()->scaleMin));
        QVERIFY(!page->heatmap()->data()->title.isEmpty());
        window.jobRunner()->waitForAll();
    }

    // Captured activations are compared too, the rotated model's captured the same way.
    void activationOutlierLineFades()
    {
        QVERIFY(hasBundledDemoModel());
        const auto demo = extractBundledDemoModel(m_dir.filePath(QStringLiteral("demo")).toStdString());
        const QString planted = m_dir.filePath(QStringLiteral("planted"));
        plantResidualOutlier(QString::fromStdString(demo.string()), planted, kOutlierChannel, 30.0f);
        MainWindow window;
        window.setConfirmClose(false);
        window.resize(1024, 700);
        window.show();
        QVERIFY(openAndWait(window, planted));
        ModelPage *page = window.modelPage();
        QVERIFY(compareAndWait(window));
        QVERIFY2(page->comparison()->rotated()->data(), qPrintable(page->comparison()->rotated()->emptyText()));

        page->captureButton()->click();
        RotationComparison *comparison = page->comparison();
        QVERIFY(QTest::qWaitFor(
            [&] { return comparison->rotation() && comparison->rotation()->activations && !comparison->isPending(); },
            120000));
        QVERIFY(page->sourceBox()->currentIndex() == 1); // activation absmax
        page->roleBox()->setCurrentIndex(int(LinearInput::AttnIn));
        const auto original = page->heatmap()->data();
        const auto rotated = comparison->rotated()->data();
        QVERIFY(original);
        QVERIFY(rotated);
        QCOMPARE(rotated->scaleMax, original->scaleMax);
        const Peak before = peakOf(*original);
        const Peak after = peakOf(*rotated);
        QCOMPARE(before.col, kOutlierChannel);
        QVERIFY2(after.value < 0.5f * before.value,
            qPrintable(QStringLiteral("%1 rotated against %2").arg(after.value).arg(before.value)));
        m_shots.grab(&window, QSize(1024, 700), QStringLiteral("rotation-activations-1024x700"));
        m_shots.grab(&window, QSize(1600, 1000), QStringLiteral("rotation-activations-1600x1000"));

        // Another model: the comparison goes away.
        QVERIFY(openAndWait(window, m_tiny));
        QVERIFY(!page->compareBox()->isChecked());
        QVERIFY(!comparison->rotated()->isVisible());
        QVERIFY(!comparison->rotation());
        window.jobRunner()->waitForAll();
    }

    // An architecture the engine does not run: statistics yes, rotation no — the error in
    // place of the rotated map, the original map as it was.
    void unsupportedModelShowsTheError()
    {
        const QString path = m_dir.filePath(QStringLiteral("gemma"));
        test::TinyTransformerSpec spec = test::narrowSpec(192);
        spec.family = "gemma";
        test::writeTinyTransformer(path.toStdString(), spec);
        MainWindow window;
        window.setConfirmClose(false);
        window.resize(1024, 700);
        window.show();
        QVERIFY(openAndWait(window, path));
        ModelPage *page = window.modelPage();
        QVERIFY(page->heatmap()->data());
        QSignalSpy failed(window.session(), &ModelSession::rotationFailed);
        QVERIFY(compareAndWait(window));
        QCOMPARE(failed.count(), 1);
        RotationComparison *comparison = page->comparison();
        QVERIFY(comparison->hasFailed());
        QVERIFY(!comparison->rotated()->data());
        QVERIFY(page->heatmap()->data());
        QVERIFY2(comparison->rotated()->emptyText().contains(QStringLiteral("unsupported architecture")),
            qPrintable(comparison->rotated()->emptyText()));
        m_shots.grab(&window, QSize(1024, 700), QStringLiteral("rotation-unsupported-1024x700"));
        window.jobRunner()->waitForAll();
    }

private:
    static constexpr int kOutlierChannel = 5;
    QTemporaryDir m_dir;
    test::ShotDir m_shots;
    QString m_tiny;
};

QTEST_MAIN(TestRotationComparison)
#include "tst_rotationcomparison.moc"
