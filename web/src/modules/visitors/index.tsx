import { Navigate, Route, Routes } from 'react-router';
import { NotFound, RequirePermission } from '../../shared/Page.tsx';
import { BlacklistPage } from './BlacklistPage.tsx';
import { GatePage } from './GatePage.tsx';
import { VISITOR_PERM } from './module.ts';
import { SitesPage } from './SitesPage.tsx';
import { VisitsPage } from './VisitsPage.tsx';

/** The visitors pages, mounted at /visitors/*. */
export default function VisitorsModule() {
  return (
    <Routes>
      <Route index element={<Navigate to="visits" replace />} />
      <Route
        path="visits"
        element={
          <RequirePermission any={[VISITOR_PERM.read]}>
            <VisitsPage />
          </RequirePermission>
        }
      />
      <Route
        path="visits/:id"
        element={
          <RequirePermission any={[VISITOR_PERM.read]}>
            <VisitsPage />
          </RequirePermission>
        }
      />
      <Route
        path="gate"
        element={
          <RequirePermission any={[VISITOR_PERM.gate]}>
            <GatePage />
          </RequirePermission>
        }
      />
      <Route
        path="blacklist"
        element={
          <RequirePermission any={[VISITOR_PERM.blacklist]}>
            <BlacklistPage />
          </RequirePermission>
        }
      />
      <Route
        path="sites"
        element={
          <RequirePermission any={[VISITOR_PERM.sites]}>
            <SitesPage />
          </RequirePermission>
        }
      />
      <Route path="*" element={<NotFound />} />
    </Routes>
  );
}
