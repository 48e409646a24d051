import { Route, Routes } from 'react-router';
import { NotFound } from '../../shared/Page.tsx';

/** The attendance pages, mounted at /attendance/*. */
export default function AttendanceModule() {
  return (
    <Routes>
      <Route path="*" element={<NotFound />} />
    </Routes>
  );
}
