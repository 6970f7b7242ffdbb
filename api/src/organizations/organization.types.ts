import { Field, InputType } from 'type-graphql';

@InputType()
export class CreateOrganizationInput {
  @Field()
  name!: string;

  @Field(() => String, { nullable: true, description: 'Derived from the name when omitted.' })
  slug?: string | null;
}

@InputType()
export class UpdateOrganizationInput {
  @Field(() => String, { nullable: true })
  name?: string | null;

  @Field(() => String, { nullable: true, description: 'Renames the URL slug; old links stop working.' })
  slug?: string | null;
}
