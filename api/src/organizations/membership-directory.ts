import type { DataSource } from 'typeorm';
import type { MembershipDirectory } from '../auth/access.js';
import { Membership } from './membership.entity.js';
import { Organization } from './organization.entity.js';

/** A user's memberships of active organizations, for `AccessControl`. */
export function membershipDirectory(db: DataSource): MembershipDirectory {
  return async (userId) => {
    const rows = await db
      .getRepository(Membership)
      .createQueryBuilder('m')
      .innerJoinAndMapOne('m.organization', Organization, 'o', "o.id = m.organization_id AND o.status = 'active'")
      .where('m.user_id = :userId', { userId })
      .getMany();
    return rows.map((membership) => ({ membership, organization: membership.organization! }));
  };
}
