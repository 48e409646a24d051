import { Route, Routes } from 'react-router';
import { NotFound } from '../../shared/Page.tsx';

/** The one-card pages, mounted at /cards/*. */
export default function CardsModule() {
  return (
    <Routes>
      <Route path="*" element={<NotFound />} />
    </Routes>
  );
}
