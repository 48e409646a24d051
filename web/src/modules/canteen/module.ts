import { lazy } from 'react';
import type { WebModule } from '../../app/web-module.ts';
import { m } from './messages.ts';

export const canteen: WebModule = {
  key: 'canteen',
  path: 'canteen',
  Component: lazy(() => import('./index.tsx')),
  nav: [],
  dictionaries: [m],
};
