import { Field, ID, Int, ObjectType } from 'type-graphql';
import { Column, CreateDateColumn, Entity, Index, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { Project } from '../projects/project.entity.js';

/**
 * One object of an uploaded debug file (a fat Mach-O gives one row per slice), identified as Sentry
 * does. The uploaded bytes and the symbol index converted from them once live in the blob store.
 */
@ObjectType({ description: 'A debug information file (dSYM, ELF, Breakpad) uploaded for a project.' })
@Entity('debug_file')
@Index(['projectId', 'debugId'])
@Index(['projectId', 'debugId', 'checksum'], { unique: true })
export class DebugFile {
  @Field(() => ID)
  @PrimaryGeneratedColumn()
  id!: number;

  @Column()
  projectId!: number;

  @ManyToOne(() => Project, { onDelete: 'CASCADE' })
  project?: Project;

  @Field({ description: 'Canonical debug id (lower-case dashed UUID, with "-<age>" when not 0).' })
  @Column({ type: 'text' })
  debugId!: string;

  @Field(() => String, { nullable: true, description: 'ELF build id or Mach-O UUID, lower-case hex.' })
  @Column({ type: 'text', nullable: true })
  codeId!: string | null;

  @Field({ description: 'CPU architecture, e.g. "x86_64" or "arm64".' })
  @Column({ type: 'text' })
  arch!: string;

  @Field({ description: 'File format: "macho", "elf" or "breakpad".' })
  @Column({ type: 'text' })
  kind!: string;

  @Field(() => [String], { description: 'What it contains: "symtab", "debug" (DWARF lines), "inline", "unwind", "sources".' })
  @Column({ type: 'text', array: true })
  features!: string[];

  @Field({ description: 'The object file name, e.g. "MyApp" or "libfoo.so".' })
  @Column({ type: 'text' })
  objectName!: string;

  @Field(() => Int, { description: 'Bytes of the uploaded file.' })
  @Column({ type: 'integer' })
  size!: number;

  @Field({ description: 'SHA-1 of the uploaded file.' })
  @Column({ type: 'text' })
  checksum!: string;

  // Internal: where the uploaded bytes and the converted symbol index are kept.
  @Column({ type: 'text' })
  storageKey!: string;

  @Column({ type: 'text' })
  symcacheKey!: string;

  @Field()
  @CreateDateColumn({ type: 'timestamptz' })
  dateCreated!: Date;
}
