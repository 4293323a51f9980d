import { ApolloProvider } from '@apollo/client/react';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { createAppClient } from './app/apollo';
import { App } from './app/App';
import { SessionContext } from './app/context';
import { SessionStore } from './app/session';
import './styles.css';

const session = new SessionStore();
void session.refresh().catch(() => undefined); // a returning visitor's cookie signs them in silently
const { client } = createAppClient(session);

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <SessionContext.Provider value={session}>
      <ApolloProvider client={client}>
        <App />
      </ApolloProvider>
    </SessionContext.Provider>
  </StrictMode>,
);
