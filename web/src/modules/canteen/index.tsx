import { Route, Routes } from 'react-router';
import { NotFound, RequirePermission } from '../../shared/Page.tsx';
import { KitchenPage } from './KitchenPage.tsx';
import { MenusPage } from './MenusPage.tsx';
import { OrderPage } from './OrderPage.tsx';
import { PointsPage } from './PointsPage.tsx';

/** The canteen pages, mounted at /canteen/*: ordering for everyone, kitchen counts and menus for canteen staff. */
export default function CanteenModule() {
  return (
    <Routes>
      <Route index element={<OrderPage />} />
      <Route
        path="kitchen"
        element={
          <RequirePermission any={['canteen.kitchen']}>
            <KitchenPage />
          </RequirePermission>
        }
      />
      <Route
        path="menus"
        element={
          <RequirePermission any={['canteen.kitchen']}>
            <MenusPage />
          </RequirePermission>
        }
      />
      <Route
        path="points"
        element={
          <RequirePermission any={['canteen.kitchen', 'canteen.manage']}>
            <PointsPage />
          </RequirePermission>
        }
      />
      <Route path="*" element={<NotFound />} />
    </Routes>
  );
}
