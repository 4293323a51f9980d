import type { RouteObject } from 'react-router';
import type { ModuleDefinition } from '../app/registry';

export function settingsRoute(modules: readonly ModuleDefinition[]): RouteObject {
  void modules;
  return { path: 'settings', element: null };
}
