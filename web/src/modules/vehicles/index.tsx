import { Route, Routes } from 'react-router';
import { NotFound } from '../../shared/Page.tsx';

/** The official vehicles pages, mounted at /vehicles/*. */
export default function VehiclesModule() {
  return (
    <Routes>
      <Route path="*" element={<NotFound />} />
    </Routes>
  );
}
