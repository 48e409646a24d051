import { Route, Routes } from 'react-router';
import { NotFound, RequirePermission } from '../../shared/Page.tsx';
import { AccountsPage } from './AccountsPage.tsx';
import { MyCardPage } from './MyCardPage.tsx';

/** The one-card pages, mounted at /cards/*: my card for everyone, the card office for its staff. */
export default function CardsModule() {
  return (
    <Routes>
      <Route index element={<MyCardPage />} />
      <Route
        path="accounts"
        element={
          <RequirePermission any={['cards.read']}>
            <AccountsPage />
          </RequirePermission>
        }
      />
      <Route path="*" element={<NotFound />} />
    </Routes>
  );
}
