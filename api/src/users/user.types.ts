import { Field, ID, ObjectType } from 'type-graphql';
import type { User } from './user.entity.js';

@ObjectType('User', { description: 'A person, as other members of an organization see them.' })
export class UserType {
  @Field(() => ID)
  id!: number;

  @Field()
  email!: string;

  @Field()
  name!: string;

  @Field()
  dateCreated!: Date;

  static from(user: Pick<User, 'id' | 'email' | 'name' | 'dateCreated'>): UserType {
    return Object.assign(new UserType(), { id: user.id, email: user.email, name: user.name, dateCreated: user.dateCreated });
  }
}

@ObjectType('Viewer', { description: 'The signed-in user, with what only they may see.' })
export class ViewerType extends UserType {
  static fromUser(user: Pick<User, 'id' | 'email' | 'name' | 'dateCreated'>): ViewerType {
    return Object.assign(new ViewerType(), UserType.from(user));
  }
}
