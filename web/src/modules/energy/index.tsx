import { Route, Routes } from 'react-router';
import { NotFound } from '../../shared/Page.tsx';
import { InstitutionsPage } from './InstitutionsPage.tsx';
import { InstitutionPage } from './InstitutionPage.tsx';

/** The energy pages, mounted at /energy/*. */
export default function EnergyModule() {
  return (
    <Routes>
      <Route index element={<InstitutionsPage />} />
      <Route path="institutions" element={<InstitutionsPage />} />
      <Route path="institutions/:id" element={<InstitutionPage />} />
      <Route path="*" element={<NotFound />} />
    </Routes>
  );
}
