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

/** The feature flags as they apply to the signed-in user: a module whose `module.<name>` is off is hidden. */
export const FeaturesQuery = graphql(`
  query Features {
    features {
      key
      enabled
    }
  }
`);
