import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** A person who signs in. Storage only: GraphQL exposes `UserType`, never this row (it holds the hash). */
@Entity('users')
export class User {
  @PrimaryGeneratedColumn()
  id!: number;

  /** Always stored lower-cased; unique across the installation. */
  @Column({ type: 'text', unique: true })
  email!: string;

  @Column({ type: 'text', default: '' })
  name!: string;

  /** scrypt hash; null for people added as members who have not set a password yet. */
  @Column({ type: 'text', nullable: true })
  passwordHash!: string | null;

  /** Deploy emails: sent when a deploy ships the person's commits, unless they opted out. */
  @Column({ default: true })
  deployEmails!: boolean;

  /** Workflow emails about issues one is subscribed to, per kind (each on unless turned off). */
  @Column({ default: true })
  commentEmails!: boolean;

  @Column({ default: true })
  assignmentEmails!: boolean;

  @Column({ default: true })
  resolutionEmails!: boolean;

  @Column({ default: true })
  regressionEmails!: boolean;

  /** "X mentioned you on WEB-12". */
  @Column({ default: true })
  mentionEmails!: boolean;

  /** Also email me about what I did myself (off: never notified about one's own activity). */
  @Column({ default: false })
  ownActivityEmails!: boolean;

  @CreateDateColumn({ type: 'timestamptz' })
  dateCreated!: Date;
}
