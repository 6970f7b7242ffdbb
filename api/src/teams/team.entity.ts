import { Field, ID, ObjectType } from 'type-graphql';
import { Column, CreateDateColumn, Entity, Index, ManyToOne, PrimaryGeneratedColumn, type Relation } from 'typeorm';
import { Organization } from '../organizations/organization.entity.js';

@ObjectType({ description: 'A group of members; issues can be assigned to a team.' })
@Entity('team')
@Index(['organizationId', 'slug'], { unique: true })
export class Team {
  @Field(() => ID)
  @PrimaryGeneratedColumn()
  id!: number;

  @Column()
  organizationId!: number;

  @ManyToOne(() => Organization, { onDelete: 'CASCADE' })
  organization?: Relation<Organization>;

  @Field({ description: 'Unique within the organization.' })
  @Column({ type: 'text' })
  slug!: string;

  @Field()
  @Column({ type: 'text' })
  name!: string;

  @Field()
  @CreateDateColumn({ type: 'timestamptz' })
  dateCreated!: Date;
}
