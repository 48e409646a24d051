import { Route, Routes } from 'react-router';
import { NotFound } from '../../shared/Page.tsx';

/** The visitors pages, mounted at /visitors/*. */
export default function VisitorsModule() {
  return (
    <Routes>
      <Route path="*" element={<NotFound />} />
    </Routes>
  );
}
