import { lazy } from 'react';
import type { WebModule } from '../../app/web-module.ts';
import { m } from './messages.ts';

export const energy: WebModule = {
  key: 'energy',
  path: 'energy',
  Component: lazy(() => import('./index.tsx')),
  nav: [],
  dictionaries: [m],
};
