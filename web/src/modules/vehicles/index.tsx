import { Navigate, Route, Routes } from 'react-router';
import { NotFound, RequirePermission } from '../../shared/Page.tsx';
import RequestsPage from './RequestsPage.tsx';
import DeskPage from './DeskPage.tsx';
import DriverPage from './DriverPage.tsx';
import FleetPage from './fleet/FleetPage.tsx';
import SlipPage from './SlipPage.tsx';
import AnalysisPage from './analysis/AnalysisPage.tsx';
import SupervisionPage from './supervision/SupervisionPage.tsx';
import CommandPage from './command/CommandPage.tsx';
import GeofencesPage from './geofences/GeofencesPage.tsx';
import PlacesPage from './places/PlacesPage.tsx';
import PoolPoliciesPage from './places/PoolPoliciesPage.tsx';
import './vehicles.css';

/** The official vehicles pages, mounted at /vehicles/*. */
export default function VehiclesModule() {
  return (
    <Routes>
      <Route index element={<Navigate to="requests" replace />} />
      <Route
        path="requests/*"
        element={
          <RequirePermission any={['vehicles.request.submit']}>
            <RequestsPage />
          </RequirePermission>
        }
      />
      <Route
        path="desk"
        element={
          <RequirePermission any={['vehicles.dispatch']}>
            <DeskPage />
          </RequirePermission>
        }
      />
      <Route
        path="driver"
        element={
          <RequirePermission any={['vehicles.drive']}>
            <DriverPage />
          </RequirePermission>
        }
      />
      <Route
        path="fleet/*"
        element={
          <RequirePermission any={['vehicles.fleet.read']}>
            <FleetPage />
          </RequirePermission>
        }
      />
      <Route
        path="slip/:id"
        element={
          <RequirePermission any={['vehicles.fleet.read', 'vehicles.dispatch']}>
            <SlipPage />
          </RequirePermission>
        }
      />
      <Route
        path="analysis"
        element={
          <RequirePermission any={['vehicles.analysis']}>
            <AnalysisPage />
          </RequirePermission>
        }
      />
      <Route path="supervision" element={<Navigate to="alerts" replace />} />
      <Route
        path="supervision/:tab"
        element={
          <RequirePermission any={['vehicles.supervise']}>
            <SupervisionPage />
          </RequirePermission>
        }
      />
      <Route
        path="geofences"
        element={
          <RequirePermission any={['vehicles.supervise']}>
            <GeofencesPage />
          </RequirePermission>
        }
      />
      <Route
        path="command"
        element={
          <RequirePermission any={['vehicles.fleet.read']}>
            <CommandPage />
          </RequirePermission>
        }
      />
      <Route
        path="places"
        element={
          <RequirePermission any={['vehicles.fleet.read', 'vehicles.fleet.write']}>
            <PlacesPage />
          </RequirePermission>
        }
      />
      <Route
        path="pool-policies"
        element={
          <RequirePermission any={['vehicles.fleet.read', 'vehicles.pool.write']}>
            <PoolPoliciesPage />
          </RequirePermission>
        }
      />
      <Route path="*" element={<NotFound />} />
    </Routes>
  );
}
