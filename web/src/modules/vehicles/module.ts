import { lazy } from 'react';
import type { WebModule } from '../../app/web-module.ts';
import { m } from './messages.ts';
import { vehicleAuditActions, vehicleAuditEntities, vehicleAuditFields } from './audit.ts';

export const vehicles: WebModule = {
  key: 'vehicles',
  path: 'vehicles',
  Component: lazy(() => import('./index.tsx')),
  nav: [],
  dictionaries: [m],
  audit: { entities: vehicleAuditEntities, actions: vehicleAuditActions, fields: vehicleAuditFields },
};
