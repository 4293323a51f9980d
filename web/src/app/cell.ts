import { graphql } from '../gql';

/** Which modules this cell serves: the app shows only theirs. */
export const CellQuery = graphql(`
  query Cell {
    cell {
      name
      modules {
        name
      }
    }
  }
`);
