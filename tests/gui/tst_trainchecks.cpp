// What the Train page refuses before anything starts, each in one line with nothing written
// and no job started: empty or missing data, the model's own folder or a folder of other files
// as output, a bad QAT scheme or learning rate, a context beyond the model's, too little
// memory; and a GGUF model leaves the page disabled with a note.
#include "formats/ggufwriter.h"
#include "gui/traincontroller.h"
#include "gui/trainform.h"
#include "gui/trainpage.h"
#include "guitestutils.h"
#include "jobs/jobrunner.h"
#include "support/evalfixtures.h"
#include "support/trainerfixtures.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QSpinBox>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <fstream>

using namespace bitcliff;
using namespace bitcliff::app;

class TestTrainChecks : public QObject
{
    Q_OBJECT

public:
    static void initMain() { test::initGuiTestMain(); }

private slots:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QCoreApplication::setOrganizationName(QStringLiteral("BitCliff-tests"));
        QVERIFY(m_dir.isValid());
        m_model = m_dir.filePath(QStringLiteral("tiny"));
        test::writeEvaluableModel(m_model.toStdString());
        m_data = m_dir.filePath(QStringLiteral("sentences.txt"));
        std::ofstream data(m_data.toStdString());
        for (const auto &document : test::sentenceDocuments(20, 7))
            data << document.text << "\n\n";
    }

    void badInputsStartNothing_data()
    {
        QTest::addColumn<QString>("defect");
        QTest::addColumn<QString>("message");
        QTest::newRow("empty data file") << "empty" << "the file is empty";
        QTest::newRow("missing data") << "missing" << "no such file or folder";
        QTest::newRow("output is the model folder") << "model-folder" << "is the model's own folder";
        QTest::newRow("output holds other files") << "busy-folder" << "holds other files";
        QTest::newRow("bad QAT scheme") << "bad-qat" << "bad scheme 'rtn:b9:g32'";
        QTest::newRow("bad learning rate") << "bad-lr" << "learning rate";
        QTest::newRow("context beyond the model") << "long-context" << "exceeds the model's context";
    }

    void badInputsStartNothing()
    {
        QFETCH(QString, defect);
        QFETCH(QString, message);
        JobRunner runner;
        TrainController controller(&runner);
        TrainPage page(&controller);
        page.setModel(openModel(m_model.toStdString()));
        TrainForm *form = page.form();
        form->dataEdit()->setText(m_data);
        form->outputEdit()->setText(m_dir.filePath(QStringLiteral("never-") + defect));
        form->contextBox()->setValue(64);
        if (defect == QLatin1String("empty")) {
            const QString empty = m_dir.filePath(QStringLiteral("empty.txt"));
            QFile file(empty);
            QVERIFY(file.open(QIODevice::WriteOnly));
            file.close();
            form->dataEdit()->setText(empty);
        } else if (defect == QLatin1String("missing")) {
            form->dataEdit()->setText(m_dir.filePath(QStringLiteral("no-such.txt")));
        } else if (defect == QLatin1String("model-folder")) {
            form->outputEdit()->setText(m_model);
        } else if (defect == QLatin1String("busy-folder")) {
            const QString busy = m_dir.filePath(QStringLiteral("someone-elses"));
            QVERIFY(QDir().mkpath(busy));
            std::ofstream((busy + QStringLiteral("/notes.txt")).toStdString()) << "keep me\n";
            form->outputEdit()->setText(busy);
        } else if (defect == QLatin1String("bad-qat")) {
            form->qatBox()->setChecked(true);
            form->qatScheme()->setCurrentText(QStringLiteral("rtn:b9:g32"));
        } else if (defect == QLatin1String("bad-lr")) {
            form->learningRateEdit()->setText(QStringLiteral("fast"));
        } else if (defect == QLatin1String("long-context")) {
            form->contextBox()->setMaximum(100000);
            form->contextBox()->setValue(4096);
        }
        QSignalSpy jobs(&runner, &JobRunner::jobStarted);
        QTest::mouseClick(page.trainButton(), Qt::LeftButton);
        QCOMPARE(jobs.count(), 0);
        QVERIFY(!controller.busy());
        QVERIFY2(page.statusText().contains(message), qPrintable(page.statusText()));
        QVERIFY(!page.statusText().contains(QLatin1Char('\n')));
        QVERIFY(!QFileInfo::exists(m_dir.filePath(QStringLiteral("never-") + defect)));
        QVERIFY(page.trainButton()->isEnabled());
    }

    void notEnoughMemoryIsRefused()
    {
        const auto model = openModel(m_model.toStdString());
        TrainRequest request;
        request.data = m_data;
        request.output = m_dir.filePath(QStringLiteral("never-memory"));
        request.options.batchSequences = 4;
        request.options.ctx = 64;
        const train::TrainingMemory needed = TrainChecks::memory(transformerConfigFor(*model), request.options);
        TrainChecks::check(request, model.get(), needed.total()); // fits exactly
        try {
            TrainChecks::check(request, model.get(), needed.total() - 1);
            QFAIL("a run that does not fit was accepted");
        } catch (const Error &error) {
            QVERIFY2(QString::fromUtf8(error.what()).startsWith(QStringLiteral("Not enough memory. Training needs")),
                error.what());
        }
    }

    void ggufIsDisabledWithANote()
    {
        const QString path = m_dir.filePath(QStringLiteral("tiny.gguf"));
        std::vector<std::byte> bytes(16 * sizeof(float), std::byte { 0 });
        writeGguf(path.toStdString(), { { "general.architecture", ggufString("llama") } },
            { GgufTensorEntry { "token_embd.weight", { 4, 4 }, 0, bytes } });
        JobRunner runner;
        TrainController controller(&runner);
        TrainPage page(&controller);
        page.setModel(openModel(path.toStdString()));
        QVERIFY(!page.trainButton()->isEnabled());
        QVERIFY(page.form()->modelNote()->isVisibleTo(&page));
        QVERIFY(page.form()->modelNote()->text().contains(QStringLiteral("GGUF")));
        QVERIFY(!page.form()->memoryLabel()->isVisibleTo(&page));
    }

private:
    QTemporaryDir m_dir;
    QString m_model;
    QString m_data;
};

QTEST_MAIN(TestTrainChecks)
#include "tst_trainchecks.moc"
