// bitcliff: the desktop application.
#include "gui/languagemenu.h"
#include "gui/mainwindow.h"
#include "util/blaskernels.h"

#include <QApplication>
#include <QCommandLineParser>

int main(int argc, char **argv)
{
    bitcliff::useFastBlasKernels(argv);
    QApplication application(argc, argv);
    QApplication::setOrganizationName(QStringLiteral("BitCliff"));
    QApplication::setApplicationName(QStringLiteral("BitCliff"));
    QApplication::setApplicationVersion(QStringLiteral(BITCLIFF_VERSION));
    bitcliff::app::LanguageMenu::installInitialTranslation();

    QCommandLineParser parser;
    parser.setApplicationDescription(QApplication::translate("main", "See what quantization does to a language model."));
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption demo(QStringLiteral("demo"),
                                  QApplication::translate("main", "Open the demo model (trained by BitCliff)."));
    parser.addOption(demo);
    parser.addPositionalArgument(QStringLiteral("path"),
                                 QApplication::translate("main", "A .safetensors or .gguf file, or a checkpoint folder."));
    parser.process(application);

    bitcliff::app::MainWindow window;
    window.show();
    if (parser.isSet(demo)) {
        window.runDemoSweepOnOpen();
        window.openDemo();
    } else if (!parser.positionalArguments().isEmpty())
        window.openPath(parser.positionalArguments().constFirst());
    return QApplication::exec();
}
