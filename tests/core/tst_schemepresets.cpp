// The preset list shared by the GUI and the CLI: every preset is a valid scheme written in
// its canonical form (so the name shown is the scheme that runs), none twice.
#include "quant/scheme.h"
#include "quant/schemepresets.h"

#include <QTest>

#include <set>
#include <string>

using namespace bitcliff;

class TestSchemePresets : public QObject
{
    Q_OBJECT

private slots:
    void presetsAreCanonicalSchemes()
    {
        std::set<std::string_view> seen;
        for (const SchemePreset &preset : schemePresets()) {
            const std::string text(preset.scheme);
            QCOMPARE(QuantScheme::parse(text).toString(), text);
            QVERIFY2(seen.insert(preset.scheme).second, text.c_str());
        }
        QCOMPARE(seen.size(), size_t(20));
    }

    void demoAndEvaluateDefaults()
    {
        QCOMPARE(demoSchemeList(), std::string("q8_0,q4_k,q3_k,q2_k"));
        std::string evaluated;
        for (const SchemePreset &preset : schemePresets())
            if (preset.evaluateByDefault)
                evaluated += std::string(preset.scheme) + " ";
        QCOMPARE(evaluated, std::string("q8_0 q4_0 q2_k "));
    }
};

QTEST_APPLESS_MAIN(TestSchemePresets)
#include "tst_schemepresets.moc"
