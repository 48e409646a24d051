import { Route, Routes } from 'react-router';
import { NotFound } from '../../shared/Page.tsx';

/** The repairs pages, mounted at /repairs/*. */
export default function RepairsModule() {
  return (
    <Routes>
      <Route path="*" element={<NotFound />} />
    </Routes>
  );
}
