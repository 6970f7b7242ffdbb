import { Column, CreateDateColumn, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * A failed (or in-flight) sign-in, counted per email and per client IP over a sliding window so
 * that every web process shares the throttle (session.service.ts).
 */
@Entity('login_failure')
@Index(['emailHash', 'at'])
@Index(['clientIp', 'at'])
@Index(['at'])
export class LoginFailure {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id!: string;

  /** sha256 of the normalized email: the throttle needs no readable address. */
  @Column({ type: 'text' })
  emailHash!: string;

  @Column({ type: 'text', nullable: true })
  clientIp!: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  at!: Date;
}
