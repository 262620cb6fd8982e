#include "gui/mainwindow.h"

#include "report/rotatedanalysis.h"

#include "eval/activationstats.h"
#include "gui/cliffcontroller.h"
#include "gui/cliffpage.h"
#include "gui/evaluatecontroller.h"
#include "gui/evaluateform.h"
#include "gui/evaluatepage.h"
#include "gui/evaluateresults.h"
#include "gui/jobspanel.h"
#include "gui/languagemenu.h"
#include "gui/modelpage.h"
#include "gui/modelsession.h"
#include "gui/modeltreepanel.h"
#include "gui/quantizecontroller.h"
#include "gui/quantizepage.h"
#include "gui/recentfiles.h"
#include "gui/tensorpage.h"
#include "gui/traincontroller.h"
#include "gui/trainpage.h"
#include "jobs/jobrunner.h"
#include "report/chartreport.h"
#include "report/rotatedanalysis.h"
#include "util/error.h"

#include <QAction>
#include <QApplication>
#include <QCloseEvent>
#include <QDir>
#include <QDockWidget>
#include <QDoubleSpinBox>
#include <QDragEnterEvent>
#include <QFileDialog>
#include <QLabel>
#include <QMenuBar>
#include <QMessageBox>

#include <utility>
#include <QMimeData>
#include <QResizeEvent>
#include <QStatusBar>
#include <QTabWidget>
#include <QToolBar>

#include <algorithm>

namespace bitcliff::app {

MainWindow::MainWindow(QWidget *parent)
    : QMainWindow(parent)
    , m_runner(new JobRunner(this))
    , m_session(new ModelSession(m_runner, this))
    , m_tree(new ModelTreePanel(this))
    , m_tensorPage(new TensorPage(this))
    , m_modelPage(new ModelPage(this))
    , m_quantizeController(new QuantizeController(m_runner, this))
    , m_quantizePage(new QuantizePage(m_quantizeController, this))
    , m_evaluateController(new EvaluateController(m_runner, this))
    , m_evaluatePage(new EvaluatePage(m_evaluateController, this))
    , m_cliffController(new CliffController(m_runner, this))
    , m_cliffPage(new CliffPage(m_cliffController, this))
    , m_trainController(new TrainController(m_runner, this))
    , m_trainPage(new TrainPage(m_trainController, this))
    , m_jobs(new JobsPanel(m_runner, this))
    , m_tabs(new QTabWidget(this))
    , m_treeDock(new QDockWidget(this))
    , m_jobsDock(new QDockWidget(this))
    , m_toolBar(new QToolBar(this))
    , m_kLabel(new QLabel(this))
    , m_kSpin(new QDoubleSpinBox(this))
    , m_statusLabel(new QLabel(this))
    , m_recent(new RecentFilesMenu(this))
    , m_languages(new LanguageMenu(this))
{
    setAcceptDrops(true);
    m_tabs->addTab(m_modelPage, QString());
    m_tabs->addTab(m_tensorPage, QString());
    m_tabs->addTab(m_quantizePage, QString());
    m_tabs->addTab(m_evaluatePage, QString());
    m_tabs->addTab(m_cliffPage, QString());
    m_tabs->addTab(m_trainPage, QString());
    setCentralWidget(m_tabs);
    m_treeDock->setObjectName(QStringLiteral("modelTreeDock"));
    m_treeDock->setWidget(m_tree);
    addDockWidget(Qt::LeftDockWidgetArea, m_treeDock);
    m_jobsDock->setObjectName(QStringLiteral("jobsDock"));
    m_jobsDock->setWidget(m_jobs);
    addDockWidget(Qt::BottomDockWidgetArea, m_jobsDock);
    statusBar()->addWidget(m_statusLabel, 1);

    m_kSpin->setRange(1.5, 1000.0);
    m_kSpin->setDecimals(1);
    m_kSpin->setSingleStep(0.5);
    m_kSpin->setValue(m_session->outlierRule().k);
    m_kSpin->setKeyboardTracking(false);

    createActions();
    createMenus();
    m_toolBar->setObjectName(QStringLiteral("mainToolBar"));
    m_toolBar->addAction(m_openFile);
    m_toolBar->addAction(m_openFolder);
    m_toolBar->addAction(m_openDemo);
    m_toolBar->addSeparator();
    m_toolBar->addWidget(m_kLabel);
    m_toolBar->addWidget(m_kSpin);
    addToolBar(m_toolBar);

    connect(m_session, &ModelSession::modelOpened, this, &MainWindow::onModelOpened);
    connect(m_session, &ModelSession::analysisReady, this, &MainWindow::onAnalysisReady);
    connect(m_session, &ModelSession::failed, this, &MainWindow::onFailed);
    connect(m_tree, &ModelTreePanel::tensorSelected, this, [this](int index) {
        m_tensorPage->showTensor(index);
        m_quantizePage->showTensor(index);
        if (m_tabs->currentWidget() != m_quantizePage)
            m_tabs->setCurrentWidget(m_tensorPage);
    });
    connect(m_modelPage, &ModelPage::tensorRequested, m_tree, &ModelTreePanel::selectTensor);
    connect(m_modelPage, &ModelPage::activationCaptureRequested, this, &MainWindow::captureActivations);
    connect(m_modelPage, &ModelPage::rotationComparisonRequested, m_session, &ModelSession::compareRotation);
    connect(m_modelPage, &ModelPage::rotationComparisonStopped, m_session, &ModelSession::stopRotation);
    connect(m_session, &ModelSession::rotationReady, m_modelPage, &ModelPage::setRotation);
    connect(m_session, &ModelSession::rotationFailed, m_modelPage, &ModelPage::setRotationError);
    // However the capture ends (done, failed, cancelled), the button comes back.
    connect(m_runner, &JobRunner::jobEnded, this, [this](int id) {
        if (id != m_captureJob)
            return;
        m_captureJob = -1;
        m_modelPage->setCaptureBusy(false);
    });
    connect(m_cliffPage, &CliffPage::schemeRequested, this, &MainWindow::showScheme);
    connect(m_trainPage, &TrainPage::compareRequested, this, &MainWindow::compareTrained);
    connect(m_trainPage, &TrainPage::openRequested, this, &MainWindow::openPath);
    connect(m_quantizePage, &QuantizePage::tensorRequested, m_tree, &ModelTreePanel::selectTensor);
    // A newer success replaces an error shown in the status bar.
    connect(m_runner, &JobRunner::jobStarted, this,
        [this](int id, const QString &title) { m_jobTitles.insert(id, title); });
    connect(m_runner, &JobRunner::jobEnded, this, [this](int id, JobState state, const QString &) {
        const QString title = m_jobTitles.take(id);
        if (state == JobState::Finished && m_statusIsError)
            setStatus(tr("%1: done").arg(title));
    });
    connect(m_recent, &RecentFilesMenu::openRequested, this, &MainWindow::openPath);
    connect(m_kSpin, &QDoubleSpinBox::valueChanged, this, [this](double k) { m_session->setOutlierRule({ k }); });
    retranslate();
    resize(1400, 900);
}

void MainWindow::showEvent(QShowEvent *event)
{
    QMainWindow::showEvent(event);
    if (m_docksSized)
        return;
    // Room for the tree's statistics columns; the jobs panel only needs a few rows. Dock
    // sizes only stick once the window has its real geometry.
    m_docksSized = true;
    resizeDocks({ m_treeDock }, { treeDockWidth(width()) }, Qt::Horizontal);
    resizeDocks({ m_jobsDock }, { 80 }, Qt::Vertical);
}

// Room for the tree's name, role and statistics columns, but never more than about a third
// of the window: at 1024 pixels the pages need the rest.
int MainWindow::treeDockWidth(int windowWidth)
{
    return std::clamp(windowWidth * 36 / 100, 300, 520);
}

void MainWindow::resizeEvent(QResizeEvent *event)
{
    QMainWindow::resizeEvent(event);
    // The tree follows the window: it narrows in a small window and gets its width back when
    // the window grows again (a width the user dragged lasts until the next resize).
    if (m_docksSized && m_treeDock->isVisible() && !m_treeDock->isFloating()
        && event->oldSize().width() != event->size().width())
        resizeDocks({ m_treeDock }, { treeDockWidth(width()) }, Qt::Horizontal);
}

MainWindow::~MainWindow()
{
    m_runner->cancelAll();
    m_runner->waitForAll();
}

void MainWindow::createActions()
{
    m_openFile = new QAction(this);
    m_openFile->setShortcut(QKeySequence::Open);
    connect(m_openFile, &QAction::triggered, this, &MainWindow::chooseFile);
    m_openFolder = new QAction(this);
    connect(m_openFolder, &QAction::triggered, this, &MainWindow::chooseFolder);
    m_openDemo = new QAction(this);
    connect(m_openDemo, &QAction::triggered, this, &MainWindow::openDemo);
    m_export = new QAction(this);
    m_export->setEnabled(false);
    connect(m_export, &QAction::triggered, this, &MainWindow::exportCharts);
    m_quit = new QAction(this);
    m_quit->setShortcut(QKeySequence::Quit);
    connect(m_quit, &QAction::triggered, this, &QWidget::close);
    m_about = new QAction(this);
    connect(m_about, &QAction::triggered, this, &MainWindow::showAbout);
}

void MainWindow::createMenus()
{
    m_fileMenu = menuBar()->addMenu(QString());
    m_fileMenu->addAction(m_openFile);
    m_fileMenu->addAction(m_openFolder);
    m_fileMenu->addMenu(m_recent);
    m_fileMenu->addAction(m_openDemo);
    m_fileMenu->addSeparator();
    m_fileMenu->addAction(m_export);
    m_fileMenu->addSeparator();
    m_fileMenu->addAction(m_quit);
    m_viewMenu = menuBar()->addMenu(QString());
    m_viewMenu->addAction(m_treeDock->toggleViewAction());
    m_viewMenu->addAction(m_jobsDock->toggleViewAction());
    m_viewMenu->addSeparator();
    m_viewMenu->addMenu(m_languages);
    m_helpMenu = menuBar()->addMenu(QString());
    m_helpMenu->addAction(m_about);
}

void MainWindow::retranslate()
{
    setWindowTitle(m_session->model()
            ? tr("%1 — BitCliff").arg(QString::fromStdString(m_session->model()->sourcePath()))
            : tr("BitCliff"));
    m_tabs->setTabText(0, tr("Outlier map"));
    m_tabs->setTabText(1, tr("Tensor"));
    m_tabs->setTabText(2, tr("Quantize"));
    m_tabs->setTabText(3, tr("Evaluate"));
    m_tabs->setTabText(4, tr("Cliff"));
    m_tabs->setTabText(5, tr("Train"));
    m_treeDock->setWindowTitle(tr("Model"));
    m_jobsDock->setWindowTitle(tr("Jobs"));
    m_toolBar->setWindowTitle(tr("Main toolbar"));
    m_kLabel->setText(tr(" Outlier rule: absmax > k × median, k = "));
    m_kSpin->setToolTip(tr("A channel is flagged as an outlier when its absmax exceeds k times the median "
                           "channel absmax of the same tensor."));
    m_fileMenu->setTitle(tr("&File"));
    m_viewMenu->setTitle(tr("&View"));
    m_helpMenu->setTitle(tr("&Help"));
    m_openFile->setText(tr("&Open File…"));
    m_openFolder->setText(tr("Open &Folder…"));
    m_openDemo->setText(tr("Open &Demo Model"));
    m_export->setText(tr("&Export Charts…"));
    m_quit->setText(tr("&Quit"));
    m_about->setText(tr("&About BitCliff"));
    m_recent->setTitle(tr("Open &Recent"));
    if (!m_session->model() && !m_statusIsError)
        setStatus(tr("Open a safetensors file, a GGUF file or a Hugging Face folder — or drop one here."));
    m_tree->retranslate();
    m_tensorPage->retranslate();
    m_modelPage->retranslate();
    m_quantizePage->retranslate();
    m_evaluatePage->retranslate();
    m_cliffPage->retranslate();
    m_trainPage->retranslate();
}

void MainWindow::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QMainWindow::changeEvent(event);
}

bool MainWindow::closeNeedsConfirmation() const
{
    return m_confirmClose && m_runner->runningCount() > 0;
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    if (closeNeedsConfirmation()) {
        // Quitting would throw away a running quantization or evaluation: ask first.
        const int running = m_runner->runningCount();
        const auto answer = QMessageBox::question(this, tr("Quit BitCliff"),
            tr("Background jobs still running: %n. Quit anyway and cancel them?", nullptr, running),
            QMessageBox::Yes | QMessageBox::Cancel, QMessageBox::Cancel);
        if (answer != QMessageBox::Yes) {
            event->ignore();
            return;
        }
    }
    m_runner->cancelAll();
    event->accept();
}

void MainWindow::dragEnterEvent(QDragEnterEvent *event)
{
    if (event->mimeData()->hasUrls() && event->mimeData()->urls().first().isLocalFile())
        event->acceptProposedAction();
}

void MainWindow::dropEvent(QDropEvent *event)
{
    const QList<QUrl> urls = event->mimeData()->urls();
    if (!urls.isEmpty() && urls.first().isLocalFile())
        openPath(urls.first().toLocalFile());
}

void MainWindow::openPath(const QString &path)
{
    setStatus(tr("Opening %1…").arg(path));
    m_recent->add(path);
    m_session->open(path);
}

void MainWindow::openDemo()
{
    setStatus(tr("Opening the demo model…"));
    m_session->openDemo();
}

void MainWindow::chooseFile()
{
    const QString path = QFileDialog::getOpenFileName(
        this, tr("Open Model"), QString(), tr("Model files (*.safetensors *.gguf);;All files (*)"));
    if (!path.isEmpty())
        openPath(path);
}

void MainWindow::chooseFolder()
{
    const QString path = QFileDialog::getExistingDirectory(this, tr("Open Hugging Face Checkpoint Folder"));
    if (!path.isEmpty())
        openPath(path);
}

void MainWindow::exportCharts()
{
    const auto analysis = m_session->analysis();
    if (!analysis)
        return;
    const QString directory = QFileDialog::getExistingDirectory(this, tr("Export Charts To"));
    if (directory.isEmpty())
        return;
    try {
        // What is on screen: the tensor the Tensor page shows, as it draws it, then the
        // Quantize page's charts and the Evaluate chart when they have results.
        QStringList files = writeOutlierReport(*analysis, directory, m_tensorPage->chartChoice());
        files += m_quantizePage->exportCharts(directory);
        if (m_evaluatePage->results()->hasReport()) {
            const QString base = QDir(directory).filePath(QStringLiteral("evaluation"));
            if (!m_evaluatePage->results()->exportTo(base))
                throw Error(tr("%1: cannot write the evaluation files").arg(base).toStdString());
            for (const char *suffix : { ".png", ".svg", ".csv", ".json" })
                files << base + QLatin1String(suffix);
        }
        setStatus(tr("Exported %n file(s) to %1", nullptr, int(files.size())).arg(directory));
    } catch (const std::exception &e) {
        onFailed(QString::fromStdString(e.what()));
    }
}

void MainWindow::captureActivations()
{
    const auto model = m_session->model();
    if (!model)
        return;
    if (m_captureJob >= 0)
        m_runner->cancel(m_captureJob); // a capture of the previous model
    m_modelPage->setCaptureBusy(true);
    m_captureJob = m_runner->start<std::shared_ptr<const ActivationStats>>(
        tr("Capturing activations"),
        [model](const ProgressCallback &progress) { return captureBundledActivations(model, *model, progress); },
        m_modelPage,
        [this, model](std::shared_ptr<const ActivationStats> stats) {
            if (m_session->model() == model)
                m_modelPage->setActivations(std::move(stats));
        },
        [this](const QString &message) { onFailed(message); });
}

void MainWindow::showAbout()
{
    QMessageBox::about(this, tr("About BitCliff"),
        tr("<h3>BitCliff %1</h3><p>See what quantization does to a large language model: "
           "outlier channels, quantization error and the accuracy cliff.</p>")
            .arg(QApplication::applicationVersion()));
}

void MainWindow::onModelOpened()
{
    const auto model = m_session->model();
    m_tree->setModel(model);
    m_tensorPage->setModel(model);
    m_modelPage->setModel(model);
    m_quantizePage->setModel(model);
    m_evaluatePage->setModel(model);
    m_cliffPage->setModel(model);
    m_trainPage->setModel(model);
    m_export->setEnabled(false);
    m_tabs->setCurrentWidget(m_modelPage);
    if (std::exchange(m_runDemoSweep, false)) {
        m_tabs->setCurrentWidget(m_cliffPage);
        m_cliffPage->runSweep();
    }
    setStatus(tr("%1: %n tensor(s), computing statistics…", nullptr, int(model->tensors().size()))
                  .arg(QString::fromStdString(model->sourcePath())));
    retranslate();
}

void MainWindow::onAnalysisReady()
{
    const auto analysis = m_session->analysis();
    m_tree->setAnalysis(analysis);
    m_tensorPage->setAnalysis(analysis);
    m_modelPage->setAnalysis(analysis);
    m_quantizePage->setStats(analysis->stats);
    m_export->setEnabled(true);
    if (m_tensorPage->tensorIndex() < 0 && analysis->mostOutlierTensor >= 0)
        m_tensorPage->showTensor(analysis->mostOutlierTensor);
    setStatus(tr("%1: statistics ready").arg(QString::fromStdString(m_session->model()->sourcePath())));
}

void MainWindow::showScheme(const QString &scheme)
{
    // A point of the cliff: its scheme on the Quantize page (shown) and checked on the
    // Evaluate page, ready to look at where its error lands or to evaluate it in detail.
    m_quantizePage->showScheme(scheme);
    m_evaluatePage->form()->addScheme(scheme, true);
    m_tabs->setCurrentWidget(m_quantizePage);
}

void MainWindow::compareTrained(const QString &checkpoint, const QString &qatScheme)
{
    // The open model stays the reference; the checkpoint runs beside it under the scheme it was
    // trained for (f16 after plain fine-tuning: the trained weights at 16 bits).
    // On the Quantize page the checkpoint is the second model, quantized with the QAT scheme.
    EvaluateForm *form = m_evaluatePage->form();
    form->setCompareModel(checkpoint);
    form->addScheme(qatScheme.isEmpty() ? QStringLiteral("f16") : qatScheme, true);
    m_quantizePage->setSecondModel(checkpoint);
    if (!qatScheme.isEmpty())
        m_quantizePage->showScheme(qatScheme);
    m_tabs->setCurrentWidget(m_evaluatePage);
}

QString MainWindow::statusText() const
{
    return m_statusLabel->text();
}

void MainWindow::setStatus(const QString &text, bool error)
{
    m_statusLabel->setText(text);
    m_statusIsError = error;
}

void MainWindow::onFailed(const QString &message)
{
    setStatus(message, true);
    // Window-modal but not blocking (open(), not exec()): no nested event loop.
    auto *box = new QMessageBox(QMessageBox::Warning, tr("BitCliff"), message, QMessageBox::Ok, this);
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->open();
}

} // namespace bitcliff::app
