import { Route, Routes } from 'react-router';
import { NotFound } from '../../shared/Page.tsx';

/** The meeting rooms pages, mounted at /rooms/*. */
export default function RoomsModule() {
  return (
    <Routes>
      <Route path="*" element={<NotFound />} />
    </Routes>
  );
}
