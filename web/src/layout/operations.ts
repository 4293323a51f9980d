import { graphql } from '../gql';

export const ViewerQuery = graphql(`
  query Viewer {
    me {
      id
      name
      email
      avatarUrl
      memberships {
        role
        organization {
          id
          name
        }
      }
    }
    organization {
      id
      name
      viewerRole
    }
  }
`);

export const NodeTypeQuery = graphql(`
  query NodeType($id: ID!) {
    node(id: $id) {
      __typename
      id
    }
  }
`);
