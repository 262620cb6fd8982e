#pragma once
// The Cliff page: set up a sweep (schemes x evaluation set, presets, spec files), run it in
// the background into an output folder (resuming what is there), watch each cell arrive in
// the chart and the table, open the results of an earlier sweep, and export the report.
// Clicking a point asks for its scheme on the Quantize and Evaluate pages.
#include "formats/model.h"

#include <QWidget>

#include <memory>

class QLabel;
class QPushButton;
class QScrollArea;
class QSplitter;

namespace bitcliff::app {

class CliffController;
class CliffForm;
class CliffResultsView;
struct SweepSummary;

class CliffPage final : public QWidget
{
    Q_OBJECT

public:
    CliffPage(CliffController *controller, QWidget *parent = nullptr);
    void setModel(std::shared_ptr<const Model> model);
    // Runs the sweep the form describes, as the Run button does.
    void runSweep() { start(); }
    void retranslate();

    // Without dialogs (the buttons ask for the folder, then call these).
    void openResultsFrom(const QString &dir);
    void exportReportTo(const QString &dir);

    CliffForm *form() const { return m_form; }
    CliffResultsView *results() const { return m_results; }
    CliffController *controller() const { return m_controller; }
    QPushButton *runButton() const { return m_run; }
    QPushButton *cancelButton() const { return m_cancel; }
    QPushButton *openButton() const { return m_open; }
    QPushButton *exportButton() const { return m_export; }
    QString statusText() const;

signals:
    // A point of the cliff was clicked: show this scheme.
    void schemeRequested(const QString &scheme);

private:
    void start();
    void chooseResults();
    void chooseReportFolder();
    void updateButtons();
    void setStatus(const QString &text, bool error = false);
    void onFinished(const SweepSummary &summary);
    void giveResultsRoom();

    CliffController *m_controller;
    std::shared_ptr<const Model> m_model;
    uint64_t m_seed = 0;
    CliffForm *m_form;
    QScrollArea *m_formScroll;
    CliffResultsView *m_results;
    QSplitter *m_split;
    QPushButton *m_run;
    QPushButton *m_cancel;
    QPushButton *m_open;
    QPushButton *m_export;
    QLabel *m_status;
    bool m_roomGiven = false; // the results got their room once for this run: the user's sizes stay
    bool m_statusIsHint = true; // the status says what the page does, not what happened
};

} // namespace bitcliff::app
