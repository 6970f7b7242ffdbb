import { Field, ID, ObjectType } from 'type-graphql';
import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

export type OrganizationStatus = 'active' | 'pending_deletion';

@ObjectType({ description: 'A tenant: everything in Vigil belongs to exactly one organization.' })
@Entity('organization')
export class Organization {
  @Field(() => ID)
  @PrimaryGeneratedColumn()
  id!: number;

  @Field({ description: 'URL-safe identifier, unique across the installation.' })
  @Column({ type: 'text', unique: true })
  slug!: string;

  @Field()
  @Column({ type: 'text' })
  name!: string;

  // Internal: rows pending deletion are invisible to every query while a job removes them.
  @Column({ type: 'text', default: 'active' })
  status!: OrganizationStatus;

  @Field()
  @CreateDateColumn({ type: 'timestamptz' })
  dateCreated!: Date;
}
