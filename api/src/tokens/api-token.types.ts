import { Field, ID, InputType, ObjectType } from 'type-graphql';
import type { ApiToken } from './api-token.entity.js';

@ObjectType('ApiToken', { description: 'A personal API token. The token itself is shown only when created.' })
export class ApiTokenType {
  @Field(() => ID)
  id!: number;

  @Field()
  name!: string;

  @Field(() => [String], { description: 'Sentry-style scopes such as project:read or project:releases.' })
  scopes!: string[];

  @Field({ description: 'The last four characters, to tell tokens apart.' })
  tokenLastCharacters!: string;

  @Field()
  dateCreated!: Date;

  @Field(() => Date, { nullable: true })
  lastUsedAt!: Date | null;

  static from(token: ApiToken): ApiTokenType {
    const { id, name, scopes, tokenLastCharacters, dateCreated, lastUsedAt } = token;
    return Object.assign(new ApiTokenType(), { id, name, scopes, tokenLastCharacters, dateCreated, lastUsedAt });
  }
}

@ObjectType({ description: 'A new token: copy `token` now, it cannot be shown again.' })
export class CreatedApiToken {
  @Field()
  token!: string;

  @Field(() => ApiTokenType)
  apiToken!: ApiTokenType;
}

@InputType()
export class CreateApiTokenInput {
  @Field()
  name!: string;

  @Field(() => [String])
  scopes!: string[];
}
