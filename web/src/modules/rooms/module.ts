import { lazy } from 'react';
import type { WebModule } from '../../app/web-module.ts';
import { m } from './messages.ts';

export const rooms: WebModule = {
  key: 'rooms',
  path: 'rooms',
  Component: lazy(() => import('./index.tsx')),
  nav: [],
  dictionaries: [m],
};
