#pragma once
// The main window: wires the model session to the model tree, the tensor and model pages
// and the jobs panel, and owns the menus. It computes nothing itself.
#include <QHash>
#include <QMainWindow>

#include <memory>

class QAction;
class QDockWidget;
class QDoubleSpinBox;
class QLabel;
class QMenu;
class QTabWidget;
class QToolBar;

namespace bitcliff::app {

class JobRunner;
class JobsPanel;
class LanguageMenu;
class ModelPage;
class ModelSession;
class ModelTreePanel;
class QuantizeController;
class QuantizePage;
class EvaluateController;
class EvaluatePage;
class CliffController;
class CliffPage;
class RecentFilesMenu;
class TensorPage;
class TrainController;
class TrainPage;

class MainWindow final : public QMainWindow
{
    Q_OBJECT

public:
    explicit MainWindow(QWidget *parent = nullptr);
    ~MainWindow() final;

    void openPath(const QString &path);
    void openDemo();
    // `bitcliff --demo`: once the demo model is open, the Cliff page runs the demo's sweep.
    void runDemoSweepOnOpen() { m_runDemoSweep = true; }

    ModelSession *session() const { return m_session; }
    JobRunner *jobRunner() const { return m_runner; }
    ModelTreePanel *treePanel() const { return m_tree; }
    TensorPage *tensorPage() const { return m_tensorPage; }
    ModelPage *modelPage() const { return m_modelPage; }
    QuantizePage *quantizePage() const { return m_quantizePage; }
    EvaluatePage *evaluatePage() const { return m_evaluatePage; }
    CliffPage *cliffPage() const { return m_cliffPage; }
    TrainPage *trainPage() const { return m_trainPage; }
    QTabWidget *pages() const { return m_tabs; }
    JobsPanel *jobsPanel() const { return m_jobs; }
    QString statusText() const;
    // Closing with a job running asks first (tests switch the question off).
    void setConfirmClose(bool confirm) { m_confirmClose = confirm; }
    bool closeNeedsConfirmation() const;

protected:
    void changeEvent(QEvent *event) final;
    void closeEvent(QCloseEvent *event) final;
    void showEvent(QShowEvent *event) final;
    void resizeEvent(QResizeEvent *event) final;
    void dragEnterEvent(QDragEnterEvent *event) final;
    void dropEvent(QDropEvent *event) final;

private:
    static int treeDockWidth(int windowWidth);
    void createActions();
    void createMenus();
    void retranslate();
    void chooseFile();
    void chooseFolder();
    void exportCharts();
    void showAbout();
    void captureActivations();
    void onModelOpened();
    void onAnalysisReady();
    void onFailed(const QString &message);
    void showScheme(const QString &scheme);
    void compareTrained(const QString &checkpoint, const QString &qatScheme);
    void setStatus(const QString &text, bool error = false);

    JobRunner *m_runner;
    ModelSession *m_session;
    ModelTreePanel *m_tree;
    TensorPage *m_tensorPage;
    ModelPage *m_modelPage;
    QuantizeController *m_quantizeController;
    QuantizePage *m_quantizePage;
    EvaluateController *m_evaluateController;
    EvaluatePage *m_evaluatePage;
    CliffController *m_cliffController;
    CliffPage *m_cliffPage;
    TrainController *m_trainController;
    TrainPage *m_trainPage;
    JobsPanel *m_jobs;
    QTabWidget *m_tabs;
    QDockWidget *m_treeDock;
    QDockWidget *m_jobsDock;
    QToolBar *m_toolBar;
    QLabel *m_kLabel;
    QDoubleSpinBox *m_kSpin;
    QLabel *m_statusLabel;
    RecentFilesMenu *m_recent;
    LanguageMenu *m_languages;
    QMenu *m_fileMenu = nullptr;
    QMenu *m_viewMenu = nullptr;
    QMenu *m_helpMenu = nullptr;
    QAction *m_openFile = nullptr;
    QAction *m_openFolder = nullptr;
    QAction *m_openDemo = nullptr;
    bool m_runDemoSweep = false;
    QAction *m_export = nullptr;
    QAction *m_quit = nullptr;
    int m_captureJob = -1; // the running activation capture, -1 when none
    QAction *m_about = nullptr;
    bool m_docksSized = false;
    bool m_statusIsError = false;
    bool m_confirmClose = true;
    QHash<int, QString> m_jobTitles; // running jobs, for the status bar
};

} // namespace bitcliff::app
