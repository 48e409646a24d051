import { Route, Routes } from 'react-router';
import { NotFound, RequirePermission } from '../../shared/Page.tsx';
import { AlertsPage } from './AlertsPage.tsx';
import { DemonstrationPage } from './DemonstrationPage.tsx';
import { ImportPage } from './ImportPage.tsx';
import { InstitutionsPage } from './InstitutionsPage.tsx';
import { InstitutionPage } from './InstitutionPage.tsx';
import { OverviewPage } from './OverviewPage.tsx';
import { QualityPage } from './QualityPage.tsx';
import { StatisticsPage } from './StatisticsPage.tsx';

/** The energy pages, mounted at /energy/*. */
export default function EnergyModule() {
  return (
    <Routes>
      <Route index element={<OverviewPage />} />
      <Route path="institutions" element={<InstitutionsPage />} />
      <Route path="institutions/:id" element={<InstitutionPage />} />
      <Route path="alerts" element={<AlertsPage />} />
      <Route path="statistics" element={<StatisticsPage />} />
      <Route path="quality" element={<QualityPage />} />
      <Route
        path="import"
        element={
          <RequirePermission any={['energy.import']}>
            <ImportPage />
          </RequirePermission>
        }
      />
      <Route path="demonstration" element={<DemonstrationPage />} />
      <Route path="*" element={<NotFound />} />
    </Routes>
  );
}
