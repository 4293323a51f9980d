import { graphql } from '../../gql';

export const DataExportCreateMutation = graphql(`
  mutation DataExportCreate($input: DataExportCreateInput!) {
    dataExportCreate(input: $input) {
      dataExport {
        id
        name
        format
        state
        rowsExported
        downloadUrl
        error {
          code
          message
        }
      }
      userErrors {
        code
        field
        message
      }
    }
  }
`);

export const DataExportQuery = graphql(`
  query DataExport($id: ID!) {
    dataExport(id: $id) {
      id
      name
      format
      state
      rowsExported
      downloadUrl
      error {
        code
        message
      }
    }
  }
`);

export const DataExportChangedSubscription = graphql(`
  subscription DataExportChanged($id: ID!) {
    dataExportChanged(id: $id) {
      event
      rowsExported
      dataExport {
        id
        name
        format
        state
        rowsExported
        downloadUrl
        error {
          code
          message
        }
      }
    }
  }
`);

export const DataExportCancelMutation = graphql(`
  mutation DataExportCancel($input: DataExportCancelInput!) {
    dataExportCancel(input: $input) {
      dataExport {
        id
        state
        rowsExported
      }
      userErrors {
        code
        message
      }
    }
  }
`);
