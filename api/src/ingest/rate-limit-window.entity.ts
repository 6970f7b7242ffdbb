import { Column, Entity, PrimaryColumn } from 'typeorm';

/** Events counted per limited scope ("key:12", "project:3") per fixed window, shared by all web processes. */
@Entity('rate_limit_window')
export class RateLimitWindow {
  @PrimaryColumn({ type: 'text' })
  scope!: string;

  @PrimaryColumn({ type: 'timestamptz' })
  windowStart!: Date;

  @Column({ type: 'integer' })
  count!: number;
}
