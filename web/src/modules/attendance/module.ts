import { lazy } from 'react';
import type { WebModule } from '../../app/web-module.ts';
import { actions, entities, fields } from './audit.ts';
import { m } from './messages.ts';

export const attendance: WebModule = {
  key: 'attendance',
  path: 'attendance',
  Component: lazy(() => import('./index.tsx')),
  nav: [],
  dictionaries: [m],
  audit: { entities, actions, fields },
};
