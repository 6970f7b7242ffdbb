import { graphql } from '../generated';

export const NotificationSettingsQuery = graphql(`
  query NotificationSettings {
    viewer {
      id
      email
      deployEmails
      notificationSettings {
        deployEmails
        commentEmails
        assignmentEmails
        resolutionEmails
        regressionEmails
        mentionEmails
        ownActivityEmails
      }
    }
  }
`);

export const UpdateNotificationSettingsMutation = graphql(`
  mutation UpdateNotificationSettings(
    $deployEmails: Boolean
    $commentEmails: Boolean
    $assignmentEmails: Boolean
    $resolutionEmails: Boolean
    $regressionEmails: Boolean
    $mentionEmails: Boolean
    $ownActivityEmails: Boolean
  ) {
    updateNotificationSettings(
      deployEmails: $deployEmails
      commentEmails: $commentEmails
      assignmentEmails: $assignmentEmails
      resolutionEmails: $resolutionEmails
      regressionEmails: $regressionEmails
      mentionEmails: $mentionEmails
      ownActivityEmails: $ownActivityEmails
    ) {
      id
      deployEmails
      notificationSettings {
        deployEmails
        commentEmails
        assignmentEmails
        resolutionEmails
        regressionEmails
        mentionEmails
        ownActivityEmails
      }
    }
  }
`);

export const MailOutboxQuery = graphql(`
  query MailOutbox {
    mailOutbox(first: 100) {
      id
      date
      subject
      to
      size
    }
  }
`);

export const AccountSessionsQuery = graphql(`
  query AccountSessions {
    viewer {
      id
      sessions {
        id
        device
        ipAddress
        dateCreated
        lastUsedAt
        isCurrent
      }
    }
  }
`);

export const ChangePasswordMutation = graphql(`
  mutation ChangePassword($currentPassword: String!, $newPassword: String!) {
    changePassword(currentPassword: $currentPassword, newPassword: $newPassword)
  }
`);

export const RevokeSessionMutation = graphql(`
  mutation RevokeSession($id: ID!) {
    revokeSession(id: $id)
  }
`);

export const RevokeOtherSessionsMutation = graphql(`
  mutation RevokeOtherSessions {
    revokeOtherSessions
  }
`);
