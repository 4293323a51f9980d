import { parseGlobalId } from '@cellgraph/kernel/core';
import { withClient } from '@cellgraph/kernel/testing';

/**
 * Makes a document a signed contract, as the superuser (the signature flow has tests of its own):
 * for the tests of what only a signed contract has (deliverables). `signedDaysAgo` dates the signature.
 */
export async function markSignedContract(databaseUrl: string, documentId: string, signedDaysAgo = 0, type: 'contract' | 'sow' | 'proposal' = 'contract') {
  await withClient(databaseUrl, (client) =>
    client.query(`UPDATE documents.documents SET type = $2, status = 'signed', status_changed_at = now() - make_interval(days => $3) WHERE id = $1`, [
      parseGlobalId(documentId)!.uuid,
      type,
      signedDaysAgo,
    ]),
  );
}
