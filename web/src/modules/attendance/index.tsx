import { Route, Routes } from 'react-router';
import { NotFound, RequirePermission } from '../../shared/Page.tsx';
import BoardPage from './BoardPage.tsx';
import ClockPage from './ClockPage.tsx';
import ImportPage from './ImportPage.tsx';
import MonthPage from './MonthPage.tsx';
import { ATTENDANCE_MANAGE, ATTENDANCE_REPORT } from './module.ts';
import ReportPage from './ReportPage.tsx';
import SettingsPage from './SettingsPage.tsx';

const manage = (page: React.ReactNode) => (
  <RequirePermission any={[ATTENDANCE_MANAGE]}>{page}</RequirePermission>
);

/** The attendance pages, mounted at /attendance/*. */
export default function AttendanceModule() {
  return (
    <Routes>
      <Route index element={<ClockPage />} />
      <Route path="month" element={<MonthPage />} />
      <Route path="board" element={manage(<BoardPage />)} />
      <Route
        path="report"
        element={
          <RequirePermission any={[ATTENDANCE_REPORT]}>
            <ReportPage />
          </RequirePermission>
        }
      />
      <Route path="settings" element={manage(<SettingsPage />)} />
      <Route path="import" element={manage(<ImportPage />)} />
      <Route path="*" element={<NotFound />} />
    </Routes>
  );
}
