import { Field, ID, ObjectType } from 'type-graphql';
import { Column, CreateDateColumn, Entity, Index, ManyToOne, PrimaryGeneratedColumn, type Relation } from 'typeorm';
import { MemberRole } from '../auth/scopes.js';
import { User } from '../users/user.entity.js';
import { Organization } from './organization.entity.js';

@ObjectType('Member', { description: 'A user\'s membership in an organization.' })
@Entity('organization_member')
@Index(['organizationId', 'userId'], { unique: true })
@Index(['userId'])
export class Membership {
  @Field(() => ID)
  @PrimaryGeneratedColumn()
  id!: number;

  @Column()
  organizationId!: number;

  @ManyToOne(() => Organization, { onDelete: 'CASCADE' })
  organization?: Relation<Organization>;

  @Column()
  userId!: number;

  @ManyToOne(() => User, { onDelete: 'CASCADE' })
  user?: Relation<User>;

  @Field(() => MemberRole)
  @Column({ type: 'text' })
  role!: MemberRole;

  @Field()
  @CreateDateColumn({ type: 'timestamptz' })
  dateCreated!: Date;
}
