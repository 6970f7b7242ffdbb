import { Field, ID, Int, ObjectType } from 'type-graphql';
import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * One system library's symbols within an OS build's symbol set (`iOS_10.3.1_14E304`). Sets loaded
 * by the server's admin (`vigil symbols load`) serve every organization (system images are the same
 * binaries on every device of a build); an organization's admins may load sets only it uses.
 */
@ObjectType({ description: 'A system library of an OS build whose symbols an admin loaded.' })
@Entity('system_symbol')
@Index(['debugId'])
@Index(['organizationId', 'sdkName', 'versionMajor', 'versionMinor', 'versionPatch', 'build', 'debugId'], { unique: true })
export class SystemSymbol {
  @Field(() => ID)
  @PrimaryGeneratedColumn()
  id!: number;

  /** 0: loaded by the server's admin, for everyone; else the organization that loaded it. */
  @Column({ type: 'integer', default: 0 })
  organizationId!: number;

  @Field({ description: 'e.g. "iOS".' })
  @Column({ type: 'text' })
  sdkName!: string;

  @Field(() => Int)
  @Column({ type: 'integer' })
  versionMajor!: number;

  @Field(() => Int)
  @Column({ type: 'integer' })
  versionMinor!: number;

  @Field(() => Int)
  @Column({ type: 'integer' })
  versionPatch!: number;

  @Field({ description: 'e.g. "14E304"; empty when the set has none.' })
  @Column({ type: 'text' })
  build!: string;

  @Field()
  @Column({ type: 'text' })
  debugId!: string;

  @Field()
  @Column({ type: 'text' })
  objectName!: string;

  @Field()
  @Column({ type: 'text' })
  arch!: string;

  @Column({ type: 'text' })
  symcacheKey!: string;

  @Field()
  @CreateDateColumn({ type: 'timestamptz' })
  dateCreated!: Date;
}
