#pragma once
// The Evaluate page: choose texts, task sets and schemes; run the unquantized model and each
// scheme in the background; see perplexity, KLD and same-top per language and task accuracy
// per difficulty and language as a bar chart and tables.
#include "eval/evaluation.h"

#include <QWidget>

#include <memory>

class QLabel;

namespace bitcliff::app {

class EvaluateController;
class EvaluateForm;
class EvaluateResults;

class EvaluatePage final : public QWidget
{
    Q_OBJECT

public:
    EvaluatePage(EvaluateController *controller, QWidget *parent = nullptr);
    void setModel(std::shared_ptr<const Model> model);
    void retranslate();

    EvaluateForm *form() const { return m_form; }
    EvaluateResults *results() const { return m_results; }
    QString summaryText() const;

private:
    void start();
    void showReport(std::shared_ptr<const EvalReport> report);
    void showSummary();

    EvaluateController *m_controller;
    std::shared_ptr<const EvalReport> m_report;
    QString m_error;
    EvaluateForm *m_form;
    QLabel *m_summary;
    EvaluateResults *m_results;
};

} // namespace bitcliff::app
