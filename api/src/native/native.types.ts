import { Field, ID, Int, ObjectType } from 'type-graphql';

@ObjectType('ProcessingIssue', { description: 'A debug file events are waiting for (reprocessing); resolved when it is uploaded.' })
export class ProcessingIssueType {
  @Field(() => ID) id!: string;
  @Field({ description: 'The debug id of the missing or unreadable file.' }) debugId!: string;
  @Field({ description: '"native_missing_dsym" or "native_bad_dsym".' }) type!: string;
  @Field({ description: 'Path of the image on the device.' }) imagePath!: string;
  @Field(() => String, { nullable: true }) arch!: string | null;
  @Field(() => String, { nullable: true, description: 'Why an uploaded file could not be used.' }) message!: string | null;
  @Field(() => Int, { description: 'Held events waiting for this file.' }) numEvents!: number;
  @Field() lastSeen!: Date;
}

@ObjectType('ProcessingIssues', { description: "The project's reprocessing state: what is missing and what waits for it." })
export class ProcessingIssuesType {
  @Field(() => [ProcessingIssueType]) issues!: ProcessingIssueType[];
  @Field(() => Int, { description: 'Events held (out of the stream) until their debug files arrive.' }) heldEvents!: number;
  @Field({ description: 'Shell commands that upload the missing files with sentry-cli.' }) uploadInstructions!: string;
}

@ObjectType('DebugImage', { description: "A native image (executable or library) of an event's debug_meta, with its symbolication status." })
export class DebugImageType {
  @Field() type!: string;
  @Field(() => String, { nullable: true }) codeFile!: string | null;
  @Field(() => String, { nullable: true }) debugId!: string | null;
  @Field(() => String, { nullable: true }) codeId!: string | null;
  @Field(() => String, { nullable: true }) arch!: string | null;
  @Field(() => String, { nullable: true }) imageAddr!: string | null;
  @Field(() => String, { nullable: true, description: 'Bytes, as a decimal string (64-bit).' }) imageSize!: string | null;
  @Field(() => String, { nullable: true, description: 'found, unused, missing or malformed.' }) debugStatus!: string | null;
  @Field({ description: 'Part of the app (not the system).' }) inApp!: boolean;
}
