import { graphql } from '../../gql';

export const ImportsDataImportFields = graphql(`
  fragment ImportsDataImportFields on DataImport {
    id
    type
    status
    fileName
    headers
    rowCount
    processedRows
    createdRows
    skippedRows
    failedRows
    failureReason
    mapping {
      column
      field
    }
    suggestedMapping {
      column
      field
    }
    reportFile {
      id
      name
      downloadUrl
    }
  }
`);

export const ImportsTypesQuery = graphql(`
  query ImportsTypes {
    dataImportTypes {
      type
      label
      fields {
        name
        label
        kind
        required
        values
      }
    }
  }
`);

export const ImportsCreateMutation = graphql(`
  mutation ImportsCreate($input: DataImportCreateInput!) {
    dataImportCreate(input: $input) {
      dataImport {
        ...ImportsDataImportFields
      }
      userErrors {
        code
        field
        message
      }
    }
  }
`);

export const ImportsMapMutation = graphql(`
  mutation ImportsMap($input: DataImportMapInput!) {
    dataImportMap(input: $input) {
      dataImport {
        ...ImportsDataImportFields
        preview(first: 20) {
          rowNumber
          values {
            field
            value
          }
          errors {
            code
            field
            column
            message
          }
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

export const ImportsStartMutation = graphql(`
  mutation ImportsStart($input: DataImportStartInput!) {
    dataImportStart(input: $input) {
      dataImport {
        ...ImportsDataImportFields
      }
      userErrors {
        code
        field
        message
      }
    }
  }
`);

export const ImportsCancelMutation = graphql(`
  mutation ImportsCancel($input: DataImportCancelInput!) {
    dataImportCancel(input: $input) {
      dataImport {
        ...ImportsDataImportFields
      }
      userErrors {
        code
        field
        message
      }
    }
  }
`);

export const ImportsChangedSubscription = graphql(`
  subscription ImportsChanged($id: ID!) {
    dataImportChanged(id: $id) {
      event
      dataImport {
        ...ImportsDataImportFields
      }
    }
  }
`);
