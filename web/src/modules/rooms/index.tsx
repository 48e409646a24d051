import { Route, Routes } from 'react-router';
import { NotFound, RequirePermission } from '../../shared/Page.tsx';
import { BookPage } from './BookPage.tsx';
import { MinePage } from './MinePage.tsx';
import { CalendarPage } from './CalendarPage.tsx';
import { ManagePage } from './ManagePage.tsx';

/** The meeting rooms pages, mounted at /rooms/*. */
export default function RoomsModule() {
  return (
    <Routes>
      <Route index element={<BookPage />} />
      <Route path="mine" element={<MinePage />} />
      <Route path="calendar" element={<CalendarPage />} />
      <Route
        path="manage"
        element={
          <RequirePermission any={['rooms.manage']}>
            <ManagePage />
          </RequirePermission>
        }
      />
      <Route path="*" element={<NotFound />} />
    </Routes>
  );
}
