import { graphql } from '../gql';

// Every operation that issues a session selects refreshToken: in cookie mode the gateway moves
// it into the httpOnly cookie and answers null here (see gateway README, "Browser sessions").
graphql(`
  fragment IssuedSession on Session {
    accessToken
    expiresAt
    refreshToken
    refreshTokenExpiresAt
    user {
      id
    }
    organization {
      id
    }
  }
`);

export const SignInMutation = graphql(`
  mutation SignIn($input: SessionCreateInput!) {
    sessionCreate(input: $input) {
      session {
        ...IssuedSession
      }
      mfaChallenge {
        challengeToken
        expiresAt
      }
      userErrors {
        code
        message
        field
      }
    }
  }
`);

export const MfaVerifyMutation = graphql(`
  mutation MfaVerify($input: SessionMfaVerifyInput!) {
    sessionMfaVerify(input: $input) {
      session {
        ...IssuedSession
      }
      userErrors {
        code
        message
        field
      }
    }
  }
`);

export const SignUpMutation = graphql(`
  mutation SignUp($input: UserRegisterInput!) {
    userRegister(input: $input) {
      session {
        ...IssuedSession
      }
      userErrors {
        code
        message
        field
      }
    }
  }
`);

export const PasswordResetRequestMutation = graphql(`
  mutation PasswordResetRequest($input: PasswordResetRequestInput!) {
    passwordResetRequest(input: $input) {
      userErrors {
        code
        message
        field
      }
    }
  }
`);

export const PasswordResetMutation = graphql(`
  mutation PasswordReset($input: PasswordResetInput!) {
    passwordReset(input: $input) {
      userErrors {
        code
        message
        field
      }
    }
  }
`);

export const InvitationAcceptMutation = graphql(`
  mutation InvitationAccept($input: InvitationAcceptInput!) {
    invitationAccept(input: $input) {
      session {
        ...IssuedSession
      }
      userErrors {
        code
        message
        field
      }
    }
  }
`);

export const SwitchOrganizationMutation = graphql(`
  mutation SwitchOrganization($input: SessionSwitchOrganizationInput!) {
    sessionSwitchOrganization(input: $input) {
      session {
        ...IssuedSession
      }
      userErrors {
        code
        message
        field
      }
    }
  }
`);
