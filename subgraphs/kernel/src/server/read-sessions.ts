import type { ApolloServerPlugin } from '@apollo/server';
import type { Database } from '../db/database.js';
import type { SubgraphContext } from '../context/request-context.js';

/**
 * A query operation's reads share one read transaction on this subgraph (Database.beginReadSession):
 * its loaders cost one statement each instead of four. Mutations keep one transaction per unit of
 * work. The session ends (COMMIT) when the response is sent, after every resolver has finished.
 */
export function readSessions(db: Database): ApolloServerPlugin<SubgraphContext> {
  return {
    async requestDidStart({ contextValue }) {
      let began = false;
      return {
        async didResolveOperation({ operation }) {
          if (operation?.operation !== 'query') return;
          db.beginReadSession(contextValue.request);
          began = true;
        },
        async willSendResponse() {
          if (began) await db.endReadSession(contextValue.request);
        },
      };
    },
  };
}
