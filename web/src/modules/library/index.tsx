import { Route, Routes } from 'react-router';
import { NotFound } from '../../shared/Page.tsx';

/** The library pages, mounted at /library/*. */
export default function LibraryModule() {
  return (
    <Routes>
      <Route path="*" element={<NotFound />} />
    </Routes>
  );
}
