import { Arg, Ctx, Field, Float, ID, Int, ObjectType, FieldResolver, Resolver, Root } from 'type-graphql';
import { GraphQLJSONObject } from 'graphql-scalars';
import type { GraphQLContext } from '../graphql/context.js';
import { authorizedRelease } from '../releases/release.loaders.js';
import { ReleaseType } from '../releases/release.types.js';
import type { ArtifactFile } from './artifact-file.entity.js';
import { listReleaseFiles, releaseArtifactBytes } from './release-file.service.js';

@ObjectType('ReleaseFile', { description: 'A file uploaded to a release (legacy release files): a minified file, a source map or a source.' })
export class ReleaseFileType {
  @Field(() => ID) id!: string;
  @Field({ description: 'The URL it answers for, e.g. ~/static/app.min.js.' }) name!: string;
  @Field(() => String, { nullable: true }) dist!: string | null;
  @Field(() => String, { nullable: true, description: 'minified_source, source_map or source.' }) fileType!: string | null;
  @Field(() => String, { nullable: true }) debugId!: string | null;
  @Field(() => GraphQLJSONObject) headers!: Record<string, string>;
  @Field(() => Int, { description: 'Bytes.' }) size!: number;
  @Field({ description: 'SHA-1 of the content.' }) sha1!: string;
  @Field() dateCreated!: Date;

  static from(file: ArtifactFile): ReleaseFileType {
    return Object.assign(new ReleaseFileType(), {
      id: String(file.id),
      name: file.url,
      dist: file.dist || null,
      fileType: file.fileType,
      debugId: file.debugId,
      headers: file.headers,
      size: file.size,
      sha1: file.checksum,
      dateCreated: file.dateCreated,
    });
  }
}

/** A release's artifacts: its release files and the bytes everything uploaded for it takes. */
@Resolver(() => ReleaseType)
export class ReleaseFilesResolver {
  @FieldResolver(() => [ReleaseFileType], { description: 'Release files by name (sentry-cli / the release files API).' })
  async files(@Ctx() ctx: GraphQLContext, @Root() release: ReleaseType, @Arg('first', () => Int, { defaultValue: 100 }) first: number): Promise<ReleaseFileType[]> {
    const entity = await authorizedRelease(ctx, release);
    return (await listReleaseFiles(ctx.app, entity, Math.min(Math.max(first, 1), 1000))).map(ReleaseFileType.from);
  }

  @FieldResolver(() => Float, { description: 'Bytes of the artifacts uploaded for the release (release files and artifact bundles).' })
  async size(@Ctx() ctx: GraphQLContext, @Root() release: ReleaseType): Promise<number> {
    return releaseArtifactBytes(ctx.app, await authorizedRelease(ctx, release));
  }
}
