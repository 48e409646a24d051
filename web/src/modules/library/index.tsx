import { Route, Routes } from 'react-router';
import { NotFound, RequirePermission } from '../../shared/Page.tsx';
import CataloguePage from './CataloguePage.tsx';
import DeskPage from './DeskPage.tsx';
import MinePage from './MinePage.tsx';
import { LIBRARY_MANAGE, LIBRARY_STATS } from './module.ts';
import StatsPage from './StatsPage.tsx';

/** The library pages, mounted at /library/*. */
export default function LibraryModule() {
  return (
    <Routes>
      <Route index element={<CataloguePage />} />
      <Route path="mine" element={<MinePage />} />
      <Route
        path="desk"
        element={
          <RequirePermission any={[LIBRARY_MANAGE]}>
            <DeskPage />
          </RequirePermission>
        }
      />
      <Route
        path="stats"
        element={
          <RequirePermission any={[LIBRARY_STATS]}>
            <StatsPage />
          </RequirePermission>
        }
      />
      <Route path="*" element={<NotFound />} />
    </Routes>
  );
}
