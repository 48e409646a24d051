import { Route, Routes } from 'react-router';
import { NotFound } from '../../shared/Page.tsx';

/** The energy pages, mounted at /energy/*. */
export default function EnergyModule() {
  return (
    <Routes>
      <Route path="*" element={<NotFound />} />
    </Routes>
  );
}
