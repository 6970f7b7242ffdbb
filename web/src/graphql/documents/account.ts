import { graphql } from '../generated';

export const NotificationSettingsQuery = graphql(`
  query NotificationSettings {
    viewer {
      id
      email
      deployEmails
    }
  }
`);

export const UpdateNotificationSettingsMutation = graphql(`
  mutation UpdateNotificationSettings($deployEmails: Boolean!) {
    updateNotificationSettings(deployEmails: $deployEmails) {
      id
      deployEmails
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
