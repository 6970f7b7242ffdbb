import { Field, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { Project } from './project.entity.js';

@InputType()
export class CreateProjectInput {
  @Field()
  name!: string;

  @Field(() => String, { nullable: true, description: 'Derived from the name when omitted.' })
  slug?: string | null;

  @Field(() => String, { nullable: true })
  platform?: string | null;
}

@InputType()
export class UpdateProjectInput {
  @Field(() => String, { nullable: true })
  name?: string | null;

  @Field(() => String, { nullable: true })
  slug?: string | null;

  @Field(() => String, { nullable: true })
  platform?: string | null;

  @Field(() => Boolean, { nullable: true, description: "Hold native crashes whose app debug files are missing (Sentry's reprocessing_active); turning it off releases every held event (with its errors)." })
  reprocessingActive?: boolean | null;
}

@InputType()
export class ProjectKeyInput {
  @Field(() => String, { nullable: true })
  label?: string | null;

  @Field(() => Boolean, { nullable: true })
  isActive?: boolean | null;

  @Field(() => Int, { nullable: true, description: 'Events per window; 0 removes the limit.' })
  rateLimitCount?: number | null;

  @Field(() => Int, { nullable: true, description: 'Window in seconds (1-86400).' })
  rateLimitWindow?: number | null;
}

export enum ChangeKind {
  CREATED = 'created',
  UPDATED = 'updated',
  DELETED = 'deleted',
}

registerEnumType(ChangeKind, { name: 'ChangeKind' });

@ObjectType({ description: 'A project was created, changed or deleted.' })
export class ProjectChange {
  @Field(() => ChangeKind)
  kind!: ChangeKind;

  @Field(() => ID)
  projectId!: number;

  @Field(() => Project, { nullable: true, description: 'The project as it is now; null once deleted.' })
  project!: Project | null;
}
