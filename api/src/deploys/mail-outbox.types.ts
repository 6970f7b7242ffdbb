import { Field, ID, Int, ObjectType } from 'type-graphql';
import type { OutboxEntry } from '../../../integrations/src/email/outbox.js';

@ObjectType('OutboxMail', { description: 'An email Vigil wrote to its local outbox because no SMTP server is configured.' })
export class OutboxMailType {
  @Field(() => ID, { description: 'The .eml file name in the outbox.' })
  id!: string;

  @Field()
  to!: string;

  @Field()
  subject!: string;

  @Field()
  date!: Date;

  @Field(() => Int, { description: 'Size of the raw message in bytes.' })
  size!: number;

  static from(entry: OutboxEntry): OutboxMailType {
    return Object.assign(new OutboxMailType(), entry);
  }
}
