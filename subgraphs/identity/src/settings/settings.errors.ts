import { text, userError } from '@cellgraph/kernel';
import { accessMessages } from '../messages.js';

export const SettingsErrorCode = {
  NamespaceUnknown: 'SETTINGS_NAMESPACE_UNKNOWN',
  ScopeNotAllowed: 'SETTINGS_SCOPE_NOT_ALLOWED',
  Invalid: 'SETTINGS_INVALID',
} as const;

export const namespaceUnknown = () => userError(SettingsErrorCode.NamespaceUnknown, accessMessages.namespaceUnknown, ['input', 'namespace']);
export const scopeNotAllowed = (namespace: string) =>
  userError(SettingsErrorCode.ScopeNotAllowed, text(accessMessages.scopeNotAllowed, { namespace }), ['input', 'scope']);
