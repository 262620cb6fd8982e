#pragma once
// The Train page: fine-tune the open model on the user's text (optionally quantization-aware),
// in the background, with the loss curve growing as the steps complete; Cancel keeps the
// checkpoint of the completed steps. A finished or stopped run can be compared with the
// original on the Evaluate page, or opened as the model.
#include "formats/model.h"

#include <QWidget>

#include <memory>

class QLabel;
class QProgressBar;
class QPushButton;
class QScrollArea;
class QSplitter;
class QTimer;

namespace bitcliff {
class LossCurveView;
}

namespace bitcliff::app {

class TrainController;
class TrainForm;

class TrainPage final : public QWidget
{
    Q_OBJECT

public:
    TrainPage(TrainController *controller, QWidget *parent = nullptr);
    void setModel(std::shared_ptr<const Model> model);
    void retranslate();
    // Starts the run the form describes, as the Train button does.
    void startTraining() { start(); }

    TrainForm *form() const { return m_form; }
    TrainController *controller() const { return m_controller; }
    LossCurveView *lossView() const { return m_loss; }
    QPushButton *trainButton() const { return m_train; }
    QPushButton *cancelButton() const { return m_cancel; }
    QPushButton *compareButton() const { return m_compare; }
    QPushButton *openButton() const { return m_open; }
    QProgressBar *progressBar() const { return m_progress; }
    QString statusText() const;
    QString progressText() const;

protected:
    void showEvent(QShowEvent *event) final;
    void resizeEvent(QResizeEvent *event) final;

signals:
    // Compare the checkpoint in `directory` with the model it was trained from; `qatScheme`
    // is the scheme it was trained for ("" without QAT).
    void compareRequested(const QString &directory, const QString &qatScheme);
    // Open the checkpoint in `directory` as the model.
    void openRequested(const QString &directory);

private:
    void start();
    void updateButtons();
    void showProgress();
    void showCurve();
    void setStatus(const QString &text, bool error = false);
    void fitForm();

    TrainController *m_controller;
    std::shared_ptr<const Model> m_model;
    TrainForm *m_form;
    QScrollArea *m_formScroll;
    LossCurveView *m_loss;
    QLabel *m_progressLine;
    QSplitter *m_split;
    QPushButton *m_train;
    QPushButton *m_cancel;
    QProgressBar *m_progress;
    QPushButton *m_compare;
    QPushButton *m_open;
    QLabel *m_status;
    QTimer *m_curveTimer; // the chart follows the steps at most a few times a second
    bool m_statusIsHint = true;
    bool m_userSized = false; // the user dragged the splitter: the sizes are theirs
};

} // namespace bitcliff::app
