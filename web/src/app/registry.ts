import type { ApolloClient } from '@apollo/client';
import type { DocumentNode } from 'graphql';
import type { ComponentType } from 'react';
import type { RouteObject } from 'react-router';
import type { Label } from './i18n';

/**
 * What a module brings to the app. The app shows a module only when the cell serves its
 * subgraph (`cell { modules }`), so a cell without tasks has no Tasks navigation, routes,
 * widgets, commands or search results, and nothing else needs to know.
 */
export interface ModuleDefinition {
  /** The subgraph this module's UI needs (its name in `cell.modules`). */
  subgraph: string;
  navigation?: NavItem[];
  /** Routes inside the signed-in layout. */
  routes?: RouteObject[];
  /** Routes anyone may open without signing in, outside the layout (e.g. a review link's page). */
  publicRoutes?: RouteObject[];
  /** Panels this module adds to other modules' pages. */
  widgets?: Widget[];
  /** Cmd+K actions (navigate, create). */
  commands?: Command[];
  /** Finds this module's objects by title for Cmd+K. */
  search?: SearchProvider;
  /** The slide-over of this module's object types. */
  quickViews?: QuickView[];
  /** Items of the top bar (e.g. the notifications bell). */
  topBar?: ComponentType[];
  /** Pages under Settings. */
  settings?: SettingsPage[];
  /** Draws the signed-in user's avatar in the top bar (the first served module's wins), given their name and profile `avatarUrl`. */
  accountAvatar?: ComponentType<{ name: string; fallbackUrl?: string | null }>;
  /** The Export action of every list (a DataTable given `exportable`); the first served module's wins. */
  listExport?: ComponentType<ListExportProps>;
}

/** A list as its page shows it, to export whole: the page's query document and its variables (filters, order). */
export interface ListExportProps {
  /** The page's query (one root connection); its paging arguments are left out of the export. */
  query: DocumentNode;
  variables?: Record<string, unknown>;
  /** The export's (and the file's) name, e.g. "Contacts". */
  name: string;
}

export interface NavItem {
  /** A catalog message (translated where shown), or a string. */
  label: Label;
  path: string;
  /** A short glyph shown beside the label. */
  icon: string;
  order: number;
}

/** Where another module's widget can appear; each page renders its slot with the object's id. */
export type WidgetSlot = 'contact.profile' | 'deal.profile' | 'task.detail' | 'note.detail' | 'home';

export interface Widget {
  slot: WidgetSlot;
  title: Label;
  component: ComponentType<{ objectId: string }>;
  order?: number;
}

export interface Command {
  id: string;
  label: Label;
  group: 'Navigate' | 'Create';
  keywords?: string[];
  /** A path to open; creation commands open their page with a `new` dialog. */
  path: string;
}

/** A part of a text to highlight: `length` UTF-16 code units from `start`. */
export interface TextRange {
  start: number;
  length: number;
}

export interface SearchResult {
  id: string;
  typename: string;
  title: string;
  /** The searched words in the title. */
  titleHighlights?: readonly TextRange[];
  subtitle?: string;
  /** A passage of the object's text with the searched words. */
  snippet?: { text: string; highlights: readonly TextRange[] };
}

export interface SearchProvider {
  /** It searches every module of the cell (the search module): when served, Cmd+K asks it alone. */
  everyModule?: boolean;
  search(client: ApolloClient, text: string, signal: AbortSignal): Promise<SearchResult[]>;
}

/**
 * The search providers to ask for `text` across the cell: the search module alone when the cell
 * serves it (it covers every module; asking the modules too would list objects twice), else each
 * module's own.
 */
export function searchProvidersOf(modules: readonly ModuleDefinition[]): SearchProvider[] {
  const providers = modules.flatMap((module) => (module.search ? [module.search] : []));
  const everyModule = providers.find((provider) => provider.everyModule);
  return everyModule ? [everyModule] : providers;
}

export interface QuickView {
  typename: string;
  /** The object's own page. */
  path(id: string): string;
  component: ComponentType<{ id: string }>;
}

export interface SettingsPage {
  label: Label;
  path: string;
  element: ComponentType;
}

/** The modules of `all` the cell serves, in the order given. */
export function enabledModules(all: readonly ModuleDefinition[], served: readonly string[], switchedOff: readonly string[] = []): ModuleDefinition[] {
  const names = new Set(served);
  const off = new Set(switchedOff);
  return all.filter((module) => names.has(module.subgraph) && !off.has(module.subgraph));
}

/** Modules switched off for the caller by their `module.<name>` feature flag (the gateway refuses their operations too). */
export function switchedOffModules(features: readonly { key: string; enabled: boolean }[]): string[] {
  return features.filter((feature) => feature.key.startsWith('module.') && !feature.enabled).map((feature) => feature.key.slice('module.'.length));
}
