import { Navigate, Route, Routes } from 'react-router';
import { NotFound, RequirePermission } from '../../shared/Page.tsx';
import { ContractorsPage } from './ContractorsPage.tsx';
import { DetailPage } from './DetailPage.tsx';
import { MinePage } from './MinePage.tsx';
import { REPAIR_PERM } from './module.ts';
import { QrPage } from './QrPage.tsx';
import { ReportPage } from './ReportPage.tsx';
import { RequestsPage } from './RequestsPage.tsx';
import { StatsPage } from './StatsPage.tsx';
import { TasksPage } from './TasksPage.tsx';

/** The repairs pages, mounted at /repairs/*. */
export default function RepairsModule() {
  return (
    <Routes>
      <Route index element={<Navigate to="mine" replace />} />
      <Route path="mine" element={<MinePage />} />
      <Route path="new" element={<ReportPage />} />
      <Route
        path="requests"
        element={
          <RequirePermission any={[REPAIR_PERM.read]}>
            <RequestsPage />
          </RequirePermission>
        }
      />
      <Route path="requests/:id" element={<DetailPage />} />
      <Route path="tasks" element={<TasksPage />} />
      <Route path="tasks/:id" element={<DetailPage />} />
      <Route
        path="stats"
        element={
          <RequirePermission any={[REPAIR_PERM.read]}>
            <StatsPage />
          </RequirePermission>
        }
      />
      <Route
        path="contractors"
        element={
          <RequirePermission any={[REPAIR_PERM.read]}>
            <ContractorsPage />
          </RequirePermission>
        }
      />
      <Route
        path="qr"
        element={
          <RequirePermission any={[REPAIR_PERM.read]}>
            <QrPage />
          </RequirePermission>
        }
      />
      <Route path="*" element={<NotFound />} />
    </Routes>
  );
}
