import { Route, Routes } from 'react-router';
import { NotFound } from '../../shared/Page.tsx';

/** The canteen pages, mounted at /canteen/*. */
export default function CanteenModule() {
  return (
    <Routes>
      <Route path="*" element={<NotFound />} />
    </Routes>
  );
}
