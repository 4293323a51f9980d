import { createContext, useContext, useSyncExternalStore } from 'react';
import type { ModuleDefinition } from './registry';
import type { Session, SessionStore } from './session';

export const SessionContext = createContext<SessionStore | null>(null);
export const ModulesContext = createContext<readonly ModuleDefinition[]>([]);

export function useSessionStore(): SessionStore {
  const store = useContext(SessionContext);
  if (!store) throw new Error('useSessionStore outside SessionContext');
  return store;
}

/** The session (null when signed out) and whether the first silent refresh has answered. */
export function useSession(): { session: Session | null; resolved: boolean } {
  const store = useSessionStore();
  const session = useSyncExternalStore(store.subscribe, () => store.current());
  const resolved = useSyncExternalStore(store.subscribe, () => store.isResolved());
  return { session, resolved };
}

/** The modules the cell serves. */
export function useModules(): readonly ModuleDefinition[] {
  return useContext(ModulesContext);
}

/** Whether the cell serves this subgraph (for a page that links to another module). */
export function useHasModule(subgraph: string): boolean {
  return useModules().some((module) => module.subgraph === subgraph);
}
