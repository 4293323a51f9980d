import { userError } from '@cellgraph/kernel';

export const SettingsErrorCode = {
  NamespaceUnknown: 'SETTINGS_NAMESPACE_UNKNOWN',
  ScopeNotAllowed: 'SETTINGS_SCOPE_NOT_ALLOWED',
  Invalid: 'SETTINGS_INVALID',
} as const;

export const namespaceUnknown = () => userError(SettingsErrorCode.NamespaceUnknown, 'No settings namespace of this name in this cell', ['input', 'namespace']);
export const scopeNotAllowed = (namespace: string) =>
  userError(SettingsErrorCode.ScopeNotAllowed, `Settings of ${namespace} cannot be set at this scope`, ['input', 'scope']);
