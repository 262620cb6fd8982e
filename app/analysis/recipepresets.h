#pragma once
// The recipes beyond plain schemes that the Evaluate and Quantize pages offer beside the
// scheme presets: the calibrated methods (they need the Calibration row's text) and the
// modifiers (W8A8, rotation, QuaRot's W4A4).
#include <QStringList>

namespace bitcliff::app {

inline QStringList calibratedRecipePresets()
{
    return {QStringLiteral("gptq:b4:g128:sym"), QStringLiteral("gptq:b3:g128:sym"), QStringLiteral("awq:b4:g128:asym"),
            QStringLiteral("awq:b3:g128:asym")};
}

inline QStringList modifierRecipePresets()
{
    return {QStringLiteral("rtn:b8:channel:sym+a8"), QStringLiteral("rtn:b4:g128:sym+rot"),
            QStringLiteral("rtn:b4:g128:sym+rot+a4")};
}

} // namespace bitcliff::app
