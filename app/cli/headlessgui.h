#pragma once
// Commands that render charts (demo, report) need a QApplication; without a display they use
// the offscreen platform, and Qt's platform chatter stays off the terminal.
#include <QApplication>

#include <memory>

namespace bitcliff::cli {

std::unique_ptr<QApplication> startHeadlessApplication(int &argc, char **argv);

} // namespace bitcliff::cli
