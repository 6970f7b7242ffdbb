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
