import { graphql } from '../../gql';

// Every operation of the search module is named Search…: names are unique across the app (persisted
// documents are keyed by them).

export const SearchPaletteQuery = graphql(`
  query SearchPalette($query: String!, $first: Int) {
    search(query: $query, first: $first) {
      nodes {
        type
        node {
          id
        }
        title {
          text
          highlights {
            start
            length
          }
        }
        snippet {
          text
          highlights {
            start
            length
          }
        }
      }
    }
  }
`);
