#pragma once
// Progress of a job made of many steps of known size: steps advance a shared count, and a
// sub-job (loading weights) gets a callback that maps its own 0..1 onto its share.
#include "util/error.h"
#include "util/progress.h"

#include <algorithm>

namespace bitcliff {

class WorkMeter
{
public:
    WorkMeter(const ProgressCallback &progress, double totalUnits)
        : m_progress(progress)
        , m_total(std::max(totalUnits, 1.0))
    {
    }

    // Throws Cancelled when the callback asks to stop.
    void advance(double units)
    {
        m_done += units;
        if (!reportProgress(m_progress, std::min(1.0, m_done / m_total)))
            throw Cancelled();
    }

    // A callback for a sub-job worth `units`; call advance(units) when it has finished.
    ProgressCallback share(double units) const
    {
        return [this, units](double fraction) {
            return reportProgress(m_progress, std::min(1.0, (m_done + fraction * units) / m_total));
        };
    }

private:
    const ProgressCallback &m_progress;
    double m_total;
    double m_done = 0;
};

} // namespace bitcliff
