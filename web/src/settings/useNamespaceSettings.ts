import { useMutation, useQuery } from '@apollo/client/react';
import { useState } from 'react';
import { describeError, fieldErrors } from '../app/errors';
import type { SettingsScope } from '../gql/graphql';
import { SettingsNamespaceQuery, SettingsSetMutation } from './operations';
import { attempt } from './shared';

/**
 * A settings namespace as the caller sees it (resolved values and where each comes from) and a
 * `save` that sets values at a scope, answering the schema's errors by key.
 */
export function useNamespaceSettings(namespace: string) {
  const query = useQuery(SettingsNamespaceQuery, { variables: { namespace } });
  const [set, { loading: saving }] = useMutation(SettingsSetMutation);
  const [error, setError] = useState<string | null>(null);
  const [fields, setFields] = useState<Record<string, string>>({});
  const [saved, setSaved] = useState(false);

  async function save(scope: SettingsScope, values: Record<string, unknown>): Promise<void> {
    setError(null);
    setFields({});
    setSaved(false);
    try {
      const result = await set({
        variables: { input: { namespace, scope, values } },
        refetchQueries: [{ query: SettingsNamespaceQuery, variables: { namespace } }],
      });
      const errors = result.data?.settingSet?.userErrors ?? [];
      if (errors.length) {
        const byField = fieldErrors(errors);
        setFields(byField);
        if (Object.keys(byField).length === 0) setError(await attempt(async () => errors));
        return;
      }
      setSaved(true);
    } catch (caught) {
      setError(describeError(caught));
    }
  }

  return {
    ...query,
    settings: query.data?.settings ?? null,
    viewerRole: query.data?.organization?.viewerRole ?? null,
    save,
    saving,
    saved,
    error,
    fields,
    setSaved,
  };
}
