import type { ComponentType, LazyExoticComponent, ReactNode } from 'react';
import type { Dictionary, Locale } from './i18n.ts';

/** A label in both languages (a business module's menu entries carry their own). */
export type Bilingual = Record<Locale, string>;

/** One menu entry of a business module; shown when the user holds any of `permissions` (or always). */
export interface ModuleNavItem {
  key: string;
  path?: string;
  label: Bilingual;
  icon: ReactNode;
  permissions?: readonly string[];
  children?: ModuleNavItem[];
}

/** Audit codes a module's server writes (`audit(tx, …, { entity, action })`), named in both languages. */
export interface ModuleAuditCodes {
  entities: Dictionary;
  actions?: Dictionary;
  fields?: Dictionary;
}

/**
 * A business module of the web app (web/src/modules/<name>/module.ts), listed in app/modules.ts.
 * The shell mounts `Component` under `/<path>/*` behind the session, adds `nav` to the side menu,
 * registers `dictionaries` (checked complete in both languages) and the audit code names.
 */
export interface WebModule {
  key: string;
  /** route prefix without slashes: `vehicles` serves /vehicles/* */
  path: string;
  /** the module's pages (its own <Routes>), loaded as a separate chunk when first opened */
  Component: LazyExoticComponent<ComponentType>;
  /** any-of permissions needed to open the module at all (absent: every signed-in user) */
  permissions?: readonly string[];
  nav: readonly ModuleNavItem[];
  dictionaries: readonly Dictionary[];
  audit?: ModuleAuditCodes;
  /** pages reachable without signing in (public links, QR codes), mounted at `/<path>` outside the shell */
  publicPages?: readonly { path: string; Component: LazyExoticComponent<ComponentType> }[];
}
