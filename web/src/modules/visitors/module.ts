import { lazy } from 'react';
import type { WebModule } from '../../app/web-module.ts';
import { m } from './messages.ts';

export const visitors: WebModule = {
  key: 'visitors',
  path: 'visitors',
  Component: lazy(() => import('./index.tsx')),
  nav: [],
  dictionaries: [m],
};
